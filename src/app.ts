import { OpenAPIHono } from "@hono/zod-openapi";

import { authenticate } from "./auth/authenticate";
import { registerOpenApiDocument } from "./docs/document";
import { registerReferencePage } from "./docs/reference-page";
import type { AppEnv } from "./env";
import { readBody } from "./http/read-body";
import { handleError } from "./http/error-handler";
import { createNotFoundHandler } from "./http/not-found";
import { assignRequestId } from "./http/request-id";
import { validationHook } from "./http/validation-hook";
import { registerGetMe } from "./me/get-me";
import { registerListTaskMessages } from "./messages/list-task-messages";
import { registerTaskRoutes } from "./tasks";

/**
 * Builds the API. Order matters: the request id comes first so every response carries it,
 * then authentication for everything under /v1, so a request without a valid key gets a
 * 401 before any endpoint logic, validation included. Reading the whole body follows, so an
 * oversized body is a 413 and a cut-off one a 400 before any handler runs.
 */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use("*", assignRequestId);
  app.use("/v1/*", authenticate);
  app.use("/v1/*", readBody);

  registerGetMe(app);
  registerTaskRoutes(app);
  registerListTaskMessages(app);

  registerOpenApiDocument(app);
  registerReferencePage(app);

  app.notFound(createNotFoundHandler(() => app.routes));
  app.onError(handleError);

  return app;
}
