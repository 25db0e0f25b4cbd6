import { createApp } from "./app";
import type { Bindings } from "./env";
import { runScheduledMaintenance } from "./scheduled";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await runScheduledMaintenance(env, controller.scheduledTime);
  },
} satisfies ExportedHandler<Bindings>;
