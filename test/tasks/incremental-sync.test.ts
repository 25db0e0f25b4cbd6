import { describe, expect, it } from "vitest";

import { createRandom, type Random } from "../isolation/random";
import { callApi } from "../helpers/api";
import { expectStatus } from "../helpers/assertions";
import { BASE_TIME, createTask, createWorkspace, type Workspace } from "../helpers/factories";
import type { Task } from "../../src/tasks/schemas";

// The incremental sync that the README describes. The client keeps the newest updated_at it
// has seen as a watermark. It always requests page 1 of the tasks changed since one
// millisecond before it, sorted by updated_at, and moves the watermark to the last item.
// The millisecond of overlap re-reads the tasks at the watermark, so one that shares it with
// the last item is not lost. The client keeps the higher version of each task.

const PAGE_SIZE = 5;
const MINUTE = 60_000;

interface SyncState {
  tasks: Map<string, Task>;
  watermark: string | undefined;
  requests: number;
}

/** Fetches pages until the server has nothing after the watermark, storing what it returns. */
async function syncOnce(workspace: Workspace, state: SyncState, between: () => Promise<void>): Promise<void> {
  for (;;) {
    const query = new URLSearchParams({ sort_by: "updated_at", sort_order: "asc", size: String(PAGE_SIZE) });
    if (state.watermark !== undefined) {
      query.set("updated_at_after", new Date(Date.parse(state.watermark) - 1).toISOString());
    }

    const response = await callApi(`/v1/tasks?${query}`, { key: workspace.key.rawKey });
    expectStatus(response, 200);
    state.requests += 1;

    const items: Task[] = response.body.items;
    for (const task of items) {
      const stored = state.tasks.get(task.id);
      if (stored === undefined || stored.version < task.version) {
        state.tasks.set(task.id, task);
      }
    }
    if (items.length > 0) {
      state.watermark = items.at(-1)!.updated_at;
    }
    if (!response.body.has_more) {
      return;
    }

    await between();
  }
}

const WRITES = [
  (id: string) => ({ path: `/v1/tasks/${id}/skip`, method: "POST" }),
  (id: string) => ({ path: `/v1/tasks/${id}/reopen`, method: "POST" }),
  (id: string) => ({ path: `/v1/tasks/${id}/start`, method: "POST" }),
  (id: string) => ({ path: `/v1/tasks/${id}/complete`, method: "POST" }),
];

/** Sends one random change; refused ones (422) are part of the mix. */
async function randomWrite(workspace: Workspace, taskIds: string[], random: Random): Promise<void> {
  const id = random.pick(taskIds);
  if (random.next() < 0.25) {
    const assignee = random.pick([workspace.rep.id, workspace.otherRep.id]);
    await callApi(`/v1/tasks/${id}/assignee`, {
      method: "PATCH",
      key: workspace.key.rawKey,
      body: { assignee_user_id: assignee, scope: random.pick(["TASK", "SEQUENCE"]) },
    });
    return;
  }
  const { path, method } = random.pick(WRITES)(id);
  await callApi(path, { method, key: workspace.key.rawKey });
}

async function allTasks(workspace: Workspace): Promise<Map<string, Task>> {
  const tasks = new Map<string, Task>();
  for (let page = 1; ; page++) {
    const response = await callApi(`/v1/tasks?size=100&page=${page}`, { key: workspace.key.rawKey });
    expectStatus(response, 200);
    for (const task of response.body.items as Task[]) {
      tasks.set(task.id, task);
    }
    if (!response.body.has_more) {
      return tasks;
    }
  }
}

/** Creates tasks of every type; some share created_at (and so updated_at), as imported tasks may. */
async function seedTasks(workspace: Workspace, count: number): Promise<string[]> {
  const types = ["CALL", "EMAIL_REPLY", "LINKEDIN_REPLY", "NEW_LEAD_REVIEW"] as const;
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const createdAt = BASE_TIME + Math.floor(index / 3) * MINUTE;
    const task = await createTask(workspace, { type: types[index % types.length], createdAt, updatedAt: createdAt });
    ids.push(task.id);
  }
  return ids;
}

describe("incremental sync by updated_at", () => {
  it.each([1, 2, 3])("ends with every change while another writer works between pages (round %i)", async (seed) => {
    const workspace = await createWorkspace();
    const taskIds = await seedTasks(workspace, 30);
    const random = createRandom(seed);
    const state: SyncState = { tasks: new Map(), watermark: undefined, requests: 0 };

    // Several rounds of sync, each with writes between its pages and between rounds.
    const writeSome = async () => {
      for (let count = random.integer(4); count > 0; count--) {
        await randomWrite(workspace, taskIds, random);
      }
    };
    for (let round = 0; round < 4; round++) {
      await syncOnce(workspace, state, writeSome);
      await writeSome();
    }
    await syncOnce(workspace, state, async () => {});

    expect(state.tasks).toEqual(await allTasks(workspace));
  });

  it("ends with every change while writes run concurrently with the pages", async () => {
    const workspace = await createWorkspace();
    const taskIds = await seedTasks(workspace, 30);
    const random = createRandom(42);
    const state: SyncState = { tasks: new Map(), watermark: undefined, requests: 0 };

    let writing = true;
    const writer = (async () => {
      for (let count = 0; count < 80; count++) {
        await randomWrite(workspace, taskIds, random);
      }
      writing = false;
    })();
    while (writing) {
      await syncOnce(workspace, state, async () => {});
    }
    await writer;
    await syncOnce(workspace, state, async () => {});

    expect(state.tasks).toEqual(await allTasks(workspace));
  });

  it("gives tasks changed together distinct updated_at values", async () => {
    const workspace = await createWorkspace();
    const ids = await seedTasks(workspace, 6);

    const response = await callApi(`/v1/tasks/${ids[0]}/assignee`, {
      method: "PATCH",
      key: workspace.key.rawKey,
      body: { assignee_user_id: workspace.otherRep.id, scope: "SEQUENCE" },
    });
    expectStatus(response, 200);

    const stamps = [...(await allTasks(workspace)).values()].map((task) => task.updated_at);
    expect(new Set(stamps).size).toBe(6);
  });

  it("never stamps a change before the workspace's latest updated_at", async () => {
    const workspace = await createWorkspace();
    // A task stamped an hour ahead stands for a write whose clock ran ahead of this one's.
    const ahead = Date.now() + 60 * MINUTE;
    await createTask(workspace, { createdAt: BASE_TIME, updatedAt: ahead });
    const task = await createTask(workspace);

    const response = await callApi(`/v1/tasks/${task.id}/skip`, { method: "POST", key: workspace.key.rawKey });

    expectStatus(response, 200);
    expect(Date.parse(response.body.updated_at)).toBe(ahead + 1);
    expect(response.body.skipped_at).toBe(response.body.updated_at);
  });

  it.each([
    ["updated_at_after", "2025-03-13T07:00:00Z", (task: Task) => task.updated_at > "2025-03-13T07:00:00Z"],
    ["updated_at_before", "2025-03-13T07:02:00Z", (task: Task) => task.updated_at < "2025-03-13T07:02:00Z"],
  ])("filters strictly with %s", async (name, instant, matches) => {
    const workspace = await createWorkspace();
    await seedTasks(workspace, 9);

    const response = await callApi(`/v1/tasks?${name}=${instant}&size=100`, { key: workspace.key.rawKey });

    expectStatus(response, 200);
    const all = [...(await allTasks(workspace)).values()];
    expect(response.body.items.map((task: Task) => task.id).sort()).toEqual(
      all
        .filter(matches)
        .map((task) => task.id)
        .sort(),
    );
    expect(response.body.total_count).toBe(6);
  });

  it("rejects an updated_at filter that is not an instant", async () => {
    const workspace = await createWorkspace();

    const response = await callApi("/v1/tasks?updated_at_after=yesterday", { key: workspace.key.rawKey });

    expectStatus(response, 400);
    expect(response.body.type).toBe("ValidationIssue");
  });
});
