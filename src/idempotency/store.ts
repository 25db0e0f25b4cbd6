import { and, eq, isNull, lte, or, sql } from "drizzle-orm";

import type { Database } from "../db/client";
import { idempotencyKeys, type IdempotencyKeyRow } from "../db/schema";

/** How long a key's first response is kept and replayed. */
export const IDEMPOTENCY_KEY_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * How long a key stays locked by a request that never recorded its response, say because
 * its isolate was stopped. No request runs this long, so after it the key is taken over.
 */
export const ABANDONED_REQUEST_MS = 60 * 1000;

export interface StoredResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** Identifies one request's hold on a key, so it only ever completes or releases its own. */
export interface KeyClaim {
  apiKeyId: string;
  key: string;
  requestHash: string;
  createdAt: number;
}

export type ClaimResult = { outcome: "claimed" } | { outcome: "taken"; existing: IdempotencyKeyRow };

function ownedBy(claim: KeyClaim) {
  return and(
    eq(idempotencyKeys.apiKeyId, claim.apiKeyId),
    eq(idempotencyKeys.key, claim.key),
    eq(idempotencyKeys.requestHash, claim.requestHash),
    eq(idempotencyKeys.createdAt, claim.createdAt),
  );
}

/**
 * Takes the key for this request, in one batch: an insert that also takes over an expired
 * or abandoned row, then a read of whatever row now has the key. Two requests with the
 * same key cannot both claim it, because the insert and the primary key decide.
 */
export async function claimKey(db: Database, claim: KeyClaim): Promise<ClaimResult> {
  const now = claim.createdAt;

  const [inserted, current] = await db.batch([
    db
      .insert(idempotencyKeys)
      .values({ ...claim, expiresAt: now + IDEMPOTENCY_KEY_RETENTION_MS })
      .onConflictDoUpdate({
        target: [idempotencyKeys.apiKeyId, idempotencyKeys.key],
        set: {
          requestHash: sql`excluded.request_hash`,
          responseStatus: null,
          responseBody: null,
          responseHeaders: null,
          createdAt: sql`excluded.created_at`,
          expiresAt: sql`excluded.expires_at`,
        },
        setWhere: or(
          lte(idempotencyKeys.expiresAt, now),
          and(isNull(idempotencyKeys.responseStatus), lte(idempotencyKeys.createdAt, now - ABANDONED_REQUEST_MS)),
        ),
      })
      .returning({ key: idempotencyKeys.key }),
    db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.apiKeyId, claim.apiKeyId), eq(idempotencyKeys.key, claim.key))),
  ]);

  if (inserted.length > 0) {
    return { outcome: "claimed" };
  }
  return { outcome: "taken", existing: current[0]! };
}

/** Records the response of the request that claimed the key, for replay. */
export async function completeKey(db: Database, claim: KeyClaim, response: StoredResponse): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: response.status, responseBody: response.body, responseHeaders: response.headers })
    .where(ownedBy(claim));
}

/** Frees the key when the request stored nothing worth replaying, so a retry runs anew. */
export async function releaseKey(db: Database, claim: KeyClaim): Promise<void> {
  await db.delete(idempotencyKeys).where(ownedBy(claim));
}

/** Deletes keys past their retention and returns how many it deleted. */
export async function pruneExpiredKeys(db: Database, now: number): Promise<number> {
  const result = await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, now)).run();
  return result.meta.changes;
}
