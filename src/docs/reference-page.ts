import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";

// The page loads Swagger UI from this worker's static assets (public/vendor/swagger-ui, copied from
// the swagger-ui-dist package at install time), so it works with no internet access.
const REFERENCE_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Topo Tasks API reference</title>
  <link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
  <div id="reference"></div>
  <script src="/vendor/swagger-ui/swagger-ui-bundle.js"></script>
  <script src="/docs.js"></script>
</body>
</html>
`;

export const REFERENCE_PATH = "/docs";

export function registerReferencePage(app: OpenAPIHono<AppEnv>) {
  app.get(REFERENCE_PATH, (c) => c.html(REFERENCE_PAGE));
}
