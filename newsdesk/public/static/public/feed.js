// Enhances the reader pages; every page works without it.
// "Show More" appends the next page in place and updates the address.
(function () {
  "use strict";

  function cardIds(list) {
    var ids = new Set();
    list.querySelectorAll("[data-article-id]").forEach(function (el) {
      ids.add(el.getAttribute("data-article-id"));
    });
    document.querySelectorAll(".pinned [data-article-id]").forEach(function (el) {
      ids.add(el.getAttribute("data-article-id"));
    });
    return ids;
  }

  function showMore(link) {
    var list = document.querySelector("[data-feed-list]");
    var pager = link.closest("[data-pager]");
    if (!list || !pager) { return false; }
    link.setAttribute("aria-busy", "true");
    fetch(link.href, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var incoming = doc.querySelector("[data-feed-list]");
        var seen = cardIds(list);
        var first = null;
        if (incoming) {
          incoming.querySelectorAll(":scope > [data-article-id]").forEach(function (card) {
            if (seen.has(card.getAttribute("data-article-id"))) { return; }
            var node = document.importNode(card, true);
            list.appendChild(node);
            if (!first) { first = node; }
          });
        }
        var nextPager = doc.querySelector("[data-pager]");
        if (nextPager) {
          pager.replaceWith(document.importNode(nextPager, true));
        } else {
          pager.remove();
        }
        history.replaceState(null, "", link.href);
        updateTimes();
        if (first) {
          var target = first.querySelector("a");
          if (target) { target.focus({ preventScroll: true }); }
        }
      })
      .catch(function () {
        window.location.href = link.href;  // fall back to the plain link
      });
    return true;
  }

  // Relative times ("5 minutes ago") are added here, in the interface's
  // language (<body data-text>: an article's page may carry the article's own
  // language in <html lang>): the server sends absolute times only, so cached
  // pages never go stale.
  var interfaceLanguage = document.documentElement.lang || undefined;
  try {
    interfaceLanguage = JSON.parse(document.body.getAttribute("data-text") || "{}").lang || interfaceLanguage;
  } catch (e) { /* keep the page's */ }
  var units = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400],
               ["hour", 3600], ["minute", 60]];
  var format = window.Intl && Intl.RelativeTimeFormat ?
    new Intl.RelativeTimeFormat(interfaceLanguage, { numeric: "auto" }) : null;

  function relative(date) {
    var seconds = Math.round((date.getTime() - Date.now()) / 1000);
    for (var i = 0; i < units.length; i += 1) {
      if (Math.abs(seconds) >= units[i][1]) {
        return format.format(Math.round(seconds / units[i][1]), units[i][0]);
      }
    }
    return format.format(0, "second");
  }

  function updateTimes() {
    if (!format) { return; }
    document.querySelectorAll("time[data-relative]").forEach(function (el) {
      var date = new Date(el.getAttribute("datetime"));
      if (isNaN(date.getTime())) { return; }
      var rel = el.querySelector(".rel");
      if (!rel) {
        rel = document.createElement("span");
        rel.className = "rel";
        el.prepend(rel, " ");
      }
      rel.textContent = relative(date);
    });
  }

  updateTimes();
  window.setInterval(updateTimes, 30000);
  window.newsdeskTimes = updateTimes;

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-show-more]");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    if (showMore(link)) { event.preventDefault(); }
  });
})();
