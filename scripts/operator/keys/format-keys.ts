import { toIsoTimestamp } from "../../../src/common/timestamps";
import type { ListedKey } from "./key-sql";

const COLUMNS = ["id", "workspace", "name", "prefix", "scopes", "created", "last used", "expires", "revoked"] as const;

function timestampOrDash(value: number | null): string {
  return value === null ? "-" : toIsoTimestamp(value);
}

/** Renders keys as a plain-text table with one key per line, for a terminal. */
export function formatKeyTable(keys: readonly ListedKey[]): string {
  const rows = keys.map((key) => [
    key.id,
    key.organizationId,
    key.name,
    key.prefix,
    key.scopes.join(","),
    toIsoTimestamp(key.createdAt),
    timestampOrDash(key.lastUsedAt),
    timestampOrDash(key.expiresAt),
    timestampOrDash(key.revokedAt),
  ]);

  const widths = COLUMNS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd();

  return [render(COLUMNS), ...rows.map(render)].join("\n");
}

/** Renders keys as JSON with snake_case fields and ISO 8601 timestamps, like the API. */
export function formatKeyJson(keys: readonly ListedKey[]): string {
  const objects = keys.map((key) => ({
    id: key.id,
    organization_id: key.organizationId,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    created_at: toIsoTimestamp(key.createdAt),
    last_used_at: key.lastUsedAt === null ? null : toIsoTimestamp(key.lastUsedAt),
    expires_at: key.expiresAt === null ? null : toIsoTimestamp(key.expiresAt),
    revoked_at: key.revokedAt === null ? null : toIsoTimestamp(key.revokedAt),
  }));
  return JSON.stringify(objects, null, 2);
}
