// The SQL of `npm run keys`. Every value is written as a literal, because wrangler's
// --command takes no bound parameters; sqlStringLiteral escapes each one.
import { sqlStringLiteral } from "../../dataset/dataset-sql";
import type { KeySelector } from "./key-command";

export interface NewKeyRow {
  id: string;
  organizationId: string;
  name: string;
  prefix: string;
  keyHash: string;
  scopes: readonly string[];
  createdAt: number;
  expiresAt: number | null;
}

const KEY_COLUMNS = `"id", "name", "prefix", "scopes", "created_at", "last_used_at", "expires_at", "revoked_at"`;

function integerOrNull(value: number | null): string {
  return value === null ? "NULL" : String(Math.trunc(value));
}

/**
 * Inserts the key only if its workspace exists, and returns its id. No returned row means
 * the workspace was not found, so the check and the write are one statement.
 */
export function createKeySql(row: NewKeyRow): string {
  const values = [
    sqlStringLiteral(row.id),
    `"organizations"."id"`,
    sqlStringLiteral(row.name),
    sqlStringLiteral(row.prefix),
    sqlStringLiteral(row.keyHash),
    sqlStringLiteral(JSON.stringify(row.scopes)),
    integerOrNull(row.createdAt),
    integerOrNull(row.expiresAt),
    "NULL",
    "NULL",
  ];
  return (
    `INSERT INTO "api_keys" ("id", "organization_id", "name", "prefix", "key_hash", "scopes", "created_at", "expires_at", "revoked_at", "last_used_at") ` +
    `SELECT ${values.join(", ")} FROM "organizations" WHERE "organizations"."id" = ${sqlStringLiteral(row.organizationId)} ` +
    `RETURNING "id";`
  );
}

/** Lists keys, never their hashes, oldest first within each workspace. */
export function listKeysSql(workspaceId: string | null): string {
  const where = workspaceId === null ? "" : ` WHERE "organization_id" = ${sqlStringLiteral(workspaceId)}`;
  return `SELECT "organization_id", ${KEY_COLUMNS} FROM "api_keys"${where} ORDER BY "organization_id", "created_at", "id";`;
}

/** Finds the keys that a selector names: one for an id, any number for a prefix. */
export function findKeysSql(selector: KeySelector): string {
  const where =
    selector.kind === "id"
      ? `"id" = ${sqlStringLiteral(selector.id)}`
      : `"prefix" = ${sqlStringLiteral(selector.prefix)}`;
  return `SELECT "organization_id", ${KEY_COLUMNS} FROM "api_keys" WHERE ${where} ORDER BY "created_at", "id";`;
}

/**
 * Sets revoked_at on one key that is not revoked yet and returns its id. No returned row
 * means another run revoked it first, and the earlier revoked_at stays.
 */
export function revokeKeySql(id: string, revokedAt: number): string {
  return (
    `UPDATE "api_keys" SET "revoked_at" = ${integerOrNull(revokedAt)} ` +
    `WHERE "id" = ${sqlStringLiteral(id)} AND "revoked_at" IS NULL RETURNING "id";`
  );
}

/** A row of listKeysSql or findKeysSql. */
export interface ListedKey {
  id: string;
  organizationId: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
}

function nullableNumber(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}

/** Reads the rows of listKeysSql or findKeysSql, whose scopes are JSON text. */
export function readListedKeys(rows: readonly Record<string, unknown>[]): ListedKey[] {
  return rows.map((row) => ({
    id: String(row.id),
    organizationId: String(row.organization_id),
    name: String(row.name),
    prefix: String(row.prefix),
    scopes: parseScopesColumn(row.scopes),
    createdAt: Number(row.created_at),
    lastUsedAt: nullableNumber(row.last_used_at),
    expiresAt: nullableNumber(row.expires_at),
    revokedAt: nullableNumber(row.revoked_at),
  }));
}

function parseScopesColumn(value: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(value));
    return Array.isArray(parsed) ? parsed.map(String) : [String(value)];
  } catch {
    // Shown as stored, so a damaged row is visible in the listing instead of hidden.
    return [String(value)];
  }
}
