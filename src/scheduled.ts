import { createDatabase } from "./db/client";
import type { Bindings } from "./env";
import { pruneExpiredKeys } from "./idempotency/store";

/** Runs on the cron trigger in wrangler.toml: deletes idempotency keys past their retention. */
export async function runScheduledMaintenance(env: Bindings, now: number): Promise<void> {
  const pruned = await pruneExpiredKeys(createDatabase(env.DB), now);
  console.log(JSON.stringify({ level: "info", message: "pruned idempotency keys", count: pruned }));
}
