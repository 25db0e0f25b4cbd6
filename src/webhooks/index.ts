import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { registerCreateWebhook } from "./create-webhook";
import { registerDeleteWebhook } from "./delete-webhook";
import { registerGetWebhook } from "./get-webhook";
import { registerListWebhooks } from "./list-webhooks";
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
}
