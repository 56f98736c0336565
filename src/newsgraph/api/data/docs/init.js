// Starts Swagger UI on /openapi.json (an external file: the Content-Security-Policy forbids inline script).
(function () {
  "use strict";
  function start(spec) {
    window.ui = SwaggerUIBundle({
      spec: spec,
      dom_id: "#swagger-ui",
      deepLinking: true,
      validatorUrl: null,            // never ask validator.swagger.io (offline)
      layout: "BaseLayout",
      presets: [SwaggerUIBundle.presets.apis],
      defaultModelsExpandDepth: 0,
    });
    document.body.setAttribute("data-ready", "1");
  }
  fetch("/openapi.json", {credentials: "same-origin"})
    .then(function (r) { return r.json(); })
    .then(function (spec) {
      // FastAPI writes OpenAPI 3.1; the Swagger UI shipped by swagger-ui-bundle (4.x) only accepts
      // "3.0.x" in the version field. The schema keywords our API uses render the same, so the copy
      // shown here is labelled 3.0.3 (/openapi.json itself is unchanged).
      if (typeof spec.openapi === "string" && spec.openapi.indexOf("3.1") === 0) spec.openapi = "3.0.3";
      start(spec);
    })
    .catch(function (err) {
      var p = document.createElement("p");
      p.textContent = "Could not load /openapi.json: " + err;
      document.body.appendChild(p);
      document.body.setAttribute("data-ready", "1");
    });
})();
