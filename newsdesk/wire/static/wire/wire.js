// New wire items arrive live: ask for items newer than the newest shown,
// every few seconds, and put them on top (or into their story's group).
// The page works without this.
(function () {
  "use strict";
  var live = document.getElementById("wire-live");
  var list = document.getElementById("wire-list");
  if (!live || !list) return;
  var after = parseInt(live.getAttribute("data-after"), 10) || 0;
  if (!after) return; // an older page, or no items: nothing to extend
  var base = live.getAttribute("data-poll");
  var arrived = 0;

  // The page's own words for what this script writes, rendered by the
  // server in the page's language (<body data-text>, {% script_text %});
  // plurals by Intl.PluralRules, one form per category.
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

  function row(item) {
    var li = document.createElement("li");
    li.className = "wire-item status-" + item.status + (item.duplicate ? " duplicate" : "");
    li.setAttribute("data-id", String(item.id));
    var a = document.createElement("a");
    a.href = item.href;
    a.textContent = item.title;
    var meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = " " + item.source + " · " + say("wireNew", "new");
    li.appendChild(a);
    li.appendChild(meta);
    return li;
  }

  function poll() {
    var url = base + (base.indexOf("?") >= 0 ? "&" : "?") + "after=" + after;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (data) {
        (data.items || []).forEach(function (item) {
          if (item.id <= after) return;
          after = item.id;
          // An item of a story already shown joins its group (earliest
          // first, so at the end), and the group moves to the top.
          var group = item.story
            ? list.querySelector('li.wire-story[data-story="' + item.story + '"]')
            : null;
          var items = group ? group.querySelector("ol") : null;
          if (group && items) {
            items.appendChild(row(item));
            list.insertBefore(group, list.firstChild);
          } else {
            list.insertBefore(row(item), list.firstChild);
          }
          arrived += 1;
        });
        if (arrived) {
          live.hidden = false;
          live.textContent = say("newItems", arrived === 1 ? "1 new item" : arrived + " new items", arrived);
        }
      })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 5000);
})();
