import { applyD1Migrations, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

// The development database, and any deployed one, already has rows when a new migration
// arrives, so each migration is replayed here on a database that has data in it.

describe("migrations", () => {
  it("keep the tasks a database already has", async () => {
    const [initial, ...later] = env.TEST_MIGRATIONS;
    const db = env.MIGRATIONS_DB;
    await applyD1Migrations(db, [initial!]);
    await db.batch([
      db.prepare("INSERT INTO organizations (id, name, created_at) VALUES ('org', 'Acme', 0)"),
      db.prepare(
        "INSERT INTO sequence_templates (id, organization_id, name, created_at) VALUES ('tpl', 'org', 'Outbound', 0)",
      ),
      db.prepare(
        "INSERT INTO sequences (id, organization_id, sequence_template_id, contact_name, created_at) VALUES ('seq', 'org', 'tpl', 'Jamie', 0)",
      ),
      db.prepare(
        `INSERT INTO tasks (id, organization_id, sequence_id, sequence_template_id, type, priority, status, created_at, updated_at)
         VALUES ('task', 'org', 'seq', 'tpl', 'CALL', 'HOT', 'PENDING', 1, 2)`,
      ),
    ]);

    await applyD1Migrations(db, later);

    const task = await db.prepare("SELECT *, typeof(version) AS version_type FROM tasks").first();
    expect(task).toMatchObject({ id: "task", organization_id: "org", status: "PENDING", created_at: 1, updated_at: 2 });
    expect(task).toMatchObject({ version: 1, version_type: "integer" });
  });
});
