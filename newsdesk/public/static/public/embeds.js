// Embedded posts load only when the reader asks. The server renders each
// embed as a card with the post's link and preview text, and a hidden
// "Load post from <network>" button naming the frame address it built from
// the post's validated id; this script shows the buttons and, on a click,
// replaces the button with a sandboxed frame of that address. Nothing is
// requested from the network before the click, and the page's CSP frame-src
// allows only the providers its embeds name. No provider script is run here.
(function () {
  "use strict";
  function show(root) {
    var buttons = root.querySelectorAll("button.embed-load[hidden]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }
  function load(button) {
    var src = button.getAttribute("data-embed-frame") || "";
    if (src.indexOf("https://") !== 0) return;
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = button.getAttribute("data-embed-title") || "";
    frame.className = "embed-frame";
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.setAttribute("allow", "fullscreen; picture-in-picture; encrypted-media");
    frame.setAttribute("loading", "eager");
    var card = button.closest(".embed");
    if (card) card.classList.add("embed--loaded");
    button.replaceWith(frame);
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest("button.embed-load") : null;
    if (button) load(button);
  });
  show(document);
  // Updates the live stream or "Show More" put in later.
  if (window.MutationObserver) {
    new MutationObserver(function () { show(document); }).observe(document.body, { childList: true, subtree: true });
  }
})();
