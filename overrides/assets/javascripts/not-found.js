// The site's 404 page (a static host serves it for any missing address):
// show the 404 page of the locale the address is under, in place, so the
// address and the 404 status stay as they are. An address under no locale
// gets the English one. Without JavaScript the reader sees the English text.
(function () {
  "use strict";
  var html = document.documentElement;
  var root = html.getAttribute("data-hc-root") || "/";
  var locales = (html.getAttribute("data-hc-locales") || "").split(" ");
  var path = location.pathname.indexOf(root) === 0 ? location.pathname.slice(root.length) : "";
  var slug = path.split("/")[0];
  if (locales.indexOf(slug) < 0) slug = locales[0];
  fetch(root + slug + "/404.html", { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.text() : null; })
    .then(function (page) {
      if (!page) return;
      document.open();
      document.write(page);
      document.close();
    })
    .catch(function () {});
})();
