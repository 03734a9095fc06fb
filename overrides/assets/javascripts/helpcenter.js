// Reader tools, loaded before Material's bundle on every page.
(function () {
  "use strict";

  // 1. The search index loads when the reader starts a search, not on every
  //    page view: Material requests it at start-up; hold that request until
  //    the search field gets focus (click, tap, or the "/" and "s" keys).
  var started = false;
  var waiting = [];
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.hcDeferred = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this;
    var args = arguments;
    if (xhr.hcDeferred && !started) {
      waiting.push(function () { send.apply(xhr, args); });
      return undefined;
    }
    return send.apply(xhr, args);
  };
  function startSearch() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("md-search__input")) startSearch();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) startSearch();
  });

  // 2. Nothing in the browser's storage until the reader chooses: Material
  //    saves the active color scheme on every page view. Let that write
  //    through only once the reader has used the light/dark switch on this
  //    page (resources/cookies.md and includes/en/site-storage.md say so).
  var chosen = false;
  var PALETTE = /\.__palette$/;
  var setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key) {
    if (!chosen && PALETTE.test(String(key))) return undefined;
    return setItem.apply(this, arguments);
  };
  function choose(event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-md-component=palette]")) chosen = true;
  }
  document.addEventListener("click", choose, true);
  document.addEventListener("change", choose, true);

  // 3. Tables too wide for the screen scroll inside a box Material adds at
  //    load; make each box reachable by keyboard so it can be scrolled.
  new MutationObserver(function () {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
      box.setAttribute("tabindex", "0");
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // 4. "Share this article": copy the link, or the device's share sheet.
  //    Without JavaScript only the email link shows.
  document.addEventListener("DOMContentLoaded", function () {
    var share = document.querySelector(".hc-share");
    if (!share) return;
    var url = share.getAttribute("data-url");
    var copy = share.querySelector(".hc-share__copy");
    var device = share.querySelector(".hc-share__device");
    var status = share.querySelector(".hc-share__status");
    if (navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = copy.getAttribute("data-done");
        });
      });
    }
    if (navigator.share) {
      device.hidden = false;
      device.addEventListener("click", function () {
        navigator.share({ title: document.title, url: url }).catch(function () {});
      });
    }
  });
})();
