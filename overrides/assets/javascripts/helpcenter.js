// Reader tools, loaded before Material's bundle on every page. Everything
// here is an improvement: without JavaScript every link, the language menu
// and the home page still work (only search needs JavaScript).
(function () {
  "use strict";

  // 1. Search runs in a worker of ours that splits Thai, Khmer, Chinese and
  //    Japanese text into words and knows Arabic and Hebrew prefixes
  //    (workers/search-worker.js); it loads Material's worker itself.
  var config = document.getElementById("__config");
  if (config) {
    var settings = JSON.parse(config.textContent);
    var material = settings.search.replace(/^.*\/workers\//, "");
    settings.search = settings.search.replace(/workers\/[^/]+$/, "workers/search-worker.js") +
      "#" + encodeURIComponent(material + "|" + document.documentElement.lang);
    config.textContent = JSON.stringify(settings);
  }

  // 2. The search index loads when the reader starts a search, not on every
  //    page view: Material requests it at start-up; hold that request until
  //    the search field gets focus (click, tap, the "/" and "s" keys), or
  //    until a page opened from a search result needs it to highlight.
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
    var target = event.target;
    if (target.classList && (target.classList.contains("md-search__input") || target.hasAttribute("data-hc-search"))) {
      startSearch();
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) startSearch();
  });

  // 3. Search words never leave the browser. Material puts them in each
  //    result's address (?h=…) to highlight them on the page it opens, and
  //    an address reaches the server's logs. Instead, the result links keep
  //    a clean address and the words travel in this tab's window.name, which
  //    no server sees; the page that opens hands them to Material for
  //    highlighting, then clears them.
  var HIGHLIGHT = "hc-highlight:";
  function cleanResults(root) {
    var items = root.matches && root.matches(".md-search-result__item") ? [root]
      : Array.prototype.slice.call(root.querySelectorAll(".md-search-result__item"));
    items.forEach(function (item) {
      var links = item.querySelectorAll("a.md-search-result__link");
      var words = [];
      links.forEach(function (link) {  // a page's result: the words any of its sections matched
        var url = new URL(link.href);
        (url.searchParams.get("h") || "").split(" ").forEach(function (word) {
          if (word && words.indexOf(word) < 0) words.push(word);
        });
        url.searchParams.delete("h");
        link.href = url.href;
      });
      links.forEach(function (link) { link.setAttribute("data-hc-words", words.join(" ")); });
    });
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) { if (node.querySelectorAll) cleanResults(node); });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-hc-words]");
    if (link) window.name = HIGHLIGHT + link.getAttribute("data-hc-words");
  }, true);
  if (window.name.indexOf(HIGHLIGHT) === 0) {
    var words = window.name.slice(HIGHLIGHT.length);
    window.name = "";
    var here = new URL(location.href);
    here.searchParams.set("h", words);
    history.replaceState(history.state, "", here.href);  // for Material to read; no request is made
    startSearch();
    window.addEventListener("load", function () {
      here.searchParams.delete("h");
      history.replaceState(history.state, "", here.href);  // a reload or a copied link carries no words
    });
  }

  // 4. Nothing in the browser's storage until the reader chooses: Material
  //    saves the active colour scheme on every page view. Let that write
  //    through only once the reader has used the light/dark switch; the
  //    choice is kept for the whole site, every language (the theme's storage
  //    scope is the site root).
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

  // 5. Tables too wide for the screen scroll inside a box Material adds at
  //    load; make each box reachable by keyboard, and say when it scrolls.
  new MutationObserver(function () {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
      box.setAttribute("tabindex", "0");
      box.classList.toggle("hc-scrolls", box.scrollWidth > box.clientWidth + 1);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  document.addEventListener("DOMContentLoaded", function () {
    languageMenu();
    homeSearch();
    share();
  });

  // 6. The language menu (a <details> element: it works without JavaScript):
  //    type to filter, arrow keys move, Escape closes and returns focus.
  function languageMenu() {
    var menu = document.querySelector(".hc-languages");
    if (!menu) return;
    var summary = menu.querySelector("summary");
    var filter = menu.querySelector(".hc-languages__filter");
    var none = menu.querySelector(".hc-languages__none");
    var links = Array.prototype.slice.call(menu.querySelectorAll(".hc-languages__link"));
    if (filter) {
      filter.hidden = false;
      filter.addEventListener("input", function () {
        var wanted = filter.value.trim().toLowerCase();
        var shown = 0;
        links.forEach(function (link) {
          var match = !wanted || link.getAttribute("data-hc-names").indexOf(wanted) >= 0;
          link.parentNode.hidden = !match;
          shown += match ? 1 : 0;
        });
        if (none) none.hidden = shown > 0;
      });
    }
    menu.addEventListener("toggle", function () {
      if (menu.open && filter) filter.focus();
    });
    menu.addEventListener("keydown", function (event) {
      var visible = links.filter(function (link) { return !link.parentNode.hidden; });
      var at = visible.indexOf(document.activeElement);
      if (event.key === "Escape") {
        menu.open = false;
        summary.focus();
        event.preventDefault();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = at < 0 ? (step > 0 ? 0 : visible.length - 1) : (at + step + visible.length) % visible.length;
        if (visible[next]) visible[next].focus();
        event.preventDefault();
      } else if (event.key === "Home" && at >= 0) {
        visible[0].focus();
        event.preventDefault();
      } else if (event.key === "End" && at >= 0) {
        visible[visible.length - 1].focus();
        event.preventDefault();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  }

  // 7. The home page's search field hands what the reader types to the
  //    site's search (the header's search dialog).
  function homeSearch() {
    var field = document.querySelector("[data-hc-search]");
    var input = document.querySelector(".md-search__input");
    var toggle = document.getElementById("__search");
    if (!field || !input || !toggle) return;
    field.closest("form").hidden = false;
    function go(event) {
      if (event) event.preventDefault();
      startSearch();
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      input.value = field.value;
      input.focus();
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
    field.closest("form").addEventListener("submit", go);
    field.addEventListener("input", function () { if (field.value.length > 1) go(); });
  }

  // 8. "Share this article": copy the link, or the device's share sheet,
  //    each shown only when the browser can do it. The email link always works.
  function share() {
    var box = document.querySelector(".hc-share");
    if (!box) return;
    var url = box.getAttribute("data-url");
    var copy = box.querySelector(".hc-share__copy");
    var device = box.querySelector(".hc-share__device");
    var status = box.querySelector(".hc-share__status");
    if (navigator.clipboard && copy) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = copy.getAttribute("data-done");
        });
      });
    }
    if (navigator.share && device) {
      device.hidden = false;
      device.addEventListener("click", function () {
        navigator.share({ title: document.title, url: url }).catch(function () {});
      });
    }
  }
})();
