import { createDatabase } from "./db/client";
import type { Bindings } from "./env";
import { pruneExpiredKeys } from "./idempotency/store";
import { dispatchWorkspaceEvents } from "./webhooks/outbox";
import { resendOverdueDeliveries, selectWorkspacesWithUndispatchedEvents } from "./webhooks/sweep";

/**
 * Runs on the cron trigger in wrangler.toml: deletes idempotency keys past their retention,
 * runs the webhook outbox for workspaces with events it has not read (a change whose own run
 * failed), and sends overdue webhook deliveries to the queue again.
 */
export async function runScheduledMaintenance(env: Bindings, now: number): Promise<void> {
  const db = createDatabase(env.DB);

  const pruned = await pruneExpiredKeys(db, now);
  console.log(JSON.stringify({ level: "info", message: "pruned idempotency keys", count: pruned }));

  let deliveries = 0;
  const workspaces = await selectWorkspacesWithUndispatchedEvents(db);
  for (const organizationId of workspaces) {
    deliveries += (await dispatchWorkspaceEvents(db, env.WEBHOOK_DELIVERIES, organizationId, now)).deliveries;
  }
  const resent = await resendOverdueDeliveries(db, env.WEBHOOK_DELIVERIES, now);
  console.log(
    JSON.stringify({
      level: "info",
      message: "ran the webhook outbox",
      workspaces: workspaces.length,
      deliveries_queued: deliveries,
      deliveries_resent: resent,
    }),
  );
}
