import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { callApi, type ApiResponse } from "../helpers/api";
import { createSequence, createWorkspace, type Workspace } from "../helpers/factories";

// D1 bills the rows a query reads, and each response reports them in Server-Timing. These
// tests hold each request's reads to what its filters match, on workspaces of tens of
// thousands of tasks, so a query that walks a whole workspace fails here.

const TASKS_PER_WORKSPACE = 20_000;
const BASE_TIME = Date.UTC(2025, 0, 1);

interface LoadedWorkspace {
  workspace: Workspace;
  /** A run with one task in every thousand. */
  smallSequenceId: string;
}

/**
 * Inserts TASKS_PER_WORKSPACE tasks in one statement. One task in ten is the rep's and the
 * rest are the other rep's. Statuses and types cycle, and one task in a thousand belongs to
 * the small run.
 */
async function loadTasks(prefix: number, workspace: Workspace, smallSequenceId: string): Promise<void> {
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 - 1)
     INSERT INTO tasks (id, organization_id, sequence_id, sequence_template_id, type, priority, status,
                        assignee_user_id, created_at, updated_at)
     SELECT printf('%08x-0000-7000-8000-%012x', ?2, i), ?3,
            CASE WHEN i % 1000 = 0 THEN ?4 ELSE ?5 END, ?6,
            CASE i % 4 WHEN 0 THEN 'CALL' WHEN 1 THEN 'EMAIL_REPLY' WHEN 2 THEN 'LINKEDIN_REPLY' ELSE 'NEW_LEAD_REVIEW' END,
            CASE i % 3 WHEN 0 THEN 'HOT' WHEN 1 THEN 'TODAY' ELSE 'EXTRA' END,
            CASE i % 4 WHEN 0 THEN 'PENDING' WHEN 1 THEN 'IN_PROGRESS' WHEN 2 THEN 'COMPLETED' ELSE 'SKIPPED' END,
            CASE WHEN i % 10 = 0 THEN ?7 ELSE ?8 END,
            ?9 + i * 60000, ?9 + i * 60000
     FROM n`,
  )
    .bind(
      TASKS_PER_WORKSPACE,
      prefix,
      workspace.organization.id,
      smallSequenceId,
      workspace.sequence.id,
      workspace.template.id,
      workspace.rep.id,
      workspace.otherRep.id,
      BASE_TIME,
    )
    .run();
}

async function loadWorkspace(prefix: number): Promise<LoadedWorkspace> {
  const workspace = await createWorkspace();
  const small = await createSequence(workspace.organization.id, workspace.template.id);
  await loadTasks(prefix, workspace, small.id);
  return { workspace, smallSequenceId: small.id };
}

interface Usage {
  calls: number;
  rowsRead: number;
}

function usageOf(response: ApiResponse): Usage {
  const header = response.headers.get("Server-Timing") ?? "";
  const metric = (name: string) => Number(new RegExp(`${name};desc=(\\d+)`).exec(header)?.[1]);
  return { calls: metric("d1-calls"), rowsRead: metric("d1-rows-read") };
}

let loaded: LoadedWorkspace;

beforeAll(async () => {
  loaded = await loadWorkspace(1);
  // A second workspace as large, so a query that strays out of its workspace shows.
  await loadWorkspace(2);
  // Looks the key up once, so the requests below find it cached as on a warm isolate.
  await callApi("/v1/me", { key: loaded.workspace.key.rawKey });
}, 120_000);

async function get(path: string): Promise<{ response: ApiResponse; usage: Usage }> {
  const response = await callApi(path, { key: loaded.workspace.key.rawKey });
  expect(response.status, response.text.slice(0, 500)).toBe(200);
  return { response, usage: usageOf(response) };
}

describe("rows read per request", () => {
  it("reports usage in Server-Timing", async () => {
    const { response } = await get("/v1/me");

    expect(response.headers.get("Server-Timing")).toMatch(
      /^d1;dur=\d+\.\d, d1-calls;desc=0, d1-rows-read;desc=0, d1-rows-written;desc=0$/,
    );
  });

  it("reads a handful for one task", async () => {
    const { usage } = await get(`/v1/tasks/${(0x1).toString(16).padStart(8, "0")}-0000-7000-8000-000000000007`);

    expect(usage.calls).toBe(1);
    expect(usage.rowsRead).toBeLessThanOrEqual(3);
  });

  // Each case: the filter, and how many tasks of the workspace it matches.
  it.each([
    ["one status", "status=PENDING", TASKS_PER_WORKSPACE / 4],
    ["one assignee and status", `assignee_user_id=<rep>&status=PENDING`, TASKS_PER_WORKSPACE / 20],
    ["one small run", "sequence_id=<small>", TASKS_PER_WORKSPACE / 1000],
    ["one type and status", "types=CALL&status=PENDING", TASKS_PER_WORKSPACE / 4],
    ["a created_at range", "created_at_after=2025-01-01T10:00:00Z&created_at_before=2025-01-01T12:00:00Z", 119],
  ])("reads about the matches for %s", async (_, filter, matches) => {
    const query = filter.replace("<rep>", loaded.workspace.rep.id).replace("<small>", loaded.smallSequenceId);

    for (const sort of ["sort_order=asc", "sort_order=desc"]) {
      const { response, usage } = await get(`/v1/tasks?${query}&${sort}&size=100`);
      const pageRows = response.body.items.length;

      expect(response.body.total_count).toBe(matches);
      expect(usage.calls).toBe(1);
      // The count reads each match once from an index and the page reads its own rows. The
      // slack of two covers the index entry that ends each range.
      expect(usage.rowsRead, `${filter} ${sort}`).toBeLessThanOrEqual(matches + pageRows + 2);
    }
  });

  it("reads a deep page cheaply", async () => {
    const { usage } = await get(`/v1/tasks?assignee_user_id=${loaded.workspace.rep.id}&status=PENDING&page=9&size=100`);

    expect(usage.rowsRead).toBeLessThan(TASKS_PER_WORKSPACE / 4);
  });
});
