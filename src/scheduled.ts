import { createDatabase } from "./db/client";
import type { Bindings } from "./env";
import { pruneExpiredKeys } from "./idempotency/store";
import { pruneTaskEvents } from "./task-events/prune-events";

/**
 * Runs on the cron trigger in wrangler.toml: deletes idempotency keys past their retention,
 * then task events past theirs.
 */
export async function runScheduledMaintenance(env: Bindings, now: number): Promise<void> {
  const db = createDatabase(env.DB);

  const prunedKeys = await pruneExpiredKeys(db, now);
  console.log(JSON.stringify({ level: "info", message: "pruned idempotency keys", count: prunedKeys }));

  const prunedEvents = await pruneTaskEvents(db, now);
  console.log(JSON.stringify({ level: "info", message: "pruned task events", count: prunedEvents }));
}
