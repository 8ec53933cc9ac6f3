// Every desk page listens to /live/desk, the desk's own stream (never the
// readers'): a wire story spreading across outlets shows a notice here, and
// whatever arrives is passed on as a "newsdesk:desk" event for the page's
// own scripts (the wire monitor fetches new items with it).
(function () {
  "use strict";
  if (!window.EventSource) return;
  var box = document.getElementById("desk-notices");
  var say = window.newsdeskWords.say;

  function notice(data) {
    if (!box) return;
    var p = document.createElement("p");
    p.className = "desk-notice";
    var lead = say("wireSpreading", "Spreading on the wire:");
    p.appendChild(document.createTextNode(lead + " "));
    var a = document.createElement("a");
    a.href = data.url;
    a.textContent = data.title;
    p.appendChild(a);
    p.appendChild(document.createTextNode(" (" + say("wireOutlets", data.count + " outlets", data.count) + ": " + (data.outlets || []).join(", ") + ")"));
    box.insertBefore(p, box.firstChild);
    while (box.children.length > 3) box.removeChild(box.lastChild);
    box.hidden = false;
  }

  var stream = new EventSource("/live/desk");
  ["desk.wire_items", "desk.story_spreading"].forEach(function (type) {
    stream.addEventListener(type, function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (type === "desk.story_spreading" && data.desk) notice(data.desk);
      document.dispatchEvent(new CustomEvent("newsdesk:desk", { detail: data }));
    });
  });
})();
