import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { pruneChunkStatements } from "../../src/task-events/prune-events";
import { taskEventPageQueries } from "../../src/task-events/queries";
import { ListTaskEventsQuerySchema } from "../../src/task-events/schemas";
import { taskPageQueries } from "../../src/tasks/queries";
import { ListTasksQuerySchema } from "../../src/tasks/schemas";
import { db } from "../helpers/factories";

// D1 bills the rows a query reads, so every list query must reach the workspace's tasks
// through an index that starts with organization_id, never by scanning the table. The
// plans are read from SQLite itself with EXPLAIN QUERY PLAN, for both statements of a list
// (the page and the count), for every combination of filters and sort order.

const FILTERS = {
  status: { status: "PENDING" },
  assignee: { assignee_user_id: "019d4e5f-6a7b-8c91-0d2e-3f4a5b6c7d8e" },
  sequence: { sequence_id: "018f3c1a-4b2d-7e8f-9a0b-1c2d3e4f5a6b" },
  templates: {
    sequence_template_ids: ["0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c"],
  },
  types: { types: ["CALL", "EMAIL_REPLY"] },
  priorities: { priorities: ["HOT", "TODAY"] },
  createdRange: { created_at_after: "2025-01-01T00:00:00Z", created_at_before: "2025-02-01T00:00:00Z" },
} as const;

type FilterName = keyof typeof FILTERS;

const SORTS = [
  { sort_by: "created_at", sort_order: "asc" },
  { sort_by: "created_at", sort_order: "desc" },
  { sort_by: "updated_at", sort_order: "asc" },
  { sort_by: "updated_at", sort_order: "desc" },
] as const;

/** Lists every subset of the filters, from none to all. */
function filterSubsets(): FilterName[][] {
  const names = Object.keys(FILTERS) as FilterName[];
  return Array.from({ length: 2 ** names.length }, (_, mask) => names.filter((_, bit) => mask & (1 << bit)));
}

async function plansOf(filters: Record<string, unknown>, sort: (typeof SORTS)[number]) {
  const query = ListTasksQuerySchema.parse({ ...filters, ...sort });
  const plans: { statement: string; steps: string[] }[] = [];

  const [page, count] = taskPageQueries(db(), "org", query);

  for (const [statement, builder] of [
    ["page", page],
    ["count", count],
  ] as const) {
    const { sql, params } = builder.toSQL();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    plans.push({ statement, steps: results.map((row) => row.detail) });
  }
  return plans;
}

function describeCase(names: readonly string[], sort: (typeof SORTS)[number]): string {
  return `${names.length === 0 ? "no filter" : names.join(" + ")}, ${sort.sort_by} ${sort.sort_order}`;
}

describe("query plans of GET /v1/tasks", () => {
  it("searches a workspace index always", { timeout: 60_000 }, async () => {
    let checked = 0;

    for (const names of filterSubsets()) {
      const filters = Object.assign({}, ...names.map((name) => FILTERS[name]));
      for (const sort of SORTS) {
        for (const { statement, steps } of await plansOf(filters, sort)) {
          const context = `${describeCase(names, sort)}, ${statement}: ${steps.join(" | ")}`;
          const taskSteps = steps.filter((step) => /\btasks\b/.test(step));

          expect(taskSteps, context).toHaveLength(1);
          expect(taskSteps[0], context).toMatch(
            /^SEARCH tasks USING (COVERING )?INDEX tasks_org_\w+ \(organization_id=\?/,
          );
          checked += 1;
        }
      }
    }

    expect(checked).toBe(2 ** Object.keys(FILTERS).length * SORTS.length * 2);
  });

  // The views integrators use most get their order from an index as well, so a page costs
  // its own rows rather than a sort of every match.
  it.each([
    [["status"], SORTS],
    [["assignee", "status"], SORTS.slice(0, 2)],
    [["sequence"], SORTS.slice(0, 2)],
    [["types", "status"], SORTS.slice(0, 2)],
    [["createdRange"], SORTS.slice(0, 2)],
    [[], SORTS],
  ] as const)("orders %j from an index", async (names, sorts) => {
    for (const sort of sorts) {
      const filters = Object.assign({}, ...names.map((name) => FILTERS[name]));
      const [page] = await plansOf(filters, sort);

      expect(page!.steps.join(" | "), describeCase(names, sort)).not.toContain("TEMP B-TREE");
    }
  });

  it("orders one type by index", async () => {
    for (const sort of SORTS.slice(0, 2)) {
      const [page] = await plansOf({ types: ["CALL"], status: "PENDING" }, sort);

      expect(page!.steps.join(" | ")).toMatch(
        /tasks_org_type_status_created_idx \(organization_id=\? AND type=\? AND status=\?\)$/,
      );
    }
  });

  it("counts from a covering index", async () => {
    const [, count] = await plansOf({}, SORTS[0]);

    expect(count!.steps.join(" | ")).toMatch(
      /^SEARCH tasks USING COVERING INDEX tasks_org_\w+ \(organization_id=\?\)$/,
    );
  });
});

async function planOf(builder: { toSQL: () => { sql: string; params: unknown[] } }): Promise<string[]> {
  const { sql, params } = builder.toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((row) => row.detail);
}

describe("query plans of GET /v1/task-events", () => {
  const TASK_ID = "019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f";
  // The primary key (organization_id, sequence_number) is the table's automatic index.
  const PRIMARY_KEY = "sqlite_autoindex_task_events_1";

  it.each([
    [{}, PRIMARY_KEY, "organization_id=\\? AND sequence_number>\\?"],
    [{ after_sequence_number: "1041" }, PRIMARY_KEY, "organization_id=\\? AND sequence_number>\\?"],
    [{ types: ["task.completed", "task.skipped"] }, PRIMARY_KEY, "organization_id=\\? AND sequence_number>\\?"],
    [{ task_id: TASK_ID }, "task_events_org_task_idx", "organization_id=\\? AND task_id=\\? AND sequence_number>\\?"],
    [
      { task_id: TASK_ID, types: ["task.reassigned"], after_sequence_number: "7" },
      "task_events_org_task_idx",
      "organization_id=\\? AND task_id=\\? AND sequence_number>\\?",
    ],
  ] as const)("searches %j through %s", async (filters, index, bound) => {
    const query = ListTaskEventsQuerySchema.parse(filters);
    const [page, count] = taskEventPageQueries(db(), "org", query);

    for (const [statement, builder] of [
      ["page", page],
      ["count", count],
    ] as const) {
      const steps = await planOf(builder);
      const context = `${JSON.stringify(filters)}, ${statement}: ${steps.join(" | ")}`;

      expect(steps, context).toHaveLength(1);
      expect(steps[0], context).toMatch(
        new RegExp(`^SEARCH task_events USING (COVERING )?INDEX ${index} \\(${bound}\\)$`),
      );
    }
  });

  it("pages in sequence order without sorting", async () => {
    for (const filters of [{}, { task_id: TASK_ID }, { types: ["task.created"] }]) {
      const [page] = taskEventPageQueries(db(), "org", ListTaskEventsQuerySchema.parse(filters));

      expect((await planOf(page)).join(" | "), JSON.stringify(filters)).not.toContain("TEMP B-TREE");
    }
  });

  // The chunk comes from the recorded_at index in its order (ties by rowid, which the index
  // carries), so the oldest events are found without reading or sorting the others. Only
  // the chunk's own rows are grouped by workspace.
  it("prunes a chunk through the recorded_at index, without sorting the table", async () => {
    const [update, remove] = pruneChunkStatements(db(), Date.now(), 500);

    for (const statement of [update, remove]) {
      const plan = (await planOf(statement)).join(" | ");

      expect(plan).toContain("SEARCH task_events USING COVERING INDEX task_events_recorded_idx (recorded_at<?)");
      expect(plan).not.toContain("TEMP B-TREE FOR ORDER BY");
      expect(plan).not.toMatch(/SCAN task_events\b/);
    }
  });
});
