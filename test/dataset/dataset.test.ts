import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { hashApiKey } from "../../src/auth/api-key";
import { EXAMPLE_THREAD } from "../../src/messages/examples";
import {
  MESSAGE_CHANNELS,
  MESSAGE_DIRECTIONS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TASK_TYPES,
} from "../../src/common/enums";
import { buildDataset, type Dataset } from "../../scripts/dataset/build-dataset";
import { DATASET_NOW, FIRST_RUN_DAY } from "../../scripts/dataset/calendar";
import {
  EXAMPLE_INBOUND_BODY,
  EXAMPLE_INBOUND_MESSAGE_ID,
  EXAMPLE_INBOUND_RAW_BODY,
  EXAMPLE_NEW_REP,
  EXAMPLE_OUTBOUND_MESSAGE,
  EXAMPLE_REP,
  EXAMPLE_SEQUENCE,
  EXAMPLE_TASK,
  EXAMPLE_TEMPLATE,
} from "../../scripts/dataset/contract-examples";
import { datasetToSql, sqlStringLiteral } from "../../scripts/dataset/dataset-sql";
import { DEVELOPMENT_API_KEYS } from "../../scripts/dataset/development-keys";
import { EXAMPLE_WORKSPACE, SECOND_WORKSPACE } from "../../scripts/dataset/workspaces";

// Loads the whole development dataset into the test D1 database once, then checks it with SQL.

const WORKSPACE_IDS = [EXAMPLE_WORKSPACE.id, SECOND_WORKSPACE.id];

/** The last instant at which a task may be created: the end of 2025-03-31 (UTC). */
const LAST_CREATED_AT = Date.UTC(2025, 2, 31, 23, 59, 59, 999);

let dataset: Dataset;
let sql: string;

async function queryAll<Row>(query: string, ...params: unknown[]): Promise<Row[]> {
  const result = await env.DB.prepare(query)
    .bind(...params)
    .all<Row>();
  return result.results;
}

async function queryCount(query: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(query)
    .bind(...params)
    .first<{ count: number }>();
  return row?.count ?? 0;
}

async function distinctValues(column: string, table: string, organizationId: string): Promise<string[]> {
  const rows = await queryAll<{ value: string }>(
    `SELECT DISTINCT ${column} AS value FROM ${table} WHERE organization_id = ? ORDER BY value`,
    organizationId,
  );
  return rows.map((row) => row.value);
}

beforeAll(async () => {
  dataset = await buildDataset();
  sql = datasetToSql(dataset);
  await env.DB.exec(sql);
});

describe("dataset load", () => {
  it("row counts match the built rows", async () => {
    const tables = [
      ["organizations", dataset.organizations.length],
      ["users", dataset.users.length],
      ["sequence_templates", dataset.sequenceTemplates.length],
      ["sequences", dataset.sequences.length],
      ["tasks", dataset.tasks.length],
      ["messages", dataset.messages.length],
      ["api_keys", dataset.apiKeys.length],
    ] as const;

    for (const [table, expected] of tables) {
      expect(await queryCount(`SELECT COUNT(*) AS count FROM ${table}`), table).toBe(expected);
    }
  });

  it("sizes are realistic", async () => {
    expect(dataset.organizations).toHaveLength(2);
    expect(dataset.tasks.length).toBeGreaterThanOrEqual(3000);
    expect(dataset.tasks.length).toBeLessThanOrEqual(5000);
    expect(dataset.sequences.length).toBeGreaterThanOrEqual(200);

    for (const organizationId of WORKSPACE_IDS) {
      const userCount = await queryCount(
        "SELECT COUNT(*) AS count FROM users WHERE organization_id = ?",
        organizationId,
      );
      const templateCount = await queryCount(
        "SELECT COUNT(*) AS count FROM sequence_templates WHERE organization_id = ?",
        organizationId,
      );
      expect(userCount, organizationId).toBeGreaterThanOrEqual(5);
      expect(userCount, organizationId).toBeLessThanOrEqual(8);
      expect(templateCount, organizationId).toBeGreaterThanOrEqual(4);
      expect(templateCount, organizationId).toBeLessThanOrEqual(6);
    }
  });

  it("foreign keys all resolve", async () => {
    const violations = await queryAll("PRAGMA foreign_key_check");
    expect(violations).toEqual([]);
  });

  it("sql has one statement per line", () => {
    const lines = sql.trimEnd().split("\n");

    for (const line of lines) {
      expect(line.startsWith("INSERT INTO ")).toBe(true);
      expect(line.endsWith(");")).toBe(true);
    }
  });

  it("build is deterministic", async () => {
    expect(datasetToSql(await buildDataset())).toBe(sql);
  });
});

describe("dataset values", () => {
  it("every task type, priority and status occurs", async () => {
    for (const organizationId of WORKSPACE_IDS) {
      expect(await distinctValues("type", "tasks", organizationId)).toEqual([...TASK_TYPES].sort());
      expect(await distinctValues("priority", "tasks", organizationId)).toEqual([...TASK_PRIORITIES].sort());
      expect(await distinctValues("status", "tasks", organizationId)).toEqual([...TASK_STATUSES].sort());
    }
  });

  it("every channel and direction occurs", async () => {
    const channels = await queryAll<{ value: string }>("SELECT DISTINCT channel AS value FROM messages ORDER BY value");
    const directions = await queryAll<{ value: string }>(
      "SELECT DISTINCT direction AS value FROM messages ORDER BY value",
    );

    expect(channels.map((row) => row.value)).toEqual([...MESSAGE_CHANNELS].sort());
    expect(directions.map((row) => row.value)).toEqual([...MESSAGE_DIRECTIONS].sort());
  });

  it("unassigned tasks exist in each workspace", async () => {
    for (const organizationId of WORKSPACE_IDS) {
      const total = await queryCount("SELECT COUNT(*) AS count FROM tasks WHERE organization_id = ?", organizationId);
      const unassigned = await queryCount(
        "SELECT COUNT(*) AS count FROM tasks WHERE organization_id = ? AND assignee_user_id IS NULL",
        organizationId,
      );
      expect(unassigned / total, organizationId).toBeGreaterThan(0.05);
      expect(unassigned / total, organizationId).toBeLessThan(0.15);
    }
  });

  it("every user of a workspace has tasks", async () => {
    const idle = await queryAll<{ id: string }>(
      "SELECT id FROM users WHERE NOT EXISTS (SELECT 1 FROM tasks WHERE tasks.assignee_user_id = users.id)",
    );
    expect(idle).toEqual([]);
  });

  it("task timestamps stay in the dataset window", async () => {
    const outside = await queryCount(
      `SELECT COUNT(*) AS count FROM tasks WHERE id <> ?
         AND (created_at < ? OR created_at > ? OR updated_at < created_at OR updated_at >= ?)`,
      EXAMPLE_TASK.id,
      FIRST_RUN_DAY,
      LAST_CREATED_AT,
      DATASET_NOW,
    );
    const withMilliseconds = await queryCount("SELECT COUNT(*) AS count FROM tasks WHERE created_at % 1000 <> 0");

    expect(outside).toBe(0);
    expect(withMilliseconds / dataset.tasks.length).toBeGreaterThan(0.7);
  });

  it("status columns match the status", async () => {
    const rules = [
      ["COMPLETED without completed_at", "status = 'COMPLETED' AND completed_at IS NULL"],
      ["completed_at on another status", "status <> 'COMPLETED' AND completed_at IS NOT NULL"],
      ["SKIPPED without skipped_at", "status = 'SKIPPED' AND skipped_at IS NULL"],
      ["skipped_at on another status", "status <> 'SKIPPED' AND skipped_at IS NOT NULL"],
      ["completed CALL without disposition", "type = 'CALL' AND status = 'COMPLETED' AND disposition IS NULL"],
      ["disposition on another task", "NOT (type = 'CALL' AND status = 'COMPLETED') AND disposition IS NOT NULL"],
      ["reopen_reason without reopened_at", "reopen_reason IS NOT NULL AND reopened_at IS NULL"],
      ["reopened before creation", "reopened_at < created_at"],
      ["finished before reopening", "completed_at < reopened_at OR skipped_at < reopened_at"],
      [
        "updated before the last change",
        "updated_at < MAX(created_at, COALESCE(completed_at, 0), COALESCE(skipped_at, 0), COALESCE(reopened_at, 0))",
      ],
    ] as const;

    for (const [rule, condition] of rules) {
      expect(await queryCount(`SELECT COUNT(*) AS count FROM tasks WHERE ${condition}`), rule).toBe(0);
    }
  });

  it("reopened tasks include reminder rules", async () => {
    const reopened = await queryCount("SELECT COUNT(*) AS count FROM tasks WHERE reopened_at IS NOT NULL");
    const byReminderRule = await queryCount(
      "SELECT COUNT(*) AS count FROM tasks WHERE reopen_reason = 'REMINDER_RULE'",
    );

    expect(reopened).toBeGreaterThan(50);
    expect(byReminderRule).toBeGreaterThan(10);
    expect(byReminderRule).toBeLessThan(reopened);
  });

  it("task template equals its run's template", async () => {
    const mismatched = await queryCount(
      `SELECT COUNT(*) AS count FROM tasks JOIN sequences ON sequences.id = tasks.sequence_id
        WHERE tasks.sequence_template_id <> sequences.sequence_template_id`,
    );
    expect(mismatched).toBe(0);
  });

  it("message fields follow channel and direction", async () => {
    const rules = [
      ["EMAIL without subject", "channel = 'EMAIL' AND subject IS NULL"],
      ["subject on another channel", "channel <> 'EMAIL' AND subject IS NOT NULL"],
      ["OUTBOUND without sender", "direction = 'OUTBOUND' AND sender_id IS NULL"],
      ["INBOUND with sender", "direction = 'INBOUND' AND sender_id IS NOT NULL"],
      ["empty body", "trim(body) = ''"],
    ] as const;

    for (const [rule, condition] of rules) {
      expect(await queryCount(`SELECT COUNT(*) AS count FROM messages WHERE ${condition}`), rule).toBe(0);
    }
  });

  it("most runs have a thread", async () => {
    const withThread = await queryCount("SELECT COUNT(DISTINCT sequence_id) AS count FROM messages");
    const longest = await queryCount(
      "SELECT MAX(count) AS count FROM (SELECT COUNT(*) AS count FROM messages GROUP BY sequence_id)",
    );

    expect(withThread / dataset.sequences.length).toBeGreaterThan(0.7);
    expect(longest).toBeLessThanOrEqual(6);
  });

  it("inbound bodies carry no quoted history", async () => {
    const newline = "char(10)";
    const rules = [
      ["line starting with >", `body LIKE '>%' OR body LIKE '%' || ${newline} || '>%'`],
      ["wrote: header", "body LIKE '%wrote:%'"],
      ["Original Message marker", "body LIKE '%-----Original Message-----%'"],
      ["Outlook header block", `body LIKE '%' || ${newline} || 'From: %' || ${newline} || 'Sent: %'`],
      ["Outlook separator", "body LIKE '%\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_%' ESCAPE '\\'"],
    ] as const;

    for (const [rule, condition] of rules) {
      const count = await queryCount(
        `SELECT COUNT(*) AS count FROM messages WHERE direction = 'INBOUND' AND (${condition})`,
      );
      expect(count, rule).toBe(0);
    }
  });

  it("ids are lowercase and uuid-shaped", async () => {
    // D1 rejects LIKE and GLOB patterns longer than 50 bytes, so the ids are matched in JavaScript.
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const tables = ["organizations", "users", "sequence_templates", "sequences", "tasks", "messages", "api_keys"];

    for (const table of tables) {
      const rows = await queryAll<{ id: string }>(`SELECT id FROM ${table}`);
      const invalid = rows.map((row) => row.id).filter((id) => !uuid.test(id));
      expect(invalid, table).toEqual([]);
    }
  });
});

describe("contract examples", () => {
  it("contract task has the contract's values", async () => {
    const rows = await queryAll<Record<string, unknown>>("SELECT * FROM tasks WHERE id = ?", EXAMPLE_TASK.id);

    expect(rows).toEqual([
      {
        id: "019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f",
        organization_id: "018e9d8c-7b6a-7f5e-4d3c-2b1a0f9e8d7c",
        sequence_id: "018f3c1a-4b2d-7e8f-9a0b-1c2d3e4f5a6b",
        sequence_template_id: EXAMPLE_TEMPLATE.id,
        type: "CALL",
        priority: "HOT",
        status: "PENDING",
        assignee_user_id: "019d4e5f-6a7b-8c91-0d2e-3f4a5b6c7d8e",
        disposition: null,
        reopened_at: null,
        reopen_reason: null,
        skipped_at: null,
        completed_at: null,
        created_at: Date.parse("2025-03-13T07:00:00Z"),
        updated_at: Date.parse("2025-03-13T07:00:00Z"),
        version: 1,
        changed_by_api_key_id: null,
      },
    ]);
  });

  it("contract task is Jamie's only pending call", async () => {
    const rows = await queryAll<{ id: string }>(
      `SELECT id FROM tasks
        WHERE organization_id = ? AND status = 'PENDING' AND type = 'CALL' AND assignee_user_id = ?`,
      EXAMPLE_WORKSPACE.id,
      EXAMPLE_REP.id,
    );
    expect(rows.map((row) => row.id)).toEqual([EXAMPLE_TASK.id]);
  });

  it("contract reps own many other tasks", async () => {
    for (const rep of [EXAMPLE_REP, EXAMPLE_NEW_REP]) {
      const owned = await queryCount(
        "SELECT COUNT(*) AS count FROM tasks WHERE assignee_user_id = ? AND id <> ?",
        rep.id,
        EXAMPLE_TASK.id,
      );
      expect(owned, rep.name).toBeGreaterThan(100);
    }
  });

  it("contract run holds only the contract task", async () => {
    const rows = await queryAll<{ id: string }>("SELECT id FROM tasks WHERE sequence_id = ?", EXAMPLE_SEQUENCE.id);
    expect(rows.map((row) => row.id)).toEqual([EXAMPLE_TASK.id]);
  });

  it("contract thread has exactly two messages", async () => {
    const rows = await queryAll<Record<string, unknown>>(
      `SELECT id, channel, direction, subject, body, sent_at, sender_id FROM messages
        WHERE sequence_id = ? ORDER BY sent_at, id`,
      EXAMPLE_SEQUENCE.id,
    );

    expect(rows).toEqual(EXAMPLE_THREAD.map((message) => ({ ...message, sent_at: Date.parse(message.sent_at) })));
  });

  it("contract outbound body keeps its line breaks", async () => {
    const row = await env.DB.prepare("SELECT body FROM messages WHERE id = ?")
      .bind(EXAMPLE_OUTBOUND_MESSAGE.id)
      .first<{ body: string }>();

    expect(row?.body).toBe(
      "Hi Sarah,\n\nI noticed Acme Corp recently expanded its SDR team \u2014 curious whether you're looking at " +
        "tools to help them scale outreach without sacrificing personalization.\n\nWould a 15-minute call this " +
        "week make sense?\n\nBest,\nJamie",
    );
  });

  it("contract inbound body equals the contract text", async () => {
    const row = await env.DB.prepare("SELECT body FROM messages WHERE id = ?")
      .bind(EXAMPLE_INBOUND_MESSAGE_ID)
      .first<{ body: string }>();

    expect(row?.body).toBe("Hi Jamie, yes happy to chat. Let's do Thursday at 2pm EST.");
    expect(EXAMPLE_INBOUND_BODY).toBe(row?.body);
  });

  it("contract inbound raw body quotes the outbound email", () => {
    const lines = EXAMPLE_INBOUND_RAW_BODY.split("\n");

    expect(lines).toContain("On Mon, Mar 10, 2025 at 9:14 AM Jamie Rivera <jamie.rivera@acme-demo.example> wrote:");
    expect(lines).toContain("> Hi Sarah,");
    expect(lines).toContain("> Jamie");
  });
});

describe("development api keys", () => {
  it("each key is found by its hash", async () => {
    for (const key of DEVELOPMENT_API_KEYS) {
      const row = await env.DB.prepare(
        "SELECT id, organization_id, prefix, scopes, expires_at, revoked_at FROM api_keys WHERE key_hash = ?",
      )
        .bind(await hashApiKey(key.key))
        .first();

      expect(row, key.name).toEqual({
        id: key.id,
        organization_id: key.organizationId,
        prefix: key.key.slice(0, 12),
        scopes: JSON.stringify(key.scopes),
        expires_at: key.expiresAt,
        revoked_at: key.revokedAt,
      });
    }
  });

  it("keys cover every access case", () => {
    const exampleKeys = DEVELOPMENT_API_KEYS.filter((key) => key.organizationId === EXAMPLE_WORKSPACE.id);
    const active = exampleKeys.filter((key) => key.revokedAt === null && key.expiresAt === null);

    expect(active.map((key) => key.scopes)).toEqual(
      expect.arrayContaining([
        ["tasks:read", "tasks:write", "webhooks:read", "webhooks:write"],
        ["tasks:read", "webhooks:read"],
        ["tasks:write", "webhooks:write"],
      ]),
    );
    expect(exampleKeys.some((key) => key.revokedAt !== null && key.revokedAt < DATASET_NOW)).toBe(true);
    expect(exampleKeys.some((key) => key.expiresAt !== null && key.expiresAt < DATASET_NOW)).toBe(true);
    expect(DEVELOPMENT_API_KEYS.some((key) => key.organizationId === SECOND_WORKSPACE.id)).toBe(true);
    expect(DEVELOPMENT_API_KEYS.map((key) => key.key)).toContain("topo_xxxxxxxxxxxx");
  });
});

describe("sqlStringLiteral", () => {
  it("doubles quotes and encodes line breaks", () => {
    expect(sqlStringLiteral("it's")).toBe("'it''s'");
    expect(sqlStringLiteral("one\ntwo")).toBe("('one' || char(10) || 'two')");
    expect(sqlStringLiteral("")).toBe("''");
    expect(sqlStringLiteral("\r\n")).toBe("(char(13) || char(10))");
  });

  it("round-trips through sqlite", async () => {
    const value = "O'Neill\n\n> quoted\ttab \u2014 done\r\n";
    const row = await env.DB.prepare(`SELECT ${sqlStringLiteral(value)} AS value`).first<{ value: string }>();
    expect(row?.value).toBe(value);
  });
});
