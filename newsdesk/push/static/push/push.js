/* The Follow page's "Turn on alerts in this browser" button.
 *
 * Shown only where the Push API is there. The browser's permission question
 * is asked only when the reader presses the button; "denied" gets a message
 * saying where to change it. The subscription goes to the server with a CSRF
 * token fetched first (the page itself is cached and carries none); nothing
 * is stored in the browser besides what the browser keeps for push itself.
 * Its words come rendered in the page's language, in the box's data-*
 * attributes (push/_follow.html).
 */
(function () {
  "use strict";
  const box = document.querySelector("[data-push]");
  if (!box) { return; }
  const on = box.querySelector(".push-on");
  const off = box.querySelector(".push-off");
  const status = box.querySelector(".push-status");
  const notice = (which) => { status.textContent = box.dataset[which] || ""; };
  const show = (subscribed) => { on.hidden = subscribed; off.hidden = !subscribed; };
  for (const note of document.querySelectorAll(".push-nojs")) { note.hidden = true; }
  box.hidden = false;
  if (!("serviceWorker" in navigator && "PushManager" in window && "Notification" in window)) {
    notice("unsupported");
    return;
  }

  const keyBytes = () => {
    const text = box.dataset.key.replace(/-/g, "+").replace(/_/g, "/");
    const raw = atob(text + "=".repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  };

  const sameKey = (buffer, key) => {
    const bytes = buffer ? new Uint8Array(buffer) : new Uint8Array();
    return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
  };

  const tell = async (method, body) => {
    const answer = await fetch(box.dataset.token, { credentials: "same-origin" });
    if (!answer.ok) { throw new Error("no token"); }
    const { token } = await answer.json();
    const sent = await fetch(box.dataset.subscriptions, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body),
    });
    if (!sent.ok) { throw new Error("refused: " + sent.status); }
  };

  const current = async () => {
    const registration = await navigator.serviceWorker.getRegistration(box.dataset.worker);
    return registration ? registration.pushManager.getSubscription() : null;
  };

  const turnOn = async () => {
    const permission = await Notification.requestPermission();
    if (permission === "denied") { notice("denied"); return; }
    if (permission !== "granted") { notice("dismissed"); return; }
    const registration = await navigator.serviceWorker.register(box.dataset.worker, { scope: "/" });
    const key = keyBytes();
    const existing = await registration.pushManager.getSubscription();
    if (existing && !sameKey(existing.options.applicationServerKey, key)) {
      await existing.unsubscribe(); // made with a key the site no longer signs with
    }
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: key,
    });
    await tell("POST", subscription.toJSON());
    show(true);
    notice("on");
  };

  const turnOff = async () => {
    const subscription = await current();
    if (subscription) {
      await tell("DELETE", { endpoint: subscription.endpoint });
      await subscription.unsubscribe();
    }
    show(false);
    notice("off");
  };

  const guarded = (action) => async () => {
    on.disabled = off.disabled = true;
    try {
      await action();
    } catch (error) {
      notice("failed");
    } finally {
      on.disabled = off.disabled = false;
    }
  };

  on.addEventListener("click", guarded(turnOn));
  off.addEventListener("click", guarded(turnOff));
  show(false);
  if (Notification.permission === "granted") {
    current().then((subscription) => show(Boolean(subscription)), () => show(false));
  }
})();
