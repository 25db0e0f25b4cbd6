import type { Database } from "../db/client";
import { findApiKeyByHash, type StoredApiKey } from "./find-api-key";

/**
 * How long this isolate trusts a key it has looked up. Revoking a key, or changing its
 * scopes, takes effect within this time; expiry is checked on every request.
 */
export const KEY_CACHE_TTL_MS = 30_000;

// Enough for every active key of a busy isolate. Unknown keys are never cached, so a flood
// of made-up keys cannot push real ones out.
const MAX_CACHED_KEYS = 1_000;

const cache = new Map<string, { key: StoredApiKey; cachedAt: number }>();

/**
 * Finds a key by its hash, from this isolate's cache when it was looked up less than
 * KEY_CACHE_TTL_MS ago, so a warm isolate authenticates without a D1 call.
 */
export async function findApiKeyCached(db: Database, keyHash: string, now: number): Promise<StoredApiKey | undefined> {
  const entry = cache.get(keyHash);
  if (entry !== undefined && now - entry.cachedAt < KEY_CACHE_TTL_MS) {
    return entry.key;
  }

  cache.delete(keyHash);
  const key = await findApiKeyByHash(db, keyHash);
  if (key === undefined) {
    return undefined;
  }

  // A Map iterates in insertion order, so the first entry is the one cached longest ago.
  if (cache.size >= MAX_CACHED_KEYS) {
    cache.delete(cache.keys().next().value!);
  }
  cache.set(keyHash, { key, cachedAt: now });
  return key;
}
