import type { OpenAPIHono } from "@hono/zod-openapi";

import type { WebhookDeliveryAttemptRow } from "../db/schema";
import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { selectDeliveryPage } from "./delivery-queries";
import { DELIVERY_EXAMPLE } from "./examples";
import { DeliveryPageSchema, ListDeliveriesQuerySchema, WebhookIdParamsSchema } from "./schemas";
import { serializeDelivery } from "./serialize-delivery";
import { webhookNotFound } from "./webhook-errors";

export const listWebhookDeliveriesRoute = defineApiRoute({
  method: "get",
  path: "/v1/webhooks/{id}/deliveries",
  operationId: "listWebhookDeliveries",
  tags: ["Webhooks"],
  summary: "List a webhook's deliveries",
  description:
    "Returns the delivery log of a webhook, newest first: one entry per event matched to the " +
    "webhook, with its status and every HTTP attempt made for it.",
  scope: "webhooks:read",
  errors: ["notFound"],
  request: { params: WebhookIdParamsSchema, query: ListDeliveriesQuerySchema },
  responses: {
    200: {
      description: "The page of deliveries and the totals across all pages.",
      content: {
        "application/json": {
          schema: DeliveryPageSchema,
          example: { items: [DELIVERY_EXAMPLE], total_count: 1, total_pages: 1, has_more: false },
        },
      },
    },
  },
});

export function registerListWebhookDeliveries(app: OpenAPIHono<AppEnv>) {
  app.openapi(listWebhookDeliveriesRoute, async (c) => {
    const { id } = c.req.valid("param");
    const query = c.req.valid("query");

    const page = await selectDeliveryPage(c.var.db, c.get("caller").organizationId, id, query);
    if (!page.webhookExists) {
      throw webhookNotFound(id);
    }

    const attemptsByDelivery = new Map<string, WebhookDeliveryAttemptRow[]>();
    for (const attempt of page.attempts) {
      attemptsByDelivery.set(attempt.deliveryId, [...(attemptsByDelivery.get(attempt.deliveryId) ?? []), attempt]);
    }
    const totalPages = Math.ceil(page.totalCount / query.size);

    return c.json(
      {
        items: page.rows.map((row) => serializeDelivery(row, attemptsByDelivery.get(row.id) ?? [])),
        total_count: page.totalCount,
        total_pages: totalPages,
        has_more: query.page < totalPages,
      },
      200,
    );
  });
}
