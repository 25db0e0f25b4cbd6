import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { ApiError } from "../http/errors";
import { reopenDelivery, selectWebhookAndDelivery } from "./delivery-queries";
import { sendDeliveryMessages } from "./delivery-queue";
import { DELIVERY_EXAMPLE } from "./examples";
import { DeliveryIdParamsSchema, DeliverySchema } from "./schemas";
import { serializeDelivery } from "./serialize-delivery";
import { deliveryNotFound, webhookNotFound } from "./webhook-errors";

export const redeliverWebhookDeliveryRoute = defineApiRoute({
  method: "post",
  path: "/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver",
  operationId: "redeliverWebhookDelivery",
  tags: ["Webhooks"],
  summary: "Redeliver an event",
  description:
    "Queues a SUCCEEDED or FAILED delivery again. The event is sent with the same event id " +
    "(Topo-Webhook-Id) and body as before, signed with the current secret, and failures are " +
    "retried for another 24 hours. The webhook must be ACTIVE, and a delivery that is still " +
    "PENDING cannot be redelivered; both are a 422.",
  scope: "webhooks:write",
  errors: ["notFound", "business"],
  request: { params: DeliveryIdParamsSchema },
  responses: {
    202: {
      description: "The delivery, PENDING again and queued.",
      content: {
        "application/json": {
          schema: DeliverySchema,
          example: { ...DELIVERY_EXAMPLE, status: "PENDING", next_attempt_at: "2025-03-14T09:00:00Z" },
        },
      },
    },
  },
});

export function registerRedeliverWebhookDelivery(app: OpenAPIHono<AppEnv>) {
  app.openapi(redeliverWebhookDeliveryRoute, async (c) => {
    const { id, delivery_id: deliveryId } = c.req.valid("param");
    const { organizationId } = c.get("caller");

    const { webhook, delivery } = await selectWebhookAndDelivery(c.var.db, organizationId, id, deliveryId);
    if (webhook === undefined) {
      throw webhookNotFound(id);
    }
    if (delivery === undefined) {
      throw deliveryNotFound(id, deliveryId);
    }
    if (webhook.status !== "ACTIVE") {
      throw new ApiError("business", `Webhook ${id} is ${webhook.status}; set its status to ACTIVE to redeliver.`, {
        data: { webhook_id: id, webhook_status: webhook.status },
      });
    }

    const pending = new ApiError("business", `Delivery ${deliveryId} is PENDING; it is still being delivered.`, {
      data: { delivery_id: deliveryId, current_status: "PENDING", allowed_statuses: ["SUCCEEDED", "FAILED"] },
    });
    if (delivery.status === "PENDING") {
      throw pending;
    }
    const reopened = await reopenDelivery(c.var.db, delivery, Date.now());
    if (reopened === undefined) {
      throw pending;
    }

    // If this send throws, the request fails with a 500 but the delivery stays PENDING and
    // due, so the scheduled sweep sends it later.
    await sendDeliveryMessages(c.env.WEBHOOK_DELIVERIES, [
      { organization_id: organizationId, delivery_id: deliveryId, attempt_count: reopened.delivery.attemptCount },
    ]);
    return c.json(serializeDelivery(reopened.delivery, reopened.attempts), 202);
  });
}
