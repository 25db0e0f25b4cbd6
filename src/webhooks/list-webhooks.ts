import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { WEBHOOK_EXAMPLE } from "./examples";
import { selectWebhookPage } from "./queries";
import { ListWebhooksQuerySchema, WebhookPageSchema } from "./schemas";
import { serializeWebhook } from "./serialize-webhook";

export const listWebhooksRoute = defineApiRoute({
  method: "get",
  path: "/v1/webhooks",
  operationId: "listWebhooks",
  tags: ["Webhooks"],
  summary: "List webhooks",
  description: "Returns a page of the workspace's webhooks, oldest first. Secrets are never listed.",
  scope: "webhooks:read",
  errors: [],
  request: { query: ListWebhooksQuerySchema },
  responses: {
    200: {
      description: "The page of webhooks and the totals across all pages.",
      content: {
        "application/json": {
          schema: WebhookPageSchema,
          example: { items: [WEBHOOK_EXAMPLE], total_count: 1, total_pages: 1, has_more: false },
        },
      },
    },
  },
});

export function registerListWebhooks(app: OpenAPIHono<AppEnv>) {
  app.openapi(listWebhooksRoute, async (c) => {
    const { page, size } = c.req.valid("query");
    const { organizationId } = c.get("caller");

    const { rows, totalCount } = await selectWebhookPage(c.var.db, organizationId, page, size);
    const totalPages = Math.ceil(totalCount / size);

    return c.json(
      {
        items: rows.map(serializeWebhook),
        total_count: totalCount,
        total_pages: totalPages,
        has_more: page < totalPages,
      },
      200,
    );
  });
}
