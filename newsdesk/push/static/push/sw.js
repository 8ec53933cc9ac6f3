/* The service worker: shows a breaking update's notification, opens the
 * update when it is clicked. Served from /sw.js, so its scope is the site.
 *
 * A push message is JSON: {title, body, url, tag, lang, timestamp}. The tag
 * is one per update, so a correction (or a message delivered twice) replaces
 * the notification already shown instead of adding another. Only pages of
 * this site are opened, whatever the message says.
 */
"use strict";

self.addEventListener("install", () => { self.skipWaiting(); });
self.addEventListener("activate", (event) => { event.waitUntil(self.clients.claim()); });

const ownPage = (url) => {
  try {
    const parsed = new URL(url, self.location.origin);
    return new URL(parsed.pathname + parsed.search, self.location.origin).href;
  } catch (error) {
    return new URL("/", self.location.origin).href;
  }
};

self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = {}; }
  const text = (value) => (typeof value === "string" ? value : "");
  const title = text(data.title) || self.location.host;
  const options = {
    body: text(data.body),
    data: { url: ownPage(text(data.url) || "/") },
    lang: text(data.lang),
  };
  if (text(data.tag)) { options.tag = data.tag; options.renotify = true; }
  if (typeof data.timestamp === "number") { options.timestamp = data.timestamp; }
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = ownPage((event.notification.data || {}).url || "/");
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const client of open) {
      if (client.url === target && "focus" in client) { return client.focus(); }
    }
    return self.clients.openWindow(target);
  })());
});

/* The push service renewed the subscription: tell the site the new one. */
self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil((async () => {
    const renewed = event.newSubscription ||
      await self.registration.pushManager.subscribe(event.oldSubscription.options);
    const answer = await fetch("/push/token", { credentials: "same-origin" });
    const { token } = await answer.json();
    const headers = { "Content-Type": "application/json", "X-CSRFToken": token };
    if (event.oldSubscription) {
      await fetch("/push/subscriptions", {
        method: "DELETE", credentials: "same-origin", headers,
        body: JSON.stringify({ endpoint: event.oldSubscription.endpoint }),
      });
    }
    await fetch("/push/subscriptions", {
      method: "POST", credentials: "same-origin", headers,
      body: JSON.stringify(renewed.toJSON()),
    });
  })());
});
