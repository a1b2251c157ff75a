// Starts Swagger UI for /docs from a file, not an inline script (the CSP forbids those).
window.addEventListener("load", function () {
  var node = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: node.dataset.spec, dom_id: "#swagger-ui",
    deepLinking: true, presets: [SwaggerUIBundle.presets.apis] });
});
