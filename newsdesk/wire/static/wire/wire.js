// The wire monitor, enhanced. Without JavaScript it is a plain page of
// stories with forms; with it:
// - new items arrive live: /live/desk (opened by desk/notify.js) says when
//   the wire stored some, and the page asks items.json for them at once
//   (and every 15 s anyway, should the stream be down);
// - stories and items are marked new until they have been on screen;
// - keys for triage: j/k next/previous story, o open, c compare, d draft,
//   x dismiss.
(function () {
  "use strict";
  var live = document.getElementById("wire-live");
  var list = document.getElementById("wire-list");
  if (!live || !list) return;

  // The page's words, from the shared script loaded before this one.
  var say = window.newsdeskWords.say;

  // New until seen --------------------------------------------------------
  var SEEN = "newsdesk.wire.seen";
  var seen = 0;
  try { seen = parseInt(window.localStorage.getItem(SEEN) || "", 10) || 0; } catch (e) { seen = 0; }
  function cards() { return Array.prototype.slice.call(list.querySelectorAll("li.wire-story")); }
  function idOf(card) { return parseInt(card.getAttribute("data-id"), 10) || 0; }
  var newest = cards().reduce(function (top, card) { return Math.max(top, idOf(card)); }, 0);
  if (!seen) seen = newest; // a first visit: nothing is "new" yet
  function remember(id) {
    if (id <= seen) return;
    seen = id;
    try { window.localStorage.setItem(SEEN, String(seen)); } catch (e) { /* private mode */ }
  }
  var watcher = null;
  if ("IntersectionObserver" in window) {
    var timers = new WeakMap();
    watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        var card = entry.target;
        if (entry.isIntersecting) {
          timers.set(card, window.setTimeout(function () {
            card.classList.remove("is-new");
            remember(idOf(card));
            watcher.unobserve(card);
          }, 1500));
        } else if (timers.has(card)) {
          window.clearTimeout(timers.get(card));
        }
      });
    }, { threshold: 0.6 });
  }
  function markNew(card) {
    card.classList.add("is-new");
    if (watcher) watcher.observe(card);
  }
  cards().forEach(function (card) { if (idOf(card) > seen) markNew(card); });

  // Live ------------------------------------------------------------------
  var after = parseInt(live.getAttribute("data-after"), 10) || 0;
  var base = live.getAttribute("data-poll");
  var arrived = 0;

  function text(tag, className, value) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = value;
    return el;
  }

  function newCard(item) {
    var li = document.createElement("li");
    li.className = "wire-story";
    li.setAttribute("data-id", String(item.id));
    li.setAttribute("data-story", item.story ? String(item.story) : "");
    li.tabIndex = -1;
    li.appendChild(text("p", "story-flags", say("wireOutlets", "1 outlet", 1)));
    var h2 = document.createElement("h2");
    var a = text("a", "story-open", item.title);
    a.href = item.story ? "?story=" + item.story : item.href;
    h2.appendChild(a);
    li.appendChild(h2);
    if (item.lede) li.appendChild(text("p", "story-lede", item.lede));
    li.appendChild(text("p", "meta", item.source + " · " + say("wireNew", "new")));
    return li;
  }

  function report(item) {
    var li = document.createElement("li");
    li.className = "report status-" + item.status;
    li.setAttribute("data-id", String(item.id));
    var meta = document.createElement("p");
    meta.className = "meta";
    var a = text("a", "", item.source);
    a.href = item.href;
    meta.appendChild(a);
    meta.appendChild(document.createTextNode(" · " + say("wireNew", "new")));
    li.appendChild(meta);
    li.appendChild(text("p", "report-text", item.title + (item.lede ? " — " + item.lede : "")));
    return li;
  }

  function place(item) {
    var card = item.story ? list.querySelector('li.wire-story[data-story="' + item.story + '"]') : null;
    if (card) {
      var compare = card.querySelector("ol.compare");
      if (compare) compare.appendChild(report(item));
      card.setAttribute("data-id", String(item.id));
    } else {
      card = newCard(item);
    }
    list.insertBefore(card, list.firstChild);
    markNew(card);
  }

  var polling = false;
  function poll() {
    if (polling) return;
    polling = true;
    var url = base + (base.indexOf("?") >= 0 ? "&" : "?") + "after=" + after;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (data) {
        (data.items || []).forEach(function (item) {
          if (item.id <= after) return;
          after = item.id;
          place(item);
          arrived += 1;
        });
        if (arrived) {
          live.hidden = false;
          live.textContent = say("newItems", arrived === 1 ? "1 new item" : arrived + " new items", arrived);
        }
      })
      .catch(function () {})
      .then(function () { polling = false; });
  }
  window.setInterval(poll, 15000);

  // desk/notify.js passes on what /live/desk says.
  document.addEventListener("newsdesk:desk", function (event) {
    var detail = event.detail || {};
    if (detail.type === "desk.wire_items") {
      poll();
    } else if (detail.type === "desk.story_spreading" && detail.desk) {
      var card = list.querySelector('li.wire-story[data-story="' + detail.desk.story + '"]');
      if (card && !card.classList.contains("is-spreading")) {
        card.classList.add("is-spreading");
        var flags = card.querySelector(".story-flags");
        if (flags) flags.insertBefore(text("strong", "flag flag-spreading", say("wireSpreadingFlag", "Spreading")), flags.firstChild);
      }
    }
  });

  // Keys ------------------------------------------------------------------
  var keys = document.getElementById("wire-keys");
  if (keys) keys.hidden = false;
  function current() {
    var active = document.activeElement;
    return active && active.closest ? active.closest("li.wire-story") : null;
  }
  function move(step) {
    var all = cards();
    if (!all.length) return;
    var at = all.indexOf(current());
    var next = all[Math.max(0, Math.min(all.length - 1, at < 0 ? 0 : at + step))];
    next.focus();
    next.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    var card = current();
    var press = function (selector) {
      var el = card && card.querySelector(selector);
      if (el) { event.preventDefault(); el.click(); }
    };
    switch (event.key) {
      case "j": event.preventDefault(); move(1); break;
      case "k": event.preventDefault(); move(-1); break;
      case "o": case "Enter": press("a.story-open"); break;
      case "c":
        var details = card && card.querySelector("details");
        if (details) { event.preventDefault(); details.open = !details.open; }
        break;
      case "d": press('button[data-key="d"]'); break;
      case "x": press('button[data-key="x"]'); break;
    }
  });
})();
