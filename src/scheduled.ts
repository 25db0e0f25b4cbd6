import { createDatabase } from "./db/client";
import type { Bindings } from "./env";
import { pruneExpiredKeys } from "./idempotency/store";
import { pruneTaskEvents } from "./task-events/prune-events";
import { dispatchWorkspaceEvents } from "./webhooks/outbox";
import { resendOverdueDeliveries, selectWorkspacesWithUndispatchedEvents } from "./webhooks/sweep";

/**
 * Runs the hourly maintenance of the cron trigger in wrangler.toml. It deletes idempotency
 * keys and task events past their retention. It runs the webhook outbox for workspaces with
 * events the outbox has not read (after a change whose own run failed), and it sends overdue
 * webhook deliveries to the queue again.
 */
export async function runScheduledMaintenance(env: Bindings, now: number): Promise<void> {
  const db = createDatabase(env.DB);

  const prunedKeys = await pruneExpiredKeys(db, now);
  console.log(JSON.stringify({ level: "info", message: "pruned idempotency keys", count: prunedKeys }));

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

  // Pruned after the outbox has read them, so no event leaves the log before its deliveries exist.
  const prunedEvents = await pruneTaskEvents(db, now);
  console.log(JSON.stringify({ level: "info", message: "pruned task events", count: prunedEvents }));
}
