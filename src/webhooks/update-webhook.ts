import type { OpenAPIHono } from "@hono/zod-openapi";
import { sql, type SQL } from "drizzle-orm";

import { webhookSubscriptions } from "../db/schema";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { WEBHOOK_EXAMPLE } from "./examples";
import { findWebhookAndUnknownTemplates, updateWebhook } from "./queries";
import { UpdateWebhookBodySchema, WebhookIdParamsSchema, WebhookSchema, type UpdateWebhookBody } from "./schemas";
import { serializeWebhook } from "./serialize-webhook";
import { unknownTemplates, webhookNotFound } from "./webhook-errors";
import { requireSafeWebhookUrl } from "./webhook-url";
import { forgetWebhookPresence } from "./quiet-workspaces";

export const updateWebhookRoute = defineApiRoute({
  method: "patch",
  path: "/v1/webhooks/{id}",
  operationId: "updateWebhook",
  tags: ["Webhooks"],
  summary: "Update a webhook",
  description:
    "Changes the given fields of a webhook. status PAUSED stops queueing events, and events that " +
    "happen while paused are never delivered. status ACTIVE resumes a PAUSED webhook or re-enables " +
    "a DISABLED one, which clears disabled_reason and its failure history, as does a new url.",
  scope: "webhooks:write",
  errors: ["notFound", "unsupportedMediaType", "business"],
  request: {
    params: WebhookIdParamsSchema,
    body: {
      required: true,
      content: { "application/json": { schema: UpdateWebhookBodySchema, example: { status: "PAUSED" } } },
    },
  },
  responses: {
    200: {
      description: "The webhook as it is after the change.",
      content: { "application/json": { schema: WebhookSchema, example: { ...WEBHOOK_EXAMPLE, status: "PAUSED" } } },
    },
  },
});

/**
 * Builds the new active_since of a webhook set ACTIVE: now when it was paused or disabled,
 * so the events of that time stay undelivered, and unchanged when it already was ACTIVE.
 */
function becameActiveAt(now: number): SQL {
  return sql`CASE WHEN ${webhookSubscriptions.status} = 'ACTIVE' THEN ${webhookSubscriptions.activeSince} ELSE ${now} END`;
}

/** A fresh start for failure tracking: after re-enabling, or with a URL that has not failed yet. */
const CLEARED_FAILURES = { disabledReason: null, consecutiveFailures: 0, failingSince: null };

export function registerUpdateWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(updateWebhookRoute, async (c) => {
    const { id } = c.req.valid("param");
    const body: UpdateWebhookBody = c.req.valid("json");
    const { organizationId } = c.get("caller");
    const url = body.url === undefined ? undefined : requireSafeWebhookUrl(c.env, body.url);

    // A webhook that does not exist is a 404 whatever the body names, as for a task, so the
    // webhook is looked up together with the templates.
    if (body.sequence_template_ids) {
      const found = await findWebhookAndUnknownTemplates(c.var.db, organizationId, id, body.sequence_template_ids);
      if (!found.webhookExists) {
        throw webhookNotFound(id);
      }
      if (found.unknownTemplateIds.length > 0) {
        throw unknownTemplates(found.unknownTemplateIds);
      }
    }

    const now = Date.now();
    const row = await updateWebhook(c.var.db, organizationId, id, {
      name: body.name,
      url,
      description: body.description,
      eventTypes: body.event_types,
      sequenceTemplateIds: body.sequence_template_ids,
      status: body.status,
      ...(body.status === "ACTIVE" || url !== undefined ? CLEARED_FAILURES : {}),
      ...(body.status === "ACTIVE" ? { activeSince: becameActiveAt(now) } : {}),
      updatedAt: now,
    });
    if (row === undefined) {
      throw webhookNotFound(id);
    }
    forgetWebhookPresence(organizationId);
    return c.json(serializeWebhook(row), 200);
  });
}
