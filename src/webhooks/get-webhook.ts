import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { WEBHOOK_EXAMPLE } from "./examples";
import { selectWebhook } from "./queries";
import { WebhookIdParamsSchema, WebhookSchema } from "./schemas";
import { serializeWebhook } from "./serialize-webhook";
import { webhookNotFound } from "./webhook-errors";

export const getWebhookRoute = defineApiRoute({
  method: "get",
  path: "/v1/webhooks/{id}",
  operationId: "getWebhook",
  tags: ["Webhooks"],
  summary: "Get a webhook",
  description: "Returns one webhook of the workspace, without its secret.",
  scope: "webhooks:read",
  errors: ["notFound"],
  request: { params: WebhookIdParamsSchema },
  responses: {
    200: {
      description: "The webhook.",
      content: { "application/json": { schema: WebhookSchema, example: WEBHOOK_EXAMPLE } },
    },
  },
});

export function registerGetWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(getWebhookRoute, async (c) => {
    const { id } = c.req.valid("param");
    const row = await selectWebhook(c.var.db, c.get("caller").organizationId, id);
    if (row === undefined) {
      throw webhookNotFound(id);
    }
    return c.json(serializeWebhook(row), 200);
  });
}
