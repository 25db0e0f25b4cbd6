// Starts Swagger UI on the API's own OpenAPI document. The validator badge is off because
// it would send the document to an outside host.
window.addEventListener("load", () => {
  window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#reference",
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: true,
  });
});
