import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Context } from "hono";

import { createDatabase } from "../db/client";
import { apiKeys } from "../db/schema";
import type { AppEnv } from "../env";
import { logUnexpectedError } from "../http/error-handler";

/** The maximum lag of last_used_at behind a key's use. A busy key costs one write per period. */
export const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;

// When this isolate last wrote last_used_at for each key. It saves a write attempt per
// request between two writes, and losing it on restart costs one extra write.
const recordedAt = new Map<string, number>();

function isDue(previous: number | null | undefined, now: number): boolean {
  return previous === null || previous === undefined || now - previous >= LAST_USED_RESOLUTION_MS;
}

/**
 * Updates the key's last_used_at after the response is sent, at most once per
 * LAST_USED_RESOLUTION_MS, so no request waits for the write and most requests make none.
 * The write is conditional too, so isolates that race write the column once.
 */
export function recordKeyUse(c: Context<AppEnv>, apiKeyId: string, storedLastUsedAt: number | null, now: number): void {
  if (!isDue(storedLastUsedAt, now) || !isDue(recordedAt.get(apiKeyId), now)) {
    return;
  }
  recordedAt.set(apiKeyId, now);

  const write = createDatabase(c.env.DB)
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, apiKeyId),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now - LAST_USED_RESOLUTION_MS)),
      ),
    )
    .run()
    .then(
      () => undefined,
      (error: unknown) => logUnexpectedError(c, error),
    );

  c.executionCtx.waitUntil(write);
}
