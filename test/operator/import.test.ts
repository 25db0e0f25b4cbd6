import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import messagesText from "../fixtures/import/messages.ndjson?raw";
import organizationsText from "../fixtures/import/organizations.ndjson?raw";
import sequencesText from "../fixtures/import/sequences.ndjson?raw";
import sequenceTemplatesText from "../fixtures/import/sequence_templates.ndjson?raw";
import tasksText from "../fixtures/import/tasks.ndjson?raw";
import usersText from "../fixtures/import/users.ndjson?raw";
import { stripQuotedReply } from "../../src/messages/strip-quoted-reply";
import { parseImportCommand, selectDirectoryFiles } from "../../scripts/operator/import/import-command";
import {
  emptyExistingRows,
  emptyImportSet,
  type ExistingRows,
  type ImportSet,
  resolveImport,
  toMessageRow,
} from "../../scripts/operator/import/import-set";
import {
  importStatements,
  lookupStatements,
  packStatements,
  readExistingRows,
} from "../../scripts/operator/import/import-sql";
import { messageLineSchema, taskLineSchema, userLineSchema } from "../../scripts/operator/import/ndjson-schemas";
import { formatLineError, parseNdjson } from "../../scripts/operator/import/parse-ndjson";
import { type ImportFileText, parseImportSet } from "../../scripts/operator/import/parse-import-set";
import { createProgressBar, renderProgressBar } from "../../scripts/operator/import/progress-bar";
import { UsageError } from "../../scripts/operator/usage-error";
import { callApi, describeResponse } from "../helpers/api";
import { createApiKey, createWorkspace } from "../helpers/factories";

const FIXTURE_WORKSPACE = "6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1";
const ORGANIZATION = "018e9d8c-7b6a-7f5e-4d3c-2b1a0f9e8d7c";
const SEQUENCE = "019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f";
const USER = "019d4e5f-6a7b-8c91-0d2e-3f4a5b6c7d8e";

const FIXTURE_FILES: ImportFileText[] = [
  { kind: "organizations", label: "organizations.ndjson", text: organizationsText },
  { kind: "users", label: "users.ndjson", text: usersText },
  { kind: "sequenceTemplates", label: "sequence_templates.ndjson", text: sequenceTemplatesText },
  { kind: "sequences", label: "sequences.ndjson", text: sequencesText },
  { kind: "tasks", label: "tasks.ndjson", text: tasksText },
  { kind: "messages", label: "messages.ndjson", text: messagesText },
];

function ndjson(...rows: unknown[]): string {
  return rows.map((row) => (typeof row === "string" ? row : JSON.stringify(row))).join("\n");
}

function task(overrides: Record<string, unknown> = {}) {
  return {
    id: "019e6a7b-8c9d-7e0f-8a1b-2c3d4e5f6a7b",
    organization_id: ORGANIZATION,
    sequence_id: SEQUENCE,
    type: "CALL",
    priority: "HOT",
    status: "PENDING",
    created_at: "2025-03-13T07:00:00Z",
    ...overrides,
  };
}

function usageErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error("expected a UsageError");
}

/** Runs the lookups that `npm run import` sends before it writes, against the test database. */
async function lookUpExisting(set: ImportSet): Promise<ExistingRows> {
  const rows: Record<string, unknown>[] = [];
  for (const statement of lookupStatements(set)) {
    rows.push(...(await env.DB.prepare(statement).all<Record<string, unknown>>()).results);
  }
  return readExistingRows(rows);
}

/** Parses one file's text into an import set that holds only that file. */
function setOf(kind: ImportFileText["kind"], text: string): ImportSet {
  const { set, errors } = parseImportSet([{ kind, label: `${kind}.ndjson`, text }]);
  expect(errors).toEqual([]);
  return set;
}

describe("NDJSON validation", () => {
  it("reports line numbers and reasons", () => {
    const text = ndjson(
      task(),
      "",
      "{not json",
      "[1, 2]",
      task({ type: "FAX", assignee: USER }),
      task({ status: "COMPLETED" }),
      task({ id: "123", created_at: "2025-03-13" }),
      { ...task(), created_at: undefined },
    );

    const { rows, errors } = parseNdjson("tasks.ndjson", text, taskLineSchema);

    expect(rows.map((row) => row.line)).toEqual([1]);
    expect(errors.map(formatLineError)).toEqual([
      expect.stringMatching(/^tasks\.ndjson:3: invalid JSON: /),
      "tasks.ndjson:4: expected a JSON object",
      expect.stringMatching(/^tasks\.ndjson:5: type: /),
      "tasks.ndjson:5: unknown field assignee",
      "tasks.ndjson:6: completed_at: is required when status is COMPLETED",
      expect.stringMatching(/^tasks\.ndjson:7: id: must be a UUID/),
      expect.stringMatching(/^tasks\.ndjson:7: created_at: must be an ISO 8601 date-time/),
      "tasks.ndjson:8: created_at: is required",
    ]);
  });

  it("checks task field consistency", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ skipped_at: "2025-03-14T00:00:00Z" }, "skipped_at: must be null when status is PENDING"],
      [{ status: "SKIPPED" }, "skipped_at: is required when status is SKIPPED"],
      [
        { status: "IN_PROGRESS", completed_at: "2025-03-14T00:00:00Z" },
        "completed_at: must be null when status is IN_PROGRESS",
      ],
      [{ disposition: "ANSWERED" }, "disposition: is only allowed on a COMPLETED task of type CALL"],
      [
        { type: "EMAIL_REPLY", status: "COMPLETED", completed_at: "2025-03-14T00:00:00Z", disposition: "ANSWERED" },
        "disposition: is only allowed on a COMPLETED task of type CALL",
      ],
      [{ reopen_reason: "REMINDER_RULE" }, "reopen_reason: needs reopened_at"],
      [{ updated_at: "2025-03-12T00:00:00Z" }, "updated_at: must not be before created_at"],
    ];

    for (const [overrides, expected] of cases) {
      const { errors } = parseNdjson("tasks.ndjson", JSON.stringify(task(overrides)), taskLineSchema);
      expect(
        errors.map((error) => error.message),
        JSON.stringify(overrides),
      ).toEqual([expected]);
    }
  });

  it("reads timestamps and ids", () => {
    const { rows } = parseNdjson(
      "tasks.ndjson",
      `\uFEFF${JSON.stringify(task({ id: "019E6A7B-8C9D-7E0F-8A1B-2C3D4E5F6A7B", created_at: "2025-03-13T08:00:00.250+01:00" }))}\r\n`,
      taskLineSchema,
    );

    expect(rows[0]?.row).toMatchObject({
      id: "019e6a7b-8c9d-7e0f-8a1b-2c3d4e5f6a7b",
      created_at: Date.UTC(2025, 2, 13, 7, 0, 0, 250),
      updated_at: null,
      assignee_user_id: null,
    });
  });

  it("rejects a sender on inbound messages", () => {
    const message = {
      id: "019e7b8c-9d0e-7f1a-8b2c-3d4e5f6a7b8c",
      organization_id: ORGANIZATION,
      sequence_id: SEQUENCE,
      channel: "EMAIL",
      direction: "INBOUND",
      body: "Sounds good.",
      sent_at: "2025-03-13T07:00:00Z",
      sender_id: USER,
    };

    const { errors } = parseNdjson("messages.ndjson", JSON.stringify(message), messageLineSchema);

    expect(errors.map(formatLineError)).toEqual([
      "messages.ndjson:1: sender_id: must be null for an INBOUND message, which the contact sent",
    ]);
  });

  it("rejects an invalid email", () => {
    const user = {
      id: USER,
      organization_id: ORGANIZATION,
      name: "Jamie",
      email: "jamie",
      created_at: "2025-03-13T07:00:00Z",
    };

    const { errors } = parseNdjson("users.ndjson", JSON.stringify(user), userLineSchema);

    expect(errors.map(formatLineError)).toEqual(["users.ndjson:1: email: must be an email address"]);
  });
});

describe("import references", () => {
  it("accepts the fixture folder", () => {
    const { set, errors } = parseImportSet(FIXTURE_FILES);

    expect(errors).toEqual([]);
    const resolved = resolveImport(set, emptyExistingRows());
    expect(resolved.errors).toEqual([]);
    expect(resolved.rows?.tasks).toHaveLength(3);
    expect(resolved.rows?.tasks.every((row) => row.sequenceTemplateId === "6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0b1")).toBe(
      true,
    );
  });

  it("reports missing references", () => {
    const set = setOf("tasks", ndjson(task({ assignee_user_id: USER })));

    const { errors, rows } = resolveImport(set, emptyExistingRows());

    expect(rows).toBeUndefined();
    expect(errors.map(formatLineError)).toEqual([
      `tasks.ndjson:1: organization_id: workspace ${ORGANIZATION} is not in organizations.ndjson or the database`,
      `tasks.ndjson:1: sequence_id: sequence ${SEQUENCE} is not in the import files or the database`,
      `tasks.ndjson:1: assignee_user_id: user ${USER} is not in the import files or the database`,
    ]);
  });

  it("rejects another workspace's sequence", () => {
    const set = setOf("tasks", ndjson(task()));
    const existing = emptyExistingRows();
    existing.organizations.add(ORGANIZATION);
    existing.sequences.set(SEQUENCE, { organizationId: FIXTURE_WORKSPACE, sequenceTemplateId: USER });

    const { errors } = resolveImport(set, existing);

    expect(errors.map(formatLineError)).toEqual([
      `tasks.ndjson:1: sequence_id: sequence ${SEQUENCE} belongs to workspace ${FIXTURE_WORKSPACE}, not ${ORGANIZATION}`,
    ]);
  });

  it("rejects a mismatched template", () => {
    const otherTemplate = "019e0000-0000-7000-8000-000000000001";
    const set = setOf("tasks", ndjson(task({ sequence_template_id: otherTemplate })));
    const existing = emptyExistingRows();
    existing.organizations.add(ORGANIZATION);
    existing.sequences.set(SEQUENCE, { organizationId: ORGANIZATION, sequenceTemplateId: USER });

    const { errors } = resolveImport(set, existing);

    expect(errors.map((error) => error.message)).toEqual([
      `sequence_template_id: ${otherTemplate} is not the template of sequence ${SEQUENCE}, which is ${USER}`,
    ]);
  });

  it("rejects duplicate ids", () => {
    const set = setOf("tasks", ndjson(task(), task()));
    const existing = emptyExistingRows();
    existing.organizations.add(ORGANIZATION);
    existing.sequences.set(SEQUENCE, { organizationId: ORGANIZATION, sequenceTemplateId: USER });

    const { errors } = resolveImport(set, existing);

    expect(errors.map(formatLineError)).toEqual([
      `tasks.ndjson:2: id ${task().id} is already a task of workspace ${ORGANIZATION} in tasks.ndjson line 1`,
    ]);
  });

  it("strips quoted replies from inbound bodies", () => {
    const raw =
      "Thursday works.\n\nOn Mon, Mar 10, 2025 at 9:14 AM Jamie <jamie@example.com> wrote:\n> Does Thursday work?";
    const line = {
      id: "019e7b8c-9d0e-7f1a-8b2c-3d4e5f6a7b8c",
      organization_id: ORGANIZATION,
      sequence_id: SEQUENCE,
      channel: "EMAIL" as const,
      direction: "INBOUND" as const,
      subject: null,
      body: raw,
      sent_at: 0,
      sender_id: null,
    };

    expect(toMessageRow(line).body).toBe("Thursday works.");
    expect(toMessageRow(line).body).toBe(stripQuotedReply(raw));
    expect(toMessageRow({ ...line, direction: "OUTBOUND" }).body).toBe(raw);
  });
});

describe("import into D1", () => {
  it("makes fixture tasks readable", async () => {
    const { set, errors } = parseImportSet(FIXTURE_FILES);
    expect(errors).toEqual([]);
    const resolved = resolveImport(set, await lookUpExisting(set));
    expect(resolved.errors).toEqual([]);

    // wrangler runs the import file as one D1 batch; the test runs the same statements so.
    const statements = importStatements(resolved.rows!);
    await env.DB.batch(statements.map((statement) => env.DB.prepare(statement)));

    const key = await createApiKey(FIXTURE_WORKSPACE);
    const list = await callApi("/v1/tasks?sort_by=created_at&sort_order=asc", { key: key.rawKey });
    expect(list.status, describeResponse(list)).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([
      "6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0d1",
      "6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0d2",
      "6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0d3",
    ]);

    const completed = await callApi("/v1/tasks/6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0d2", { key: key.rawKey });
    expect(completed.body).toMatchObject({
      status: "COMPLETED",
      disposition: "VOICEMAIL_LEFT",
      assignee_user_id: "6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0a2",
      completed_at: "2025-04-03T15:20:00.250Z",
      updated_at: "2025-04-03T15:20:00.250Z",
    });

    const thread = await callApi("/v1/tasks/6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0d3/messages", { key: key.rawKey });
    expect(thread.status, describeResponse(thread)).toBe(200);
    expect(thread.body.map((message: { body: string }) => message.body)).toEqual([
      "Hi Milton,\n\nDo you have a minute this week?\n\nJoanna",
      "Thursday works for me.",
    ]);

    // A second run finds every row already stored and reports each line.
    const again = resolveImport(set, await lookUpExisting(set));
    expect(again.rows).toBeUndefined();
    expect(again.errors).toHaveLength(11);
    expect(again.errors[0]).toEqual({
      file: "organizations.ndjson",
      line: 1,
      message: `id ${FIXTURE_WORKSPACE} is already defined in the database`,
    });
  });

  it("resolves references from the database", async () => {
    const workspace = await createWorkspace("Import Target");
    const newTask = task({
      organization_id: workspace.organization.id,
      sequence_id: workspace.sequence.id,
      assignee_user_id: workspace.rep.id.toUpperCase(),
    });
    const set = setOf("tasks", ndjson(newTask));

    const resolved = resolveImport(set, await lookUpExisting(set));
    expect(resolved.errors).toEqual([]);
    await env.DB.batch(importStatements(resolved.rows!).map((statement) => env.DB.prepare(statement)));

    const read = await callApi(`/v1/tasks/${newTask.id}`, { key: workspace.key.rawKey });
    expect(read.status, describeResponse(read)).toBe(200);
    expect(read.body.assignee_user_id).toBe(workspace.rep.id);
  });

  it("rolls back a failing batch", async () => {
    const workspace = await createWorkspace("Rollback Target");
    const set = setOf(
      "tasks",
      ndjson(task({ organization_id: workspace.organization.id, sequence_id: workspace.sequence.id })),
    );
    const resolved = resolveImport(set, await lookUpExisting(set));
    // A foreign key that fails after the first insert represents any failure partway through an import.
    const failing = `INSERT INTO "messages" ("id", "organization_id", "sequence_id", "channel", "direction", "body", "sent_at") VALUES ('m', '${workspace.organization.id}', '${SEQUENCE}', 'EMAIL', 'INBOUND', 'x', 0);`;

    const batch = [...importStatements(resolved.rows!), failing].map((statement) => env.DB.prepare(statement));
    await expect(env.DB.batch(batch)).rejects.toThrow(/FOREIGN KEY/);

    const stored = await env.DB.prepare("SELECT COUNT(*) AS count FROM tasks WHERE organization_id = ?")
      .bind(workspace.organization.id)
      .first<{ count: number }>();
    expect(stored?.count).toBe(0);
  });
});

describe("import arguments", () => {
  it("parses --dir and file options", () => {
    expect(parseImportCommand(["--dir", "data"])).toEqual({
      action: "import",
      target: { kind: "local" },
      dryRun: false,
      directory: "data",
      files: {},
    });
    expect(parseImportCommand(["--tasks", "t.ndjson", "--sequence-templates", "s.ndjson", "--dry-run"])).toEqual({
      action: "import",
      target: { kind: "local" },
      dryRun: true,
      directory: null,
      files: { tasks: "t.ndjson", sequenceTemplates: "s.ndjson" },
    });
    expect(parseImportCommand(["--dir", "data", "--remote", "--env", "staging"])).toMatchObject({
      target: { kind: "remote", environment: "staging" },
    });
  });

  it("rejects invalid import arguments", () => {
    expect(usageErrorOf(() => parseImportCommand(["--dir", "data", "--tasks", "t.ndjson"]))).toMatch(/not both/);
    expect(usageErrorOf(() => parseImportCommand(["--dry-run"]))).toMatch(/Name the input/);
    expect(usageErrorOf(() => parseImportCommand(["--dir", "data", "--remote"]))).toMatch(/--remote needs --env/);
    expect(usageErrorOf(() => parseImportCommand(["data"]))).toMatch(/Unexpected argument "data"/);
  });

  it("selects the known files of a folder", () => {
    expect(selectDirectoryFiles("data", ["tasks.ndjson", "README.md", "users.ndjson"])).toEqual({
      tasks: "tasks.ndjson",
      users: "users.ndjson",
    });
    expect(usageErrorOf(() => selectDirectoryFiles("data", ["task.ndjson"]))).toMatch(
      /Unknown import file task\.ndjson in data/,
    );
    expect(usageErrorOf(() => selectDirectoryFiles("data", ["notes.txt"]))).toMatch(/contains none of/);
  });
});

describe("import helpers", () => {
  it("packs statements under a byte limit", () => {
    const statements = ["SELECT 1;", "SELECT 22;", "SELECT 333;"];

    expect(packStatements(statements, 21)).toEqual(["SELECT 1;\nSELECT 22;", "SELECT 333;"]);
    expect(packStatements(statements, 1)).toEqual(statements);
  });

  it("splits lookups into chunks", () => {
    const set = emptyImportSet();
    for (let index = 0; index < 1_200; index++) {
      const id = `019e0000-0000-7000-8000-${String(index).padStart(12, "0")}`;
      set.messages.push({
        file: "messages.ndjson",
        line: index + 1,
        row: {
          id,
          organization_id: ORGANIZATION,
          sequence_id: SEQUENCE,
          channel: "EMAIL",
          direction: "OUTBOUND",
          subject: null,
          body: "x",
          sent_at: 0,
          sender_id: null,
        },
      });
    }

    const messageLookups = lookupStatements(set).filter((statement) => statement.includes(`FROM "messages"`));

    expect(messageLookups).toHaveLength(3);
  });

  it("renders a progress bar", () => {
    expect(renderProgressBar("tasks.ndjson", 4_500, 10_000)).toBe(
      `tasks.ndjson [${"#".repeat(14)}${".".repeat(16)}]  45% 4,500/10,000 lines`,
    );
    expect(renderProgressBar("empty.ndjson", 0, 0)).toContain("100%");
  });

  it("redraws on a terminal only", () => {
    const terminal: string[] = [];
    const log: string[] = [];
    let clock = 0;
    const onTerminal = createProgressBar("t", { isTTY: true, write: (text) => terminal.push(text) }, () => clock);
    const onLog = createProgressBar("t", { isTTY: false, write: (text) => log.push(text) }, () => clock);

    for (let done = 1; done <= 10; done++) {
      clock += 50;
      onTerminal(done, 10);
      onLog(done, 10);
    }

    expect(terminal.length).toBeGreaterThan(1);
    expect(terminal.length).toBeLessThan(10);
    expect(terminal.at(-1)).toMatch(/^\rt \[#+\] 100% 10\/10 lines\n$/);
    expect(log).toEqual([`${renderProgressBar("t", 10, 10)}\n`]);
  });
});
