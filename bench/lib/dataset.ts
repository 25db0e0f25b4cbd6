// Generates the benchmark dataset inside D1 with WITH RECURSIVE inserts, so a million tasks
// never pass through Node: each statement creates one chunk of rows from its row numbers.
//
// Every value is derived from the row number through a multiplicative hash, so the same
// size always gives the same rows. Ids are UUID-shaped: "0b0b" + a kind digit, then the
// workspace number, then the row number in hex (see benchId).

import { hashApiKey } from "../../src/auth/api-key";

/** The workspace that contains the requested number of tasks and receives all the load. */
export const LARGE_WORKSPACE = 1;
/**
 * A second, fixed-size workspace. Its rows sit in the same indexes, so every query has to
 * skip another tenant's rows, as in production.
 */
export const SMALL_WORKSPACE = 2;
const SMALL_WORKSPACE_TASKS = 2_000;

export const BENCH_API_KEYS: Record<number, string> = {
  [LARGE_WORKSPACE]: "topo_bench_large_3e8a61d0c4",
  [SMALL_WORKSPACE]: "topo_bench_small_9b27f5e1a8",
};

/** Tasks per sequence run: a run's steps create about this many manual tasks. */
const TASKS_PER_RUN = 4;
/** Each user is assigned the tasks of about this many runs, so the assignee filter stays selective at every size. */
const RUNS_PER_USER = 50;
const TEMPLATES_PER_WORKSPACE = 20;
const MESSAGES_PER_RUN = 2;
const ROWS_PER_STATEMENT = 50_000;

/** 2025-01-01T00:00:00Z; tasks are spread over the 365 days that follow. */
const FIRST_CREATED_AT = Date.UTC(2025, 0, 1);
const SPAN_MS = 365 * 24 * 60 * 60 * 1000;

const ENTITY_KINDS = { organization: 0, user: 1, template: 2, sequence: 3, task: 4, message: 5, apiKey: 6 } as const;
type EntityKind = keyof typeof ENTITY_KINDS;

/** Builds the id of row `index` of one kind of entity in one workspace. */
export function benchId(kind: EntityKind, workspace: number, index: number): string {
  return `0b0b000${ENTITY_KINDS[kind]}-${hex(workspace, 4)}-4000-8000-${hex(index, 12)}`;
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, "0");
}

/** Builds the SQL expression of benchId for a row number given as SQL. */
function idSql(kind: EntityKind, workspace: number, indexSql: string): string {
  return `'0b0b000${ENTITY_KINDS[kind]}-${hex(workspace, 4)}-4000-8000-' || printf('%012x', ${indexSql})`;
}

/** Knuth's multiplicative hash of a row number, as SQL: spreads consecutive rows over 0 .. 2^32 - 1. */
function hashSql(indexSql: string, salt: number): string {
  return `((((${indexSql}) + ${salt}) * 2654435761) % 4294967296)`;
}

export interface WorkspaceShape {
  workspace: number;
  tasks: number;
  runs: number;
  users: number;
  /** Milliseconds between the created_at of two consecutive tasks. */
  taskSpacingMs: number;
}

export function workspaceShape(workspace: number, tasks: number): WorkspaceShape {
  const runs = Math.ceil(tasks / TASKS_PER_RUN);
  return {
    workspace,
    tasks,
    runs,
    users: Math.max(10, Math.ceil(runs / RUNS_PER_USER)),
    taskSpacingMs: Math.floor(SPAN_MS / tasks),
  };
}

/** SQL of the user a run is assigned to, or NULL for the one run in twenty that has no assignee. */
function runAssigneeSql(shape: WorkspaceShape, runSql: string): string {
  const hash = hashSql(runSql, 17);
  return `CASE WHEN (${hash} / 65536) % 20 = 0 THEN NULL ELSE ${idSql("user", shape.workspace, `${hash} % ${shape.users}`)} END`;
}

/** Builds a recursive CTE named n with one row per number from first to last, inclusive. */
function numbers(first: number, last: number): string {
  return `WITH RECURSIVE n(i) AS (SELECT ${first} UNION ALL SELECT i + 1 FROM n WHERE i < ${last})`;
}

function organizationStatements(shape: WorkspaceShape): string[] {
  const { workspace } = shape;
  const organizationId = `'${benchId("organization", workspace, 0)}'`;
  return [
    `INSERT INTO organizations (id, name, created_at) VALUES (${organizationId}, 'Bench workspace ${workspace}', ${FIRST_CREATED_AT})`,
    `${numbers(0, shape.users - 1)} INSERT INTO users (id, organization_id, name, email, created_at)
      SELECT ${idSql("user", workspace, "i")}, ${organizationId}, 'Bench User ' || i, 'user' || i || '@bench.example', ${FIRST_CREATED_AT} FROM n`,
    `${numbers(0, TEMPLATES_PER_WORKSPACE - 1)} INSERT INTO sequence_templates (id, organization_id, name, created_at)
      SELECT ${idSql("template", workspace, "i")}, ${organizationId}, 'Bench template ' || i, ${FIRST_CREATED_AT} FROM n`,
  ];
}

function runStatement(shape: WorkspaceShape, first: number, last: number): string {
  const { workspace } = shape;
  return `${numbers(first, last)} INSERT INTO sequences (id, organization_id, sequence_template_id, contact_name, contact_email, created_at)
    SELECT ${idSql("sequence", workspace, "i")}, '${benchId("organization", workspace, 0)}',
      ${idSql("template", workspace, `i % ${TEMPLATES_PER_WORKSPACE}`)},
      'Contact ' || i, 'contact' || i || '@prospect.example',
      ${FIRST_CREATED_AT} + i * ${TASKS_PER_RUN * shape.taskSpacingMs}
    FROM n`;
}

/**
 * Tasks first..last. Statuses: 30% PENDING, 10% IN_PROGRESS, 45% COMPLETED, 15% SKIPPED.
 * A run's tasks share its template and assignee; finished tasks were updated up to a day
 * after they were created.
 */
function taskStatement(shape: WorkspaceShape, first: number, last: number): string {
  const { workspace } = shape;
  const run = `i / ${TASKS_PER_RUN}`;
  return `${numbers(first, last)}, t AS (
      SELECT i, ${hashSql("i", 0)} AS h, ${FIRST_CREATED_AT} + i * ${shape.taskSpacingMs} AS created_at FROM n
    ), s AS (
      SELECT *,
        CASE WHEN (h / 16) % 20 < 6 THEN 'PENDING' WHEN (h / 16) % 20 < 8 THEN 'IN_PROGRESS'
             WHEN (h / 16) % 20 < 17 THEN 'COMPLETED' ELSE 'SKIPPED' END AS status,
        CASE h % 4 WHEN 0 THEN 'CALL' WHEN 1 THEN 'EMAIL_REPLY' WHEN 2 THEN 'LINKEDIN_REPLY' ELSE 'NEW_LEAD_REVIEW' END AS type
      FROM t
    ), u AS (
      SELECT *, CASE WHEN status IN ('COMPLETED', 'SKIPPED') THEN created_at + (h % 86400000) ELSE created_at END AS updated_at FROM s
    )
    INSERT INTO tasks (id, organization_id, sequence_id, sequence_template_id, type, priority, status, assignee_user_id,
      disposition, reopened_at, reopen_reason, skipped_at, completed_at, created_at, updated_at, version)
    SELECT ${idSql("task", workspace, "i")}, '${benchId("organization", workspace, 0)}',
      ${idSql("sequence", workspace, run)}, ${idSql("template", workspace, `(${run}) % ${TEMPLATES_PER_WORKSPACE}`)},
      type,
      CASE (h / 4) % 3 WHEN 0 THEN 'HOT' WHEN 1 THEN 'TODAY' ELSE 'EXTRA' END,
      status,
      ${runAssigneeSql(shape, run)},
      CASE WHEN type = 'CALL' AND status = 'COMPLETED'
        THEN CASE (h / 1024) % 3 WHEN 0 THEN 'ANSWERED' WHEN 1 THEN 'VOICEMAIL_LEFT' ELSE 'NO_ANSWER' END END,
      NULL, NULL,
      CASE WHEN status = 'SKIPPED' THEN updated_at END,
      CASE WHEN status = 'COMPLETED' THEN updated_at END,
      created_at, updated_at, 1
    FROM u`;
}

/** Messages first..last: each run gets an outbound email from its assignee and an inbound reply. */
function messageStatement(shape: WorkspaceShape, first: number, last: number): string {
  const { workspace } = shape;
  const run = `i / ${MESSAGES_PER_RUN}`;
  const inbound = `i % ${MESSAGES_PER_RUN} = 1`;
  return `${numbers(first, last)} INSERT INTO messages (id, organization_id, sequence_id, channel, direction, subject, body, sent_at, sender_id)
    SELECT ${idSql("message", workspace, "i")}, '${benchId("organization", workspace, 0)}',
      ${idSql("sequence", workspace, run)}, 'EMAIL',
      CASE WHEN ${inbound} THEN 'INBOUND' ELSE 'OUTBOUND' END,
      CASE WHEN ${inbound} THEN 'Re: Quick question' ELSE 'Quick question' END,
      CASE WHEN ${inbound} THEN 'Thanks, could we talk next week?' ELSE 'Hi, would a short call about your outbound stack be useful?' END,
      ${FIRST_CREATED_AT} + (${run}) * ${TASKS_PER_RUN * shape.taskSpacingMs} + (i % ${MESSAGES_PER_RUN}) * 3600000,
      CASE WHEN ${inbound} THEN NULL ELSE ${runAssigneeSql(shape, run)} END
    FROM n`;
}

async function apiKeyStatement(workspace: number): Promise<string> {
  const key = BENCH_API_KEYS[workspace]!;
  return `INSERT INTO api_keys (id, organization_id, name, prefix, key_hash, scopes, created_at, expires_at, revoked_at, last_used_at)
    VALUES ('${benchId("apiKey", workspace, 0)}', '${benchId("organization", workspace, 0)}', 'bench', '${key.slice(0, 12)}',
      '${await hashApiKey(key)}', '["tasks:read","tasks:write"]', ${FIRST_CREATED_AT}, NULL, NULL, NULL)`;
}

/** One step of the load: a label for progress output, its row count and the statement. */
export interface LoadStep {
  label: string;
  rows: number;
  sql: string;
}

/** Splits 0 .. count - 1 into chunks of ROWS_PER_STATEMENT rows, one statement each. */
function chunked(label: string, count: number, statement: (first: number, last: number) => string): LoadStep[] {
  const steps: LoadStep[] = [];
  for (let first = 0; first < count; first += ROWS_PER_STATEMENT) {
    const last = Math.min(count, first + ROWS_PER_STATEMENT) - 1;
    steps.push({ label, rows: last - first + 1, sql: statement(first, last) });
  }
  return steps;
}

/** Lists the statements that load both workspaces, parents before children, ending with PRAGMA optimize. */
export async function datasetSteps(largeWorkspaceTasks: number): Promise<LoadStep[]> {
  const steps: LoadStep[] = [];
  for (const shape of [
    workspaceShape(LARGE_WORKSPACE, largeWorkspaceTasks),
    workspaceShape(SMALL_WORKSPACE, SMALL_WORKSPACE_TASKS),
  ]) {
    const name = `workspace ${shape.workspace}`;
    for (const sql of organizationStatements(shape)) {
      steps.push({ label: `${name}: organization, users, templates`, rows: 0, sql });
    }
    steps.push(...chunked(`${name}: sequence runs`, shape.runs, (first, last) => runStatement(shape, first, last)));
    steps.push(...chunked(`${name}: tasks`, shape.tasks, (first, last) => taskStatement(shape, first, last)));
    steps.push(
      ...chunked(`${name}: messages`, shape.runs * MESSAGES_PER_RUN, (first, last) =>
        messageStatement(shape, first, last),
      ),
    );
    steps.push({ label: `${name}: API key`, rows: 1, sql: await apiKeyStatement(shape.workspace) });
  }
  // Gathers the index statistics that let SQLite choose a selective filter's index, as the
  // README's operating notes ask after a bulk load.
  steps.push({ label: "PRAGMA optimize", rows: 0, sql: "PRAGMA optimize" });
  return steps;
}
