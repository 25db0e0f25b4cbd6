import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { DeliveryMessage } from "../../src/webhooks/delivery-queue";
import type { Bindings } from "../../src/env";
import worker from "../../src/index";
import { runScheduledMaintenance } from "../../src/scheduled";
import { pruneTaskEvents, TASK_EVENT_RETENTION_MS } from "../../src/task-events/prune-events";
import { callApi, describeResponse } from "../helpers/api";
import { expectError } from "../helpers/assertions";
import { BASE_TIME, createTask, createWorkspace, db, type Workspace } from "../helpers/factories";
import { expectConsecutive, readLogByPage } from "./log";

// Retention through the scheduled maintenance, called directly with a clock far enough
// ahead that every event is past its 90 days. Each test file has its own database, so
// pruning everything here touches no other file's rows.

const DAY_MS = 24 * 60 * 60 * 1000;

async function countersOf(workspace: Workspace) {
  return env.DB.prepare(
    "SELECT last_sequence_number AS last, pruned_through_sequence_number AS pruned FROM task_event_counters WHERE organization_id = ?",
  )
    .bind(workspace.organization.id)
    .first<{ last: number; pruned: number }>();
}

async function storedEventNumbers(workspace: Workspace): Promise<number[]> {
  const { results } = await env.DB.prepare(
    "SELECT sequence_number FROM task_events WHERE organization_id = ? ORDER BY sequence_number",
  )
    .bind(workspace.organization.id)
    .all<{ sequence_number: number }>();
  return results.map((row) => row.sequence_number);
}

/** Creates a workspace with `count` tasks, each created and then skipped: 2 × count events. */
async function workspaceWithEvents(count: number) {
  const workspace = await createWorkspace();
  for (let index = 0; index < count; index++) {
    const task = await createTask(workspace, { createdAt: BASE_TIME + index });
    const skipped = await callApi(`/v1/tasks/${task.id}/skip`, { method: "POST", key: workspace.key.rawKey });
    expect(skipped.status, describeResponse(skipped)).toBe(200);
  }
  return workspace;
}

async function deleteAllEvents() {
  await pruneTaskEvents(db(), Date.now() + 1_000 * DAY_MS, { maxChunks: 1_000 });
}

beforeEach(async () => {
  // Start every test from a log that earlier tests of this file have not pruned.
  await deleteAllEvents();
  vi.restoreAllMocks();
});

describe("task event retention", () => {
  it("keeps events younger than 90 days", async () => {
    const workspace = await workspaceWithEvents(3);

    await runScheduledMaintenance(env, Date.now() + TASK_EVENT_RETENTION_MS - 60_000);

    expect(await storedEventNumbers(workspace)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await countersOf(workspace))?.pruned).toBe(0);
    expect(await readLogByPage(workspace.key.rawKey)).toHaveLength(6);
  });

  it("prunes old events and returns 410 before them", async () => {
    const workspace = await workspaceWithEvents(3);
    const other = await workspaceWithEvents(2);
    const log = vi.spyOn(console, "log");

    await runScheduledMaintenance(env, Date.now() + 100 * DAY_MS);

    expect(await storedEventNumbers(workspace)).toEqual([]);
    expect(await countersOf(workspace)).toEqual({ last: 6, pruned: 6 });
    expect(await countersOf(other)).toEqual({ last: 4, pruned: 4 });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('"message":"pruned task events","count":10'));

    for (const after of [0, 1, 5]) {
      const response = await callApi(`/v1/task-events?after_sequence_number=${after}`, { key: workspace.key.rawKey });
      expectError(response, 410, "GoneIssue");
      expect(response.body.data).toEqual({ pruned_through_sequence_number: 6 });
      expect(response.body.message).toContain("6");
    }
    // Filters do not hide the gap: the task's events may be among those deleted.
    const filtered = await callApi(`/v1/task-events?types=task.created&size=1`, { key: workspace.key.rawKey });
    expectError(filtered, 410, "GoneIssue");

    // A reader that had seen everything resumes as before, and numbering goes on.
    const upToDate = await callApi("/v1/task-events?after_sequence_number=6", { key: workspace.key.rawKey });
    expect(upToDate.body).toEqual({ items: [], total_count: 0, total_pages: 0, has_more: false });
    const task = await createTask(workspace, { createdAt: BASE_TIME + 99 });
    const resumed = await readLogByPage(workspace.key.rawKey, { after: 6 });
    expect(resumed.map((event) => [event.sequence_number, event.task_id])).toEqual([[7, task.id]]);
  });

  it("deletes in bounded chunks, raising the counter with each", async () => {
    const first = await workspaceWithEvents(4);
    const second = await workspaceWithEvents(3);
    const now = Date.now() + 100 * DAY_MS;

    const deleted = await pruneTaskEvents(db(), now, { chunkSize: 3, maxChunks: 2 });

    // The oldest six events by recorded_at: all of the first workspace's eight but two.
    expect(deleted).toBe(6);
    const remaining = await storedEventNumbers(first);
    expect(remaining).toEqual([7, 8]);
    expect((await countersOf(first))?.pruned).toBe(6);
    expect(await storedEventNumbers(second)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await countersOf(second))?.pruned).toBe(0);

    const tail = await readLogByPage(first.key.rawKey, { after: 6 });
    expectConsecutive(tail, 7);
    const gone = await callApi("/v1/task-events?after_sequence_number=5", { key: first.key.rawKey });
    expectError(gone, 410, "GoneIssue");

    // The next runs finish the job, one chunk at a time, and the counter never goes back.
    expect(await pruneTaskEvents(db(), now, { chunkSize: 3, maxChunks: 2 })).toBe(6);
    expect(await pruneTaskEvents(db(), now, { chunkSize: 3, maxChunks: 2 })).toBe(2);
    expect(await pruneTaskEvents(db(), now, { chunkSize: 3, maxChunks: 2 })).toBe(0);
    expect(await countersOf(first)).toEqual({ last: 8, pruned: 8 });
    expect(await countersOf(second)).toEqual({ last: 6, pruned: 6 });
  });

  it("counts retention from when the event was recorded, not from the change's time", async () => {
    const workspace = await createWorkspace();
    // Created long ago according to the sequence, but recorded now.
    await createTask(workspace, { createdAt: Date.UTC(2020, 0, 1) });

    await runScheduledMaintenance(env, Date.now() + DAY_MS);

    expect(await storedEventNumbers(workspace)).toEqual([1]);
  });

  it("runs from the worker's cron trigger", async () => {
    const workspace = await workspaceWithEvents(1);
    const controller = createScheduledController({
      scheduledTime: Date.now() + 100 * DAY_MS,
      cron: "17 * * * *",
    });
    const context = createExecutionContext();

    const handler: ExportedHandler<Bindings, DeliveryMessage> = worker;
    await handler.scheduled!(controller, env, context);
    await waitOnExecutionContext(context);

    expect(await storedEventNumbers(workspace)).toEqual([]);
    expect((await countersOf(workspace))?.pruned).toBe(2);
  });
});
