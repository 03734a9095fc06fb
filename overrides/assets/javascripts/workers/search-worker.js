// Material's search worker, taught the scripts it does not split into words.
//
// Started as `search-worker.js#<Material's worker>|<page language>` (see
// helpcenter.js). Before Material builds its index, runs of Thai, Lao, Khmer,
// Myanmar, Chinese and Japanese text are split into words with the browser's
// own segmenter (Intl.Segmenter, ICU word boundaries) and the words joined
// with zero-width spaces, which the search separator splits on; queries are
// split with the same segmenter, so index and query follow the same rules.
// Arabic and Hebrew words are indexed and searched also without the prefixes
// those scripts write onto words (the article al-, "and", "to", "in"…). In
// languages whose words lunr stems, each query word is also searched as its
// stem: Material searches every word as a prefix (word*), and lunr leaves
// such terms unstemmed, so "derechos" would not find the indexed "derech".
// Arabic tatweel and vowel marks and Hebrew points are ignored on both sides.
(function () {
  "use strict";
  var hash = decodeURIComponent(self.location.hash.slice(1)).split("|");
  var language = hash[1] || "en";
  // Script_Extensions, not Script: the prolonged sound mark ー, the middle dot
  // and the iteration marks belong to Japanese words but to no one script.
  var UNSPACED = /[\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Mymr}\p{scx=Hani}\p{scx=Hira}\p{scx=Kana}]+/gu;
  // Marks that do not change a word: Arabic tatweel and vowel marks, Hebrew points.
  var MARKS = /[\u0640\u064B-\u065F\u0670\u05B0-\u05BD\u05BF\u05C1\u05C2\u05C7]/g;
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter
    ? new Intl.Segmenter(language, { granularity: "word" }) : null;

  function words(run) {
    var found = [];
    for (var part of segmenter.segment(run)) {
      if (part.isWordLike) found.push(part.segment);
    }
    return found;
  }

  // `text` with each unspaced run split into words joined by `glue`.
  function segment(text, glue) {
    if (typeof text !== "string") return text;
    text = text.replace(MARKS, "");
    if (!segmenter) return text;
    return text.replace(UNSPACED, function (run) {
      return glue + words(run).join(glue) + glue;
    });
  }

  // Prefixes written onto a word, longest first: Arabic conjunction + article
  // and prepositions, Hebrew one-letter prefixes (and their pairs).
  var ARABIC = /^(?:وال|فال|بال|كال|لل|ال|و|ف|ب|ك|ل)(?=[\u0621-\u064A]{2,})/;
  var HEBREW = /^(?:וה|שה|כש|מה|לה|בה|ו|ה|ב|ל|מ|ש|כ)(?=[\u05D0-\u05EA]{2,})/;

  function expand(tokens) {
    var result = [];
    tokens.forEach(function (token) {
      result.push(token);
      var text = token.toString();
      var bare = text.replace(ARABIC, "").replace(HEBREW, "");
      if (bare !== text) result.push(token.clone(function () { return bare; }));
    });
    return result;
  }

  var stem = null;  // the index language's stemmer, once Material has loaded it

  function variants(query) {
    return query.split(/\s+/).map(function (word) {
      if (!word || /^[+\-~^]|[*~^:]/.test(word) || !self.lunr) return word;
      var found = [word];
      var tokens = expand([new self.lunr.Token(word.toLowerCase())]);
      tokens.forEach(function (token) {
        var text = stem ? stem(token).toString() : token.toString();
        [token.toString(), text].forEach(function (form) {
          if (form && found.indexOf(form) < 0) found.push(form);
        });
      });
      return found.join(" ");
    }).join(" ");
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.hc) return;  // already ours: let Material's handler have it
    event.stopImmediatePropagation();
    if (message.type === 0) {  // setup: segment the documents, split on zero-width spaces too
      var data = message.data;
      var lang = data.config.lang[0];
      setTimeout(function () {  // Material loads the language's scripts while it sets up
        var language = lang === "en" ? self.lunr : self.lunr[lang];
        stem = language && language.stemmer && data.config.pipeline.indexOf("stemmer") >= 0 ? language.stemmer : null;
      }, 0);
      data.config.separator = "[\\s\\u200b\\-]+|" + data.config.separator;
      data.docs.forEach(function (doc) {
        doc.title = segment(doc.title, "\u200b");
        doc.text = segment(doc.text, "\u200b");
      });
    } else if (message.type === 2 && typeof message.data === "string") {  // query
      message = { type: message.type, data: variants(segment(message.data, " ").trim()) };
    }
    message.hc = true;
    self.dispatchEvent(new MessageEvent("message", { data: message }));
  });

  importScripts(new URL(hash[0], self.location.href).href);

  var run = self.lunr.Pipeline.prototype.run;
  self.lunr.Pipeline.prototype.run = function (tokens) {
    return expand(run.call(this, tokens));
  };
})();
