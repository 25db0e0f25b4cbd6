import { env } from "cloudflare:test";

// The tables whose rows carry an organization_id, in the order they are read.
const WORKSPACE_TABLES = ["users", "sequence_templates", "sequences", "tasks", "messages", "api_keys"] as const;

/**
 * Reads every row of a workspace straight from D1 with raw SQL, table by table and ordered by
 * id, as JSON text. Two reads compare equal only when no column of any row changed, in value
 * or in type.
 */
export async function readWorkspaceRows(organizationId: string): Promise<Record<string, string>> {
  const statements = [
    env.DB.prepare("SELECT * FROM organizations WHERE id = ?").bind(organizationId),
    ...WORKSPACE_TABLES.map((table) =>
      env.DB.prepare(`SELECT * FROM ${table} WHERE organization_id = ? ORDER BY id`).bind(organizationId),
    ),
  ];
  const results = await env.DB.batch(statements);

  const rows: Record<string, string> = {};
  ["organizations", ...WORKSPACE_TABLES].forEach((table, index) => {
    rows[table] = JSON.stringify(results[index]!.results);
  });
  return rows;
}
