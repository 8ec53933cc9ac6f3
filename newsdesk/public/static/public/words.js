// The page's own words for what its scripts write, rendered by the server in
// the page's language (<body data-text>, {% script_text %}); plurals by
// Intl.PluralRules, one form per category. live.js, desk.js, notify.js and
// wire.js read them through window.newsdeskWords; it loads before them.
(function () {
  "use strict";
  var words = {};
  try { words = JSON.parse(document.body.getAttribute("data-text") || "{}"); } catch (e) { words = {}; }
  function say(key, fallback, n, time) {
    var text = words[key];
    if (text && typeof text === "object") {
      var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(words.lang || undefined) : null;
      text = text[rules ? rules.select(n) : (n === 1 ? "one" : "other")] || text.other;
    }
    return String(text || fallback).replace(/%\(n\)[sd]/, String(n)).replace("%(time)s", String(time));
  }
  window.newsdeskWords = { say: say };
})();
