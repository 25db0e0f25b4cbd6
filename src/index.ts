import { createApp } from "./app";
import type { Bindings } from "./env";
import { runScheduledMaintenance } from "./scheduled";
import type { DeliveryMessage } from "./webhooks/delivery-queue";
import { handleDeliveryBatch } from "./webhooks/consumer";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await runScheduledMaintenance(env, controller.scheduledTime);
  },
  async queue(batch, env) {
    await handleDeliveryBatch(batch, env);
  },
} satisfies ExportedHandler<Bindings, DeliveryMessage>;
