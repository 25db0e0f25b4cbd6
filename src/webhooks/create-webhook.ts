import type { OpenAPIHono } from "@hono/zod-openapi";

import { forgetWebhookPresence } from "./quiet-workspaces";
import { createUuidV7 } from "../common/ids";
import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { CREATED_WEBHOOK_EXAMPLE } from "./examples";
import { findUnknownTemplates, insertWebhook } from "./queries";
import { CreateWebhookBodySchema, WebhookWithSecretSchema } from "./schemas";
import { serializeWebhook } from "./serialize-webhook";
import { createWebhookSecret, secretPrefixOf } from "./signing";
import { unknownTemplates } from "./webhook-errors";
import { requireSafeWebhookUrl } from "./webhook-url";

export const createWebhookRoute = defineApiRoute({
  method: "post",
  path: "/v1/webhooks",
  operationId: "createWebhook",
  tags: ["Webhooks"],
  summary: "Create a webhook",
  description:
    "Subscribes a URL to task events of the workspace. Events that happen from now on and match " +
    "event_types and sequence_template_ids are POSTed to the URL, signed with the secret in the " +
    "response. The secret is shown only here and by rotate-secret. Template ids that are not " +
    "templates of the workspace are a 422.",
  scope: "webhooks:write",
  errors: ["unsupportedMediaType", "business"],
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: CreateWebhookBodySchema,
          example: {
            name: CREATED_WEBHOOK_EXAMPLE.name,
            url: CREATED_WEBHOOK_EXAMPLE.url,
            description: CREATED_WEBHOOK_EXAMPLE.description,
            event_types: [...CREATED_WEBHOOK_EXAMPLE.event_types],
            sequence_template_ids: [...CREATED_WEBHOOK_EXAMPLE.sequence_template_ids],
          },
        },
      },
    },
  },
  responses: {
    201: {
      description: "The new webhook, with its signing secret.",
      content: { "application/json": { schema: WebhookWithSecretSchema, example: CREATED_WEBHOOK_EXAMPLE } },
    },
  },
});

export function registerCreateWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(createWebhookRoute, async (c) => {
    const body = c.req.valid("json");
    const { organizationId } = c.get("caller");
    const url = requireSafeWebhookUrl(c.env, body.url);
    const templateIds = body.sequence_template_ids ?? null;

    if (templateIds !== null) {
      const unknown = await findUnknownTemplates(c.var.db, organizationId, templateIds);
      if (unknown.length > 0) {
        throw unknownTemplates(unknown);
      }
    }

    const now = Date.now();
    const secret = createWebhookSecret();
    const row = await insertWebhook(c.var.db, {
      organizationId,
      id: createUuidV7(now),
      name: body.name,
      url,
      description: body.description ?? null,
      eventTypes: body.event_types,
      sequenceTemplateIds: templateIds,
      status: body.status,
      secret,
      secretPrefix: secretPrefixOf(secret),
      createdAt: now,
      updatedAt: now,
    });

    forgetWebhookPresence(organizationId);
    return c.json({ ...serializeWebhook(row), secret }, 201);
  });
}
