// The site root: go to the locale that best matches the browser's languages
// (navigator.languages, in order), English when none does. The choices are
// the links of the language list on the page itself.
(function () {
  "use strict";
  // Browser codes that name one of our locales differently.
  var ALIASES = { nn: "nb", no: "nb", tl: "fil", iw: "he", "in": "id", prs: "fa-af" };

  function best(links, wanted) {
    var byTag = {};
    links.forEach(function (a) { byTag[a.hreflang.toLowerCase()] = a; });
    for (var i = 0; i < wanted.length; i++) {
      var tag = wanted[i].toLowerCase();
      var primary = tag.split("-")[0];
      if (byTag[tag]) return byTag[tag];
      if (primary === "zh") {  // script or region decides the written form
        return byTag[/hant|-tw|-hk|-mo/.test(tag) ? "zh-tw" : "zh-cn"];
      }
      if (ALIASES[tag] && byTag[ALIASES[tag]]) return byTag[ALIASES[tag]];
      if (ALIASES[primary] && byTag[ALIASES[primary]]) return byTag[ALIASES[primary]];
      if (byTag[primary]) return byTag[primary];
    }
    return byTag.en;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var list = document.getElementById("hc-locales");
    var links = Array.prototype.slice.call(list.querySelectorAll("a[hreflang]"));
    var target = best(links, navigator.languages || [navigator.language || "en"]);
    if (target) window.location.replace(target.href);
  });
})();
