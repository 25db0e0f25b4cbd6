import { env } from "cloudflare:test";

// The tables whose rows carry an organization_id, in the order they are read.
// The task event log is among them, so a probe that changed nothing also appended no event.
// So is the webhook outbox cursor, so a probe that changed nothing also queued no delivery.
const WORKSPACE_TABLES = [
  "users",
  "sequence_templates",
  "sequences",
  "tasks",
  "messages",
  "api_keys",
  "task_events",
  "task_event_counters",
  "webhook_subscriptions",
  "webhook_deliveries",
  "webhook_delivery_attempts",
  "webhook_outbox_cursors",
] as const;

// Tables without an id column, and the columns that order their rows.
const ORDER_OF_TABLE: Partial<Record<string, string>> = {
  task_event_counters: "organization_id",
  webhook_delivery_attempts: "delivery_id, attempt_number",
  webhook_outbox_cursors: "organization_id",
};

// Columns that record activity rather than data: a key's last use changes whenever the key
// is used, by anyone's request, so it is left out of the comparison.
const ACTIVITY_COLUMNS: Partial<Record<string, readonly string[]>> = { api_keys: ["last_used_at"] };

function withoutActivity(table: string, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const omitted = ACTIVITY_COLUMNS[table] ?? [];
  return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !omitted.includes(column))));
}

/**
 * Reads every row of a workspace straight from D1 with raw SQL, table by table and ordered by
 * id, as JSON text. Two reads compare equal only when no column of any row changed, in value
 * or in type, apart from the activity columns.
 */
export async function readWorkspaceRows(organizationId: string): Promise<Record<string, string>> {
  const statements = [
    env.DB.prepare("SELECT * FROM organizations WHERE id = ?").bind(organizationId),
    ...WORKSPACE_TABLES.map((table) =>
      env.DB.prepare(`SELECT * FROM ${table} WHERE organization_id = ? ORDER BY ${ORDER_OF_TABLE[table] ?? "id"}`).bind(
        organizationId,
      ),
    ),
  ];
  const results = await env.DB.batch(statements);

  const rows: Record<string, string> = {};
  ["organizations", ...WORKSPACE_TABLES].forEach((table, index) => {
    rows[table] = JSON.stringify(withoutActivity(table, results[index]!.results as Record<string, unknown>[]));
  });
  return rows;
}
