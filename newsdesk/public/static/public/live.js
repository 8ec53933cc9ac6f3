// Live updates for the reader pages (Server-Sent Events from /live).
// Pages work without it; with it, new updates wait behind a "N new updates"
// banner while the reader is scrolled down, and appear directly at the top.
(function () {
  "use strict";
  var body = document.body;
  if (!body || !body.dataset.live || !window.EventSource || !window.fetch) { return; }

  var lastId = body.dataset.lastEventId || "0";
  var tag = body.dataset.liveTag || "";
  var language = body.dataset.liveLanguage || "";  // a page of one language's updates
  var coverage = body.dataset.liveCoverage || "";  // a live coverage's page: its updates only
  var list = document.querySelector("[data-live-feed]");
  var story = document.querySelector("article.story[data-article-id]");
  var baseTitle = document.title;
  var waiting = [];          // ids of published articles not yet shown
  var backoff = 1000;
  var source = null;

  // The page's words, from the shared script loaded before this one.
  var say = window.newsdeskWords.say;

  var status = document.createElement("div");
  status.className = "live-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  var banner = document.createElement("button");
  banner.type = "button";
  banner.className = "live-banner";
  banner.hidden = true;
  status.appendChild(banner);
  var message = document.createElement("p");
  message.className = "live-message";
  status.appendChild(message);
  if (list) {
    list.parentNode.insertBefore(status, list);
  } else {
    (document.querySelector("main") || body).prepend(status);
  }

  function atTop() { return window.scrollY < 150; }

  function plural(n) { return say("newUpdates", n === 1 ? "1 new update" : n + " new updates", n); }

  function showCount() {
    var n = waiting.length;
    banner.hidden = n === 0;
    banner.textContent = n ? plural(n) : "";
    document.title = n ? "(" + n + ") " + baseTitle : baseTitle;
  }

  function fetchPage(url) {
    // no-cache: revalidate, so a page cached a moment ago cannot hide the update.
    return fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin", cache: "no-cache" })
      .then(function (response) {
        return response.text().then(function (html) {
          return { status: response.status, doc: new DOMParser().parseFromString(html, "text/html") };
        });
      });
  }

  function card(id) {
    return document.querySelectorAll('[data-article-id="' + id + '"]');
  }

  // Bring the waiting updates in at the top of the list, newest first.
  function reveal() {
    if (!list || !waiting.length) { return; }
    var ids = waiting.slice();
    waiting = [];
    showCount();
    fetchPage(window.location.pathname).then(function (page) {
      var fresh = page.doc.querySelectorAll("[data-live-feed] > [data-article-id]");
      var toInsert = [];
      fresh.forEach(function (el) {
        var id = el.getAttribute("data-article-id");
        if (ids.indexOf(id) !== -1 && !list.querySelector('[data-article-id="' + id + '"]')) {
          toInsert.push(document.importNode(el, true));
        }
      });
      for (var i = toInsert.length - 1; i >= 0; i -= 1) {
        toInsert[i].classList.add("card--new");
        list.prepend(toInsert[i]);
      }
      if (window.newsdeskTimes) { window.newsdeskTimes(); }
    }).catch(function () {
      waiting = ids.concat(waiting);
      showCount();
    });
  }

  banner.addEventListener("click", function () {
    window.scrollTo({ top: 0 });
    reveal();
    var first = list && list.querySelector("[data-article-id] a");
    if (first) { first.focus({ preventScroll: true }); }
  });

  window.addEventListener("scroll", function () {
    if (waiting.length && atTop()) { reveal(); }
  }, { passive: true });

  function inCoverage(article) {
    return (article.coverages || []).some(function (c) { return c.slug === coverage; });
  }

  function onPublished(data) {
    if (!list) { return; }
    var id = String(data.article.id);
    if (language && data.article.language !== language) { return; }
    if (coverage && !inCoverage(data.article)) { return; }
    if (card(id).length || waiting.indexOf(id) !== -1) { return; }
    waiting.push(id);
    if (atTop()) { reveal(); } else { showCount(); }
  }

  function setText(root, selector, text) {
    var el = root.querySelector(selector);
    if (el && typeof text === "string") { el.textContent = text; }
  }

  function onChanged(data, label) {
    var a = data.article;
    // An update that joined this coverage after it was published.
    if (coverage && inCoverage(a) && !card(String(a.id)).length) { onPublished(data); }
    card(String(a.id)).forEach(function (el) {
      if (el.classList.contains("story")) { return; }
      setText(el, ".card-headline a", a.headline);
      setText(el, ".card-lede", a.lede);
      setText(el, ".reading-time", say("minRead", a.reading_time + " min read", a.reading_time));
      if (label && !el.querySelector(".badge--corrected")) {
        var badge = document.createElement("span");
        badge.className = "badge badge--corrected";
        badge.textContent = label;
        var meta = el.querySelector(".card-meta");
        if (meta) { meta.prepend(badge); }
      }
    });
    if (story && story.getAttribute("data-article-id") === String(a.id)) {
      refreshStory(label ? say("storyCorrected", "This update has been corrected.") :
        say("storyUpdated", "This update has been updated."));
    }
  }

  function refreshStory(text) {
    fetchPage(window.location.pathname).then(function (page) {
      var main = document.querySelector("main");
      var fresh = page.doc.querySelector("main");
      if (page.status === 410 || !page.doc.querySelector("article.story")) {
        if (main && fresh) { main.innerHTML = fresh.innerHTML; }
        story = null;
      } else {
        var next = page.doc.querySelector("article.story");
        story.replaceWith(document.importNode(next, true));
        story = document.querySelector("article.story[data-article-id]");
      }
      message.textContent = text;
    });
  }

  function onUnpublished(data) {
    var id = String(data.article.id);
    waiting = waiting.filter(function (w) { return w !== id; });
    showCount();
    card(id).forEach(function (el) {
      if (!el.classList.contains("story")) { el.remove(); }
    });
    if (story && story.getAttribute("data-article-id") === id) {
      refreshStory(say("storyWithdrawn", "This update has been withdrawn."));
    }
  }

  function onPinChange() {
    if (!list || window.location.pathname !== "/") { return; }
    fetchPage("/").then(function (page) {
      var current = document.querySelector("section.pinned");
      var fresh = page.doc.querySelector("section.pinned");
      if (current) { current.remove(); }
      if (fresh) {
        var node = document.importNode(fresh, true);
        var pinnedId = node.querySelector("[data-article-id]").getAttribute("data-article-id");
        var dup = list.querySelector('[data-article-id="' + pinnedId + '"]');
        if (dup) { dup.remove(); }
        status.parentNode.insertBefore(node, status);
        if (window.newsdeskTimes) { window.newsdeskTimes(); }
      }
    });
  }

  // The coverage's own events: new key points, an end, a new pin.
  function onCoverage(data) {
    if (!coverage || !data.coverage || data.coverage.slug !== coverage) { return; }
    fetchPage(window.location.pathname).then(function (page) {
      var head = document.querySelector("[data-coverage-head]");
      var fresh = page.doc.querySelector("[data-coverage-head]");
      if (head && fresh) { head.replaceWith(document.importNode(fresh, true)); }
      var pinned = document.querySelector("section.pinned");
      var freshPinned = page.doc.querySelector("section.pinned");
      if (pinned) { pinned.remove(); }
      if (freshPinned && list) {
        var node = document.importNode(freshPinned, true);
        var pinnedId = node.querySelector("[data-article-id]").getAttribute("data-article-id");
        var dup = list.querySelector('[data-article-id="' + pinnedId + '"]');
        if (dup) { dup.remove(); }
        status.parentNode.insertBefore(node, status);
      }
      if (window.newsdeskTimes) { window.newsdeskTimes(); }
      message.textContent = data.coverage.is_open ?
        say("coverageUpdated", "The key points have been updated.") :
        say("coverageEnded", "This coverage has ended.");
      if (!data.coverage.is_open && list) { list.removeAttribute("data-live-feed"); list = null; }
    });
  }

  function onReset(data) {
    // Continue from now; offer a reload rather than forcing one (a cached
    // page would come back with the same old position).
    if (data && data.id) { lastId = String(data.id); }
    banner.hidden = false;
    banner.textContent = say("feedChanged", "The feed has changed. Reload");
    banner.onclick = function () { window.location.reload(); };
  }

  var handlers = {
    "article.published": onPublished,
    "article.updated": function (d) { onChanged(d, ""); },
    "article.corrected": function (d) { onChanged(d, say("corrected", "Corrected")); },
    "article.unpublished": onUnpublished,
    "article.pinned": onPinChange,
    "article.unpinned": onPinChange,
    "coverage.updated": onCoverage,
    "coverage.ended": onCoverage,
    "reset": onReset
  };

  function connect() {
    var url = body.dataset.live + "?last_event_id=" + encodeURIComponent(lastId) +
      (tag ? "&tag=" + encodeURIComponent(tag) : "") +
      (coverage ? "&coverage=" + encodeURIComponent(coverage) : "");
    source = new EventSource(url);
    Object.keys(handlers).forEach(function (name) {
      source.addEventListener(name, function (event) {
        if (event.lastEventId) { lastId = event.lastEventId; }
        var data;
        try { data = JSON.parse(event.data); } catch (e) { return; }
        handlers[name](data);
      });
    });
    source.onopen = function () { backoff = 1000; };
    source.onerror = function () {
      // The browser retries by itself; if it gave up, retry with backoff.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        window.setTimeout(connect, backoff + Math.random() * 500);
        backoff = Math.min(backoff * 2, 60000);
      }
    };
  }

  connect();
  window.newsdeskLive = { pending: function () { return waiting.slice(); } };
})();
