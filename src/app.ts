import { OpenAPIHono } from "@hono/zod-openapi";

import { authenticate } from "./auth/authenticate";
import { provideDatabase } from "./db/provide-database";
import { registerOpenApiDocument } from "./docs/document";
import { registerReferencePage } from "./docs/reference-page";
import type { AppEnv } from "./env";
import { allowCrossOrigin } from "./http/cors";
import { limitQueryLength } from "./http/query-length";
import { readBody } from "./http/read-body";
import { logRequest } from "./http/request-log";
import { handleError } from "./http/error-handler";
import { createNotFoundHandler } from "./http/not-found";
import { assignRequestId } from "./http/request-id";
import { validationHook } from "./http/validation-hook";
import { rateLimit } from "./rate-limit/rate-limit";
import { registerGetMe } from "./me/get-me";
import { registerListTaskMessages } from "./messages/list-task-messages";
import { registerListTaskEvents } from "./task-events/list-task-events";
import { registerTaskRoutes } from "./tasks";
import { registerWebhookRoutes } from "./webhooks";
import { dispatchWebhooksAfterChange } from "./webhooks/dispatch-after-change";
import { BULK_TASK_ACTIONS_PATH } from "./tasks/bulk/apply-bulk-task-action";

/**
 * Builds the API. Order matters:
 * - the request id comes first, so every response and log line carries it;
 * - the measured database follows, so Server-Timing counts every D1 call;
 * - CORS responds to preflight requests before any key is asked for;
 * - an overlong query string is a 414 before anything reads it;
 * - authentication turns away a request without a valid key before any endpoint logic;
 * - the key's rate limit comes next, so a key over its budget costs no more work;
 * - reading the whole body makes an oversized body a 413 and a cut-off one a 400 before
 *   any handler runs;
 * - a successful task change starts the webhook outbox after its response.
 */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use("*", assignRequestId);
  app.use("*", logRequest);
  app.use("*", provideDatabase);
  app.use("*", allowCrossOrigin);
  app.use("*", limitQueryLength);
  app.use("/v1/*", authenticate);
  app.use("/v1/*", rateLimit);
  app.use("/v1/*", readBody);
  app.use("/v1/tasks/*", dispatchWebhooksAfterChange);

  // Any other method on the bulk path would reach GET /v1/tasks/{id} or its 405 and be
  // rejected as a malformed id, so it gets the 405 of the bulk path itself.
  const answerUnmatched = createNotFoundHandler(() => app.routes);
  app.all(BULK_TASK_ACTIONS_PATH, (c, next) => (c.req.method === "POST" ? next() : answerUnmatched(c)));

  registerGetMe(app);
  registerTaskRoutes(app);
  registerListTaskMessages(app);
  registerListTaskEvents(app);
  registerWebhookRoutes(app);

  registerOpenApiDocument(app);
  registerReferencePage(app);

  app.notFound(answerUnmatched);
  app.onError(handleError);

  return app;
}
