// gavah: the only script of our own (served from 'self'; the CSP forbids inline code).
// Shows upload progress while htmx sends the files.
document.addEventListener("htmx:xhr:progress", function (event) {
  var bar = document.getElementById("upload-progress");
  if (!bar || !event.detail.lengthComputable) return;
  bar.hidden = false;
  bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
});
document.addEventListener("htmx:beforeRequest", function (event) {
  var bar = document.getElementById("upload-progress");
  if (bar && event.target.id === "upload-form") { bar.hidden = false; bar.value = 0; }
});
document.addEventListener("htmx:afterRequest", function (event) {
  if (event.target.id === "upload-form" && event.detail.successful) {
    var bar = document.getElementById("upload-progress");
    if (bar) bar.value = 100;
    event.target.querySelector("input[type=file]").value = "";
  }
});
// The item page's redaction form: selecting words in an extracted text adds their span
// (START:END) to the form, counted in characters (code points, as Python counts them)
// of the text as the page shows it; the server maps those to the stored text.
(function () {
  function charsBefore(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return Array.from(range.toString()).length;
  }
  function addSelection() {
    var spans = document.getElementById("redact-spans");
    var selection = window.getSelection();
    if (!spans || !selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.nodeType === 1 ? range.startContainer
      : range.startContainer.parentElement;
    var container = start && start.closest("[data-redact-text]");
    if (!container || !container.contains(range.endContainer)) return;
    var from = charsBefore(container, range.startContainer, range.startOffset);
    var to = charsBefore(container, range.endContainer, range.endOffset);
    if (to <= from) return;
    var span = from + ":" + to;
    var current = spans.value.trim();
    var which = document.getElementById("redact-text");
    var label = container.getAttribute("data-redact-text");
    if (which && which.value !== label) {  // spans of another text: start afresh
      which.value = label;
      current = "";
    }
    if (current.split(/[\s,;]+/).indexOf(span) < 0) {
      spans.value = current ? current + ", " + span : span;
    }
  }
  document.addEventListener("mouseup", addSelection);
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey || event.key === "Shift") addSelection();
  });
})();
// ... and dragging across the picture's preview adds a rectangle X,Y,WIDTH,HEIGHT in
// pixels of the picture as shown (the preview may be smaller, and turned by its EXIF
// orientation: the side that matches the preview's shape is its width).
(function () {
  var start = null, box = null;
  function sizeOf(img) {
    var wh = img.getAttribute("data-redact-size").split("x").map(Number);
    var turned = (wh[0] - wh[1]) * (img.naturalWidth - img.naturalHeight) < 0;
    return turned ? [wh[1], wh[0]] : wh;
  }
  function content(img) {  // the picture itself, inside its border
    var r = img.getBoundingClientRect();
    return {left: r.left + img.clientLeft, top: r.top + img.clientTop,
            width: img.clientWidth, height: img.clientHeight};
  }
  function at(img, event) {
    var r = content(img);
    return [Math.min(Math.max(event.clientX - r.left, 0), r.width),
            Math.min(Math.max(event.clientY - r.top, 0), r.height)];
  }
  document.addEventListener("mousedown", function (event) {
    var img = event.target.closest && event.target.closest("img[data-redact-size]");
    if (!img || !document.getElementById("redact-regions")) return;
    event.preventDefault();
    start = {img: img, from: at(img, event)};
    box = document.createElement("div");
    box.className = "redact-box";
    img.parentElement.classList.add("redacting");
    img.parentElement.appendChild(box);
  });
  document.addEventListener("mousemove", function (event) {
    if (!start) return;
    var to = at(start.img, event), r = content(start.img);
    var parent = start.img.parentElement.getBoundingClientRect();
    box.style.left = (r.left - parent.left + Math.min(start.from[0], to[0])) + "px";
    box.style.top = (r.top - parent.top + Math.min(start.from[1], to[1])) + "px";
    box.style.width = Math.abs(to[0] - start.from[0]) + "px";
    box.style.height = Math.abs(to[1] - start.from[1]) + "px";
  });
  document.addEventListener("mouseup", function (event) {
    if (!start) return;
    var img = start.img, from = start.from, to = at(img, event);
    start = null;
    var size = sizeOf(img), r = content(img);
    var sx = size[0] / r.width, sy = size[1] / r.height;
    var x = Math.round(Math.min(from[0], to[0]) * sx);
    var y = Math.round(Math.min(from[1], to[1]) * sy);
    var w = Math.min(Math.round(Math.max(from[0], to[0]) * sx), size[0]) - x;
    var h = Math.min(Math.round(Math.max(from[1], to[1]) * sy), size[1]) - y;
    if (w < 1 || h < 1) { box.remove(); return; }
    var regions = document.getElementById("redact-regions");
    var current = regions.value.trim();
    regions.value = (current ? current + "; " : "") + [x, y, w, h].join(",");
  });
})();
