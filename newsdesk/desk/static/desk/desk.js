// The composer, enhanced: autosave every few seconds and a live preview
// rendered by the server with the public page's renderer. Without
// JavaScript the Save and Preview buttons do the same work.
(function () {
  "use strict";
  var form = document.getElementById("composer");
  if (!form) return;
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var state = form.querySelector(".autosave-state");
  var preview = document.getElementById("preview-body");
  var body = form.querySelector("textarea[name=body]");
  var dirty = false;
  var previewTimer = null;

  // The page's words, from the shared script loaded before this one.
  var say = window.newsdeskWords.say;

  function fields() {
    var data = new FormData(form);
    data.delete("image");
    data.delete("do");
    if (form.dataset.article) data.set("article", form.dataset.article);
    return data;
  }

  function autosave() {
    if (!dirty) return;
    dirty = false;
    fetch(form.dataset.autosave, {
      method: "POST",
      body: fields(),
      headers: { "X-CSRFToken": token },
      credentials: "same-origin",
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function () {
      state.hidden = false;
      var now = new Date().toLocaleTimeString(document.documentElement.lang || undefined,
        { hour: "2-digit", minute: "2-digit", second: "2-digit" });
      state.textContent = say("draftKept", "Draft kept %(time)s", 0, now);
    }).catch(function () {
      dirty = true;
      state.hidden = false;
      state.textContent = say("draftNotKept", "Could not keep a copy just now; still trying.");
    });
  }

  function renderPreview() {
    var data = new FormData();
    data.set("body", body.value);
    fetch(form.dataset.preview, {
      method: "POST",
      body: data,
      headers: { "X-CSRFToken": token },
      credentials: "same-origin",
    }).then(function (r) { return r.json(); }).then(function (answer) {
      if (typeof answer.html === "string") preview.innerHTML = answer.html;
    }).catch(function () {});
  }

  form.addEventListener("input", function (event) {
    dirty = true;
    if (event.target === body) {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(renderPreview, 300);
    }
  });
  form.addEventListener("submit", function () { dirty = false; });
  setInterval(autosave, 5000);
  if (body && body.value) renderPreview();
})();
