import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { deleteWebhook } from "./queries";
import { WebhookIdParamsSchema } from "./schemas";
import { webhookNotFound } from "./webhook-errors";

export const deleteWebhookRoute = defineApiRoute({
  method: "delete",
  path: "/v1/webhooks/{id}",
  operationId: "deleteWebhook",
  tags: ["Webhooks"],
  summary: "Delete a webhook",
  description: "Deletes a webhook with its delivery log. Deliveries still queued are dropped without being sent.",
  scope: "webhooks:write",
  errors: ["notFound"],
  request: { params: WebhookIdParamsSchema },
  responses: { 204: { description: "The webhook was deleted." } },
});

export function registerDeleteWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(deleteWebhookRoute, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await deleteWebhook(c.var.db, c.get("caller").organizationId, id))) {
      throw webhookNotFound(id);
    }
    return c.body(null, 204);
  });
}
