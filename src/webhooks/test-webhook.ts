import type { OpenAPIHono } from "@hono/zod-openapi";

import { toIsoTimestamp } from "../common/timestamps";
import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { EXAMPLE_EVENT_ID } from "./examples";
import { postWebhook } from "./post-webhook";
import { selectWebhook } from "./queries";
import { WebhookIdParamsSchema, WebhookTestResultSchema } from "./schemas";
import { webhookNotFound } from "./webhook-errors";
import { webhookUrlRules } from "./webhook-url";

export const testWebhookRoute = defineApiRoute({
  method: "post",
  path: "/v1/webhooks/{id}/test",
  operationId: "testWebhook",
  tags: ["Webhooks"],
  summary: "Send a test event",
  description:
    "POSTs one signed event of type webhook.test to the webhook's URL right away, whatever the " +
    "webhook's status, and returns what the receiver answered. The test is not retried and not " +
    "recorded in the delivery log. The request waits for the receiver, for at most 10 seconds.",
  scope: "webhooks:write",
  errors: ["notFound"],
  request: { params: WebhookIdParamsSchema },
  responses: {
    200: {
      description: "The outcome of the test delivery; a receiver that failed is still a 200 here.",
      content: {
        "application/json": {
          schema: WebhookTestResultSchema,
          example: { event_id: EXAMPLE_EVENT_ID, succeeded: true, status_code: 200, duration_ms: 121, error: null },
        },
      },
    },
  },
});

export function registerTestWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(testWebhookRoute, async (c) => {
    const { id } = c.req.valid("param");
    const webhook = await selectWebhook(c.var.db, c.get("caller").organizationId, id);
    if (webhook === undefined) {
      throw webhookNotFound(id);
    }

    const eventId = crypto.randomUUID();
    const body = JSON.stringify({
      id: eventId,
      type: "webhook.test",
      webhook_id: webhook.id,
      occurred_at: toIsoTimestamp(Date.now()),
    });
    const outcome = await postWebhook(webhook.url, webhook.secret, eventId, body, webhookUrlRules(c.env));

    return c.json(
      {
        event_id: eventId,
        succeeded: outcome.succeeded,
        status_code: outcome.statusCode,
        duration_ms: outcome.durationMs,
        error: outcome.error,
      },
      200,
    );
  });
}
