// The work that the baseline and the peer do around each request, without a framework or an
// ORM. It matches the API's: the same key lookup and 30-second isolate cache, the same
// rate-limit binding call, one JSON log line, and Server-Timing with the same D1 counters.
// So only the framework differs between the three workers.

import { hashApiKey } from "../../../src/auth/api-key";
import { toIsoTimestamp, toIsoTimestampOrNull } from "../../../src/common/timestamps";
import { FIND_API_KEY_SQL } from "./sql";

export interface BenchBindings {
  DB: D1Database;
  READ_RATE_LIMITER: RateLimit;
  WRITE_RATE_LIMITER: RateLimit;
}

/** D1 usage of one request, as src/db/d1-usage.ts counts it. */
export class D1Meter {
  calls = 0;
  durationMs = 0;
  rowsRead = 0;
  rowsWritten = 0;

  constructor(private readonly db: D1Database) {}

  prepare(sql: string): D1PreparedStatement {
    return this.db.prepare(sql);
  }

  async all<Row>(statement: D1PreparedStatement): Promise<Row[]> {
    const startedAt = performance.now();
    this.calls += 1;
    try {
      const result = await statement.all<Row>();
      this.add(result.meta);
      return result.results;
    } finally {
      this.durationMs += performance.now() - startedAt;
    }
  }

  async batch(statements: D1PreparedStatement[]): Promise<D1Result[]> {
    const startedAt = performance.now();
    this.calls += 1;
    try {
      const results = await this.db.batch(statements);
      for (const result of results) {
        this.add(result.meta);
      }
      return results;
    } finally {
      this.durationMs += performance.now() - startedAt;
    }
  }

  serverTiming(): string {
    return (
      `d1;dur=${this.durationMs.toFixed(1)}, d1-calls;desc=${this.calls}, ` +
      `d1-rows-read;desc=${this.rowsRead}, d1-rows-written;desc=${this.rowsWritten}`
    );
  }

  private add(meta: D1Meta | undefined): void {
    this.rowsRead += meta?.rows_read ?? 0;
    this.rowsWritten += meta?.rows_written ?? 0;
  }
}

export interface BenchCaller {
  apiKeyId: string;
  organizationId: string;
  scopes: string[];
}

interface ApiKeyRow {
  id: string;
  organization_id: string;
  scopes: string;
  expires_at: number | null;
  revoked_at: number | null;
}

const KEY_CACHE_TTL_MS = 30_000;
const keyCache = new Map<string, { key: ApiKeyRow; cachedAt: number }>();

/** Verifies the bearer key as src/auth does, or returns undefined for any failure. */
export async function authenticate(request: Request, meter: D1Meter): Promise<BenchCaller | undefined> {
  const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(request.headers.get("Authorization") ?? "");
  if (match === null) {
    return undefined;
  }

  const now = Date.now();
  const keyHash = await hashApiKey(match[1]!);
  let key = keyCache.get(keyHash);
  if (key === undefined || now - key.cachedAt >= KEY_CACHE_TTL_MS) {
    const [row] = await meter.all<ApiKeyRow>(meter.prepare(FIND_API_KEY_SQL).bind(keyHash, 1));
    if (row === undefined) {
      keyCache.delete(keyHash);
      return undefined;
    }
    key = { key: row, cachedAt: now };
    keyCache.set(keyHash, key);
  }

  const { id, organization_id, scopes, expires_at, revoked_at } = key.key;
  if ((revoked_at !== null && revoked_at <= now) || (expires_at !== null && expires_at <= now)) {
    return undefined;
  }
  return { apiKeyId: id, organizationId: organization_id, scopes: JSON.parse(scopes) as string[] };
}

/** Counts the request against the key's read or write budget, with the API's bindings. */
export async function withinRateLimit(env: BenchBindings, method: string, caller: BenchCaller): Promise<boolean> {
  const limiter = method === "GET" || method === "HEAD" ? env.READ_RATE_LIMITER : env.WRITE_RATE_LIMITER;
  const { success } = await limiter.limit({ key: caller.apiKeyId });
  return success;
}

/** Writes the one JSON line per request that the API's request log writes. */
export function logRequest(
  request: Request,
  route: string | null,
  status: number,
  startedAt: number,
  caller?: BenchCaller,
) {
  console.log(
    JSON.stringify({
      level: "info",
      message: "request",
      request_id: crypto.randomUUID(),
      method: request.method,
      route,
      status,
      duration_ms: Math.round((performance.now() - startedAt) * 10) / 10,
      api_key_id: caller?.apiKeyId ?? null,
      workspace_id: caller?.organizationId ?? null,
    }),
  );
}

/** A tasks row as D1 returns it, with snake_case column names. */
export interface TaskRecord {
  id: string;
  organization_id: string;
  sequence_id: string;
  sequence_template_id: string;
  type: string;
  priority: string;
  status: string;
  assignee_user_id: string | null;
  disposition: string | null;
  reopened_at: number | null;
  reopen_reason: string | null;
  skipped_at: number | null;
  completed_at: number | null;
  created_at: number;
  updated_at: number;
  version: number;
}

/** Renders a task row as the API does, fields in the same order. */
export function serializeTask(row: TaskRecord) {
  return {
    id: row.id,
    organization_id: row.organization_id,
    type: row.type,
    priority: row.priority,
    status: row.status,
    sequence_id: row.sequence_id,
    assignee_user_id: row.assignee_user_id,
    disposition: row.disposition,
    reopened_at: toIsoTimestampOrNull(row.reopened_at),
    reopen_reason: row.reopen_reason,
    skipped_at: toIsoTimestampOrNull(row.skipped_at),
    completed_at: toIsoTimestampOrNull(row.completed_at),
    created_at: toIsoTimestamp(row.created_at),
    updated_at: toIsoTimestamp(row.updated_at),
    version: row.version,
  };
}

export interface MessageRecord {
  id: string;
  organization_id: string;
  sequence_id: string;
  channel: string;
  direction: string;
  subject: string | null;
  body: string;
  sent_at: number;
  sender_id: string | null;
}
