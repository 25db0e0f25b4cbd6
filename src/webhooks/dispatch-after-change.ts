import { createMiddleware } from "hono/factory";

import { createDatabase } from "../db/client";
import type { AppEnv } from "../env";
import { CHANGING_METHODS } from "../http/define-route";
import { dispatchWorkspaceEvents } from "./outbox";
import { isKnownQuiet, recordWebhookPresence } from "./quiet-workspaces";

/**
 * Runs the webhook outbox for the caller's workspace after a successful task change, once
 * the response is on its way: waitUntil keeps the worker alive for it without delaying the
 * response. An error is logged and left to the cron trigger, which runs the outbox again.
 * A workspace recently found without an active webhook is skipped (see quiet-workspaces.ts).
 */
export const dispatchWebhooksAfterChange = createMiddleware<AppEnv>(async (c, next) => {
  await next();

  const changed = CHANGING_METHODS.has(c.req.method) && c.res.status >= 200 && c.res.status < 300;
  if (!changed) {
    return;
  }

  const { organizationId } = c.get("caller");
  const now = Date.now();
  if (isKnownQuiet(organizationId, now)) {
    return;
  }

  const dispatch = dispatchWorkspaceEvents(createDatabase(c.env.DB), c.env.WEBHOOK_DELIVERIES, organizationId, now)
    .then((result) => recordWebhookPresence(organizationId, result.hasActiveWebhook, Date.now()))
    .catch((error: unknown) => {
      console.error(
        JSON.stringify({
          level: "error",
          message: "webhook outbox after a task change failed; the cron trigger will run it again",
          request_id: c.get("requestId"),
          organization_id: organizationId,
          error: String(error),
        }),
      );
    });
  c.executionCtx.waitUntil(dispatch);
});
