import { eq, sql } from "drizzle-orm";

import type { Database } from "../db/client";
import { apiKeys, organizations } from "../db/schema";

/** A key as authentication reads it, with the name of its workspace. */
export interface StoredApiKey {
  id: string;
  name: string;
  prefix: string;
  organizationId: string;
  organizationName: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

/** Looks up a key by the hash of its value, with the name of its workspace. */
export async function findApiKeyByHash(db: Database, keyHash: string): Promise<StoredApiKey | undefined> {
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      organizationId: apiKeys.organizationId,
      // Aliased because the key's own name is selected too, and D1 returns rows keyed by column name.
      organizationName: sql<string>`${organizations.name}`.as("organization_name"),
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .where(eq(apiKeys.keyHash, keyHash))
    .limit(1);

  return rows[0];
}
