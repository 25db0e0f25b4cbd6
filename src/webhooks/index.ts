import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { registerCreateWebhook } from "./create-webhook";
import { registerDeleteWebhook } from "./delete-webhook";
import { registerGetWebhook } from "./get-webhook";
import { registerListWebhookDeliveries } from "./list-webhook-deliveries";
import { registerListWebhooks } from "./list-webhooks";
import { registerRedeliverWebhookDelivery } from "./redeliver-webhook-delivery";
import { registerRotateWebhookSecret } from "./rotate-webhook-secret";
import { registerTestWebhook } from "./test-webhook";
import { registerUpdateWebhook } from "./update-webhook";

export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>) {
  registerListWebhooks(app);
  registerCreateWebhook(app);
  registerGetWebhook(app);
  registerUpdateWebhook(app);
  registerDeleteWebhook(app);
  registerRotateWebhookSecret(app);
  registerTestWebhook(app);
  registerListWebhookDeliveries(app);
  registerRedeliverWebhookDelivery(app);
}
