import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { CREATED_WEBHOOK_EXAMPLE } from "./examples";
import { updateWebhook } from "./queries";
import { WebhookIdParamsSchema, WebhookWithSecretSchema } from "./schemas";
import { serializeWebhook } from "./serialize-webhook";
import { createWebhookSecret, secretPrefixOf } from "./signing";
import { webhookNotFound } from "./webhook-errors";

export const rotateWebhookSecretRoute = defineApiRoute({
  method: "post",
  path: "/v1/webhooks/{id}/rotate-secret",
  operationId: "rotateWebhookSecret",
  tags: ["Webhooks"],
  summary: "Rotate a webhook's secret",
  description:
    "Replaces the signing secret and returns the new one, which is shown only here. Every attempt " +
    "from now on, retries of earlier events included, is signed with the new secret; the old one " +
    "stops being used at once.",
  scope: "webhooks:write",
  errors: ["notFound"],
  request: { params: WebhookIdParamsSchema },
  responses: {
    200: {
      description: "The webhook with its new signing secret.",
      content: { "application/json": { schema: WebhookWithSecretSchema, example: CREATED_WEBHOOK_EXAMPLE } },
    },
  },
});

export function registerRotateWebhookSecret(app: OpenAPIHono<AppEnv>) {
  app.openapi(rotateWebhookSecretRoute, async (c) => {
    const { id } = c.req.valid("param");
    const secret = createWebhookSecret();
    const row = await updateWebhook(c.var.db, c.get("caller").organizationId, id, {
      secret,
      secretPrefix: secretPrefixOf(secret),
      updatedAt: Date.now(),
    });
    if (row === undefined) {
      throw webhookNotFound(id);
    }
    return c.json({ ...serializeWebhook(row), secret }, 200);
  });
}
