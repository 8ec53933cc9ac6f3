// The composer, enhanced: autosave every few seconds, a live preview of the
// whole update rendered by the server with the public page's renderer, and
// "Upload and insert" putting the image's Markdown line at the cursor.
// Without JavaScript the Save, Preview and Upload buttons do the same work.
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
    data.delete("inline_image");
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
    var data = fields();
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
    if (event.target.type !== "file") {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(renderPreview, 300);
    }
  });

  // Upload and insert: the server stores the image through the pipeline and
  // answers the line; it goes in at the cursor, on a line of its own.
  var insertButton = form.querySelector("button.insert-image");
  var inserted = form.querySelector(".inserted");
  function insertLine(line) {
    var start = body.selectionStart || 0;
    var end = body.selectionEnd || start;
    var before = body.value.slice(0, start);
    var after = body.value.slice(end);
    var lead = before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? "\n" : "\n\n") : "";
    var tail = after && !/^\n\n/.test(after) ? (/^\n/.test(after) ? "\n" : "\n\n") : "";
    body.value = before + lead + line + tail + after;
    var cursor = (before + lead + line).length;
    body.setSelectionRange(cursor, cursor);
    body.focus();
    dirty = true;
    renderPreview();
  }
  if (insertButton && form.dataset.upload) {
    insertButton.addEventListener("click", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      data.delete("image");
      data.delete("do");
      fetch(form.dataset.upload, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": token },
        credentials: "same-origin",
      }).then(function (r) { return r.json(); }).then(function (answer) {
        inserted.hidden = false;
        if (answer.line) {
          inserted.querySelector(".inserted-line").textContent = answer.line;
          insertLine(answer.line);
          ["inline_image", "inline_alt", "inline_caption", "inline_credit"].forEach(function (name) {
            var input = form.querySelector("[name=" + name + "]");
            if (input) input.value = "";
          });
        } else {
          var messages = [];
          var errors = answer.errors || {};
          Object.keys(errors).forEach(function (k) { messages = messages.concat(errors[k]); });
          inserted.querySelector(".inserted-line").textContent = messages.join(" ");
        }
      }).catch(function () {});
    });
  }
  form.addEventListener("submit", function () { dirty = false; });
  setInterval(autosave, 5000);
  if (body && body.value) renderPreview();
})();
