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
