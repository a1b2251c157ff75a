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
