import { and, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { taskEvents, type TaskInsert } from "../../src/db/schema";
import { MAX_BODY_BYTES } from "../../src/http/errors";
import { MAX_BULK_TASK_IDS } from "../../src/tasks/bulk/schemas";
import { callApi, describeResponse, type ApiResponse } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { BASE_TIME, createTask, createWorkspace, db, readTask, type Workspace } from "../helpers/factories";

const PATH = "/v1/tasks/bulk-actions";

function sendBulk(workspace: Workspace, body: unknown, headers: Record<string, string> = {}) {
  return callApi(PATH, { method: "POST", key: workspace.key.rawKey, body, headers });
}

function createTasks(workspace: Workspace, count: number, overrides: Partial<TaskInsert> = {}) {
  return Promise.all(
    Array.from({ length: count }, (_, index) => createTask(workspace, { createdAt: BASE_TIME + index, ...overrides })),
  );
}

/**
 * Lists the events of the given tasks other than their creation, oldest first. The ids are
 * filtered here rather than bound, because a hundred of them would pass D1's 100 parameters.
 */
async function changeEventsOf(workspace: Workspace, taskIds: readonly string[]) {
  const events = await db()
    .select()
    .from(taskEvents)
    .where(and(eq(taskEvents.organizationId, workspace.organization.id), ne(taskEvents.type, "task.created")))
    .orderBy(taskEvents.sequenceNumber);
  return events.filter((event) => taskIds.includes(event.taskId));
}

/** Asserts the body's envelope: one result per id in request order, and counts that add up. */
function expectResults(response: ApiResponse, taskIds: readonly string[], succeeded: number) {
  const context = describeResponse(response);

  expectStatus(response, 200);
  expect(
    response.body.results.map((result: { task_id: string }) => result.task_id),
    context,
  ).toEqual(taskIds.map((id) => id.toLowerCase()));
  expect(response.body.succeeded_count, context).toBe(succeeded);
  expect(response.body.failed_count, context).toBe(taskIds.length - succeeded);
}

describe("POST /v1/tasks/bulk-actions: each action", () => {
  const CASES = [
    {
      action: "skip",
      setup: [{ status: "PENDING" }, { status: "IN_PROGRESS" }, { status: "PENDING" }],
      extra: {},
      expected: { status: "SKIPPED" },
    },
    {
      action: "reopen",
      setup: [
        { status: "COMPLETED", completedAt: BASE_TIME, disposition: "ANSWERED" },
        { status: "SKIPPED", skippedAt: BASE_TIME },
        { status: "COMPLETED", type: "EMAIL_REPLY", completedAt: BASE_TIME },
      ],
      extra: {},
      expected: { status: "PENDING", completed_at: null, skipped_at: null, disposition: null, reopen_reason: null },
    },
    {
      action: "start",
      setup: [{ status: "PENDING" }, { status: "PENDING", type: "EMAIL_REPLY" }, { status: "PENDING" }],
      extra: {},
      expected: { status: "IN_PROGRESS" },
    },
    {
      action: "complete",
      setup: [
        { status: "PENDING", type: "EMAIL_REPLY" },
        { status: "IN_PROGRESS", type: "LINKEDIN_REPLY" },
        { status: "PENDING", type: "NEW_LEAD_REVIEW" },
      ],
      extra: {},
      expected: { status: "COMPLETED", disposition: null },
    },
    {
      action: "complete",
      setup: [{ status: "PENDING" }, { status: "IN_PROGRESS" }, { status: "PENDING" }],
      extra: { disposition: "VOICEMAIL_LEFT" },
      expected: { status: "COMPLETED", disposition: "VOICEMAIL_LEFT" },
    },
  ] as const;

  it.each(CASES)("applies $action $extra to several tasks", async ({ action, setup, extra, expected }) => {
    const workspace = await createWorkspace();
    const created = await Promise.all(
      setup.map((overrides, index) => createTask(workspace, { ...overrides, createdAt: BASE_TIME + index })),
    );
    const taskIds = created.map((task) => task.id);
    const before = Date.now();

    const response = await sendBulk(workspace, { action, task_ids: taskIds, ...extra });

    expectResults(response, taskIds, taskIds.length);
    for (const [index, result] of response.body.results.entries()) {
      expect(result.status_code).toBe(200);
      expect(result.error).toBeNull();
      expect(result.task).toMatchObject({ id: taskIds[index], version: 2, ...expected });
      expect(Date.parse(result.task.updated_at)).toBeGreaterThanOrEqual(before - 1);

      const stored = await readTask(taskIds[index]!);
      expect(stored.version).toBe(2);
      expect(stored.status).toBe(expected.status);
      expect(stored.updatedAt).toBe(Date.parse(result.task.updated_at));
    }
    // Tasks changed together get distinct updated_at values, increasing in request order.
    const updatedAts = response.body.results.map((result: any) => Date.parse(result.task.updated_at));
    expect([...updatedAts].sort((left, right) => left - right)).toEqual(updatedAts);
    expect(new Set(updatedAts).size).toBe(updatedAts.length);
  });

  it("sets the timestamp of each status change to updated_at", async () => {
    const workspace = await createWorkspace();
    const [pending] = await createTasks(workspace, 1, { type: "EMAIL_REPLY" });

    const completed = await sendBulk(workspace, { action: "complete", task_ids: [pending!.id] });
    const reopened = await sendBulk(workspace, { action: "reopen", task_ids: [pending!.id] });
    const skipped = await sendBulk(workspace, { action: "skip", task_ids: [pending!.id] });

    const [completedTask, reopenedTask, skippedTask] = [completed, reopened, skipped].map(
      (response) => response.body.results[0].task,
    );
    expect(completedTask.completed_at).toBe(completedTask.updated_at);
    expect(reopenedTask.reopened_at).toBe(reopenedTask.updated_at);
    expect(skippedTask.skipped_at).toBe(skippedTask.updated_at);
    expect(skippedTask.version).toBe(4);
  });

  it("reassigns several tasks", async () => {
    const workspace = await createWorkspace();
    const created = await createTasks(workspace, 3, { status: "PENDING" });
    const taskIds = created.map((task) => task.id);

    const response = await sendBulk(workspace, {
      action: "reassign",
      task_ids: taskIds,
      assignee_user_id: workspace.otherRep.id,
    });

    expectResults(response, taskIds, 3);
    for (const taskId of taskIds) {
      const stored = await readTask(taskId);
      expect(stored.assigneeUserId).toBe(workspace.otherRep.id);
      expect(stored.version).toBe(2);
    }
  });

  it("counts a task already assigned to the user as unchanged", async () => {
    const workspace = await createWorkspace();
    const already = await createTask(workspace, { assigneeUserId: workspace.otherRep.id, updatedAt: BASE_TIME });
    const moved = await createTask(workspace, { status: "IN_PROGRESS" });

    const response = await sendBulk(workspace, {
      action: "reassign",
      task_ids: [already.id, moved.id],
      assignee_user_id: workspace.otherRep.id,
    });

    expectResults(response, [already.id, moved.id], 2);
    expect(response.body.results[0].task).toMatchObject({ version: 1, updated_at: "2025-03-13T07:00:00Z" });
    expect(await readTask(already.id)).toEqual(already);
    expect((await readTask(moved.id)).assigneeUserId).toBe(workspace.otherRep.id);
    expect(await changeEventsOf(workspace, [already.id])).toEqual([]);
  });

  it("rejects reassigning a finished task, as scope TASK does", async () => {
    const workspace = await createWorkspace();
    const finished = await createTask(workspace, { status: "SKIPPED", skippedAt: BASE_TIME });

    const response = await sendBulk(workspace, {
      action: "reassign",
      task_ids: [finished.id],
      assignee_user_id: workspace.otherRep.id,
    });
    const single = await callApi(`/v1/tasks/${finished.id}/assignee`, {
      method: "PATCH",
      key: workspace.key.rawKey,
      body: { assignee_user_id: workspace.otherRep.id },
    });

    expectResults(response, [finished.id], 0);
    expectError(single, 422, "BusinessIssue");
    expect(response.body.results[0]).toEqual({
      task_id: finished.id,
      status_code: 422,
      task: null,
      error: { ...single.body, request_id: response.headers.get("X-Request-Id") },
    });
    expect(await readTask(finished.id)).toEqual(finished);
  });

  it("answers ids in upper case with their lower-case form", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await sendBulk(workspace, { action: "start", task_ids: [task.id.toUpperCase()] });

    expectResults(response, [task.id], 1);
    expect(response.body.results[0].task.id).toBe(task.id);
  });
});

describe("POST /v1/tasks/bulk-actions: mixed outcomes", () => {
  it("applies valid ids and fails the rest", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const email = await createTask(workspace, { type: "EMAIL_REPLY", createdAt: BASE_TIME });
    const unknownId = crypto.randomUUID();
    const foreign = await createTask(other, { type: "EMAIL_REPLY" });
    const skipped = await createTask(workspace, {
      type: "EMAIL_REPLY",
      status: "SKIPPED",
      skippedAt: BASE_TIME,
      createdAt: BASE_TIME + 1,
    });
    const call = await createTask(workspace, { type: "CALL", createdAt: BASE_TIME + 2 });
    const review = await createTask(workspace, {
      type: "NEW_LEAD_REVIEW",
      status: "IN_PROGRESS",
      createdAt: BASE_TIME + 3,
    });
    const taskIds = [email.id, unknownId, foreign.id, skipped.id, call.id, review.id];

    const response = await sendBulk(workspace, { action: "complete", task_ids: taskIds });

    expectResults(response, taskIds, 2);
    expect(response.body.results.map((result: any) => result.status_code)).toEqual([200, 404, 404, 422, 422, 200]);
    const requestId = response.headers.get("X-Request-Id");
    for (const [index, taskId] of taskIds.entries()) {
      const result = response.body.results[index];
      if (result.status_code === 200) {
        expect(result.error).toBeNull();
        expect(result.task).toMatchObject({ id: taskId, status: "COMPLETED", version: 2 });
        continue;
      }
      // The failed tasks are untouched, so the single operation now returns what the bulk did.
      const single = await callApi(`/v1/tasks/${taskId}/complete`, { method: "POST", key: workspace.key.rawKey });
      expect(result.task).toBeNull();
      expect(result.status_code).toBe(single.status);
      expect(result.error).toEqual({ ...single.body, request_id: requestId });
    }
    expect(response.body.results[4].error.data).toEqual({ task_id: call.id, type: "CALL", field: "disposition" });
    expect(response.body.results[3].error.data).toEqual({
      task_id: skipped.id,
      current_status: "SKIPPED",
      allowed_statuses: ["PENDING", "IN_PROGRESS"],
    });

    expect((await readTask(email.id)).status).toBe("COMPLETED");
    expect((await readTask(review.id)).status).toBe("COMPLETED");
    expect(await readTask(foreign.id)).toEqual(foreign);
    expect(await readTask(skipped.id)).toEqual(skipped);
    expect(await readTask(call.id)).toEqual(call);
  });

  it("records events for changed tasks only", async () => {
    const workspace = await createWorkspace();
    const [first, second] = await createTasks(workspace, 2);
    const finished = await createTask(workspace, { status: "COMPLETED", completedAt: BASE_TIME });
    const unknownId = crypto.randomUUID();

    const response = await sendBulk(workspace, {
      action: "skip",
      task_ids: [first!.id, finished.id, second!.id, unknownId],
    });

    expectResults(response, [first!.id, finished.id, second!.id, unknownId], 2);
    const events = await changeEventsOf(workspace, [first!.id, second!.id, finished.id]);
    expect(events.map((event) => [event.taskId, event.type, event.taskVersion])).toEqual([
      [first!.id, "task.skipped", 2],
      [second!.id, "task.skipped", 2],
    ]);
    for (const event of events) {
      expect(event.actorType).toBe("API_KEY");
      expect(event.actorApiKeyId).toBe(workspace.key.id);
      expect(event.organizationId).toBe(workspace.organization.id);
    }
  });
});

describe("POST /v1/tasks/bulk-actions: limits and validation", () => {
  it(`takes ${MAX_BULK_TASK_IDS} ids`, async () => {
    const workspace = await createWorkspace();
    const created = await createTasks(workspace, MAX_BULK_TASK_IDS);
    const taskIds = created.map((task) => task.id);
    const body = { action: "reassign", task_ids: taskIds, assignee_user_id: workspace.otherRep.id };

    const response = await sendBulk(workspace, body);

    expect(new TextEncoder().encode(JSON.stringify(body)).byteLength).toBeLessThan(MAX_BODY_BYTES / 3);
    expectResults(response, taskIds, MAX_BULK_TASK_IDS);
    const events = await changeEventsOf(workspace, taskIds);
    expect(events).toHaveLength(MAX_BULK_TASK_IDS);
    expect(new Set(events.map((event) => event.taskId)).size).toBe(MAX_BULK_TASK_IDS);
  });

  it(`rejects ${MAX_BULK_TASK_IDS + 1} ids`, async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const taskIds = [task.id, ...Array.from({ length: MAX_BULK_TASK_IDS }, () => crypto.randomUUID())];

    const response = await sendBulk(workspace, { action: "skip", task_ids: taskIds });

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues).toEqual([
      { location: "body", name: "task_ids", message: `must have at most ${MAX_BULK_TASK_IDS} values`, maximum: 100 },
    ]);
    expect(await readTask(task.id)).toEqual(task);
  });

  it.each([
    ["the same", (id: string) => id],
    ["another letter case", (id: string) => id.toUpperCase()],
  ])("rejects an id repeated in %s and names it", async (_, repeat) => {
    const workspace = await createWorkspace();
    const [first, second] = await createTasks(workspace, 2);

    const response = await sendBulk(workspace, {
      action: "skip",
      task_ids: [first!.id, second!.id, repeat(first!.id)],
    });

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues).toEqual([
      { location: "body", name: "task_ids.2", message: `repeats ${first!.id}; list each task once` },
    ]);
    expect(response.body.message).toContain(first!.id);
    expect(await readTask(first!.id)).toEqual(first);
    expect(await readTask(second!.id)).toEqual(second);
  });

  it.each([
    ["no action", { task_ids: ["TASK"] }, { name: "action", message: "is required" }],
    [
      "an unknown action",
      { action: "delete", task_ids: ["TASK"] },
      { name: "action", message: "must be one of skip, reopen, start, complete, reassign" },
    ],
    ["no task_ids", { action: "skip" }, { name: "task_ids", message: "is required" }],
    ["empty task_ids", { action: "skip", task_ids: [] }, { name: "task_ids", minimum: 1 }],
    ["an id that is not a UUID", { action: "skip", task_ids: ["TASK", "42"] }, { name: "task_ids.1" }],
    [
      "a disposition on skip",
      { action: "skip", task_ids: ["TASK"], disposition: "ANSWERED" },
      { name: "disposition", message: "is not a known field" },
    ],
    [
      "an assignee on start",
      { action: "start", task_ids: ["TASK"], assignee_user_id: "USER" },
      { name: "assignee_user_id", message: "is not a known field" },
    ],
    [
      "an assignee on complete",
      { action: "complete", task_ids: ["TASK"], assignee_user_id: "USER" },
      { name: "assignee_user_id", message: "is not a known field" },
    ],
    [
      "a disposition on reassign",
      { action: "reassign", task_ids: ["TASK"], assignee_user_id: "USER", disposition: "ANSWERED" },
      { name: "disposition", message: "is not a known field" },
    ],
    [
      "a scope on reassign",
      { action: "reassign", task_ids: ["TASK"], assignee_user_id: "USER", scope: "SEQUENCE" },
      { name: "scope", message: "is not a known field" },
    ],
    [
      "a reassign without assignee",
      { action: "reassign", task_ids: ["TASK"] },
      { name: "assignee_user_id", message: "is required" },
    ],
    [
      "an unknown disposition",
      { action: "complete", task_ids: ["TASK"], disposition: "BUSY" },
      { name: "disposition", allowed_values: ["ANSWERED", "VOICEMAIL_LEFT", "NO_ANSWER"] },
    ],
    ["a null disposition", { action: "complete", task_ids: ["TASK"], disposition: null }, { name: "disposition" }],
    ["a body that is an array", [{ action: "skip", task_ids: ["TASK"] }], { name: "" }],
  ])("rejects %s", async (_, template, issue) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: "PENDING" });
    const body = JSON.parse(
      JSON.stringify(template).replaceAll("TASK", task.id).replaceAll("USER", workspace.otherRep.id),
    );

    const response = await sendBulk(workspace, body);

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues, describeResponse(response)).toEqual([
      expect.objectContaining({ location: "body", ...issue }),
    ]);
    expect(await readTask(task.id)).toEqual(task);
  });

  it("rejects a body without Content-Type", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(PATH, {
      method: "POST",
      key: workspace.key.rawKey,
      body: JSON.stringify({ action: "skip", task_ids: [task.id] }),
    });

    expectError(response, 415, "UnsupportedMediaTypeIssue");
    expect(await readTask(task.id)).toEqual(task);
  });

  it("rejects a request without a body", async () => {
    const workspace = await createWorkspace();

    const response = await callApi(PATH, {
      method: "POST",
      key: workspace.key.rawKey,
      headers: { "Content-Type": "application/json" },
    });

    expectError(response, 400, "ValidationIssue");
  });

  it("rejects an unknown query parameter", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(`${PATH}?dry_run=true`, {
      method: "POST",
      key: workspace.key.rawKey,
      body: { action: "skip", task_ids: [task.id] },
    });

    expectError(response, 400, "ValidationIssue");
    expect(await readTask(task.id)).toEqual(task);
  });
});

describe("POST /v1/tasks/bulk-actions: unknown assignee", () => {
  it.each([
    ["a user that never existed", async () => crypto.randomUUID()],
    ["a user of another workspace", async () => (await createWorkspace()).rep.id],
  ])("answers 422 for %s and changes nothing", async (_, assigneeOf) => {
    const workspace = await createWorkspace();
    const created = await createTasks(workspace, 3);
    const assigneeUserId = await assigneeOf();
    const taskIds = [...created.map((task) => task.id), crypto.randomUUID()];

    const response = await sendBulk(workspace, {
      action: "reassign",
      task_ids: taskIds,
      assignee_user_id: assigneeUserId,
    });

    expectError(response, 422, "BusinessIssue");
    expect(response.body.message).toBe(`User ${assigneeUserId} is not a user of this workspace.`);
    expect(response.body.data).toEqual({ assignee_user_id: assigneeUserId });
    for (const task of created) {
      expect(await readTask(task.id)).toEqual(task);
    }
    expect(
      await changeEventsOf(
        workspace,
        created.map((task) => task.id),
      ),
    ).toEqual([]);
  });

  it("answers 422 even when none of the tasks exists", async () => {
    const workspace = await createWorkspace();
    const assigneeUserId = crypto.randomUUID();

    const response = await sendBulk(workspace, {
      action: "reassign",
      task_ids: [crypto.randomUUID()],
      assignee_user_id: assigneeUserId,
    });

    expectError(response, 422, "BusinessIssue");
    expect(response.body.data).toEqual({ assignee_user_id: assigneeUserId });
  });
});

describe("POST /v1/tasks/bulk-actions: retries and races", () => {
  it("replays the results for a repeated Idempotency-Key", async () => {
    const workspace = await createWorkspace();
    const created = await createTasks(workspace, 3);
    const finished = await createTask(workspace, { status: "SKIPPED", skippedAt: BASE_TIME });
    const taskIds = [...created.map((task) => task.id), finished.id];
    const headers = { "Idempotency-Key": `bulk-${taskIds[0]}` };

    const first = await sendBulk(workspace, { action: "start", task_ids: taskIds }, headers);
    const retry = await sendBulk(workspace, { action: "start", task_ids: taskIds }, headers);

    expectResults(first, taskIds, 3);
    expectStatus(retry, 200);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.text).toBe(first.text);
    for (const task of created) {
      expect((await readTask(task.id)).version).toBe(2);
    }
    expect(await changeEventsOf(workspace, taskIds)).toHaveLength(3);
  });

  it("never applies one task twice when bulks race", async () => {
    const workspace = await createWorkspace();
    const created = await createTasks(workspace, 20);
    const taskIds = created.map((task) => task.id);
    // Each bulk names the tasks in its own order, so they do not meet them in the same sequence.
    const orders = [taskIds, [...taskIds].reverse(), [...taskIds.slice(10), ...taskIds.slice(0, 10)]];

    const responses = await Promise.all(
      orders.map((order) => sendBulk(workspace, { action: "skip", task_ids: order })),
    );

    const successes = new Map<string, number>();
    for (const response of responses) {
      expectStatus(response, 200);
      for (const result of response.body.results) {
        if (result.status_code === 200) {
          successes.set(result.task_id, (successes.get(result.task_id) ?? 0) + 1);
        } else {
          expect(result.error.data, describeResponse(response)).toMatchObject({ current_status: "SKIPPED" });
        }
      }
    }
    expect([...successes.keys()].sort()).toEqual([...taskIds].sort());
    expect([...successes.values()].every((count) => count === 1)).toBe(true);
    for (const taskId of taskIds) {
      expect((await readTask(taskId)).version).toBe(2);
    }
    expect(await changeEventsOf(workspace, taskIds)).toHaveLength(taskIds.length);
  });

  it("orders a racing start and skip per task", async () => {
    const workspace = await createWorkspace();
    const created = await createTasks(workspace, 10);
    const taskIds = created.map((task) => task.id);

    const [started, skipped] = await Promise.all([
      sendBulk(workspace, { action: "start", task_ids: taskIds }),
      sendBulk(workspace, { action: "skip", task_ids: [...taskIds].reverse() }),
    ]);

    expectStatus(started, 200);
    expectStatus(skipped, 200);
    expect(skipped.body.succeeded_count).toBe(taskIds.length);
    for (const taskId of taskIds) {
      const stored = await readTask(taskId);
      const events = await changeEventsOf(workspace, [taskId]);
      expect(stored.status).toBe("SKIPPED");
      expect(stored.version).toBe(events.length + 1);
      expect(events.at(-1)?.type).toBe("task.skipped");
    }
    expect(await db().select().from(taskEvents).where(eq(taskEvents.actorApiKeyId, workspace.key.id))).toHaveLength(
      taskIds.length + started.body.succeeded_count,
    );
  });
});

describe("other methods on /v1/tasks/bulk-actions", () => {
  it.each(["GET", "HEAD", "PUT", "PATCH", "DELETE"])("answers %s with 405 and Allow: POST", async (method) => {
    const workspace = await createWorkspace();

    const response = await callApi("/v1/tasks/bulk-actions", { method, key: workspace.key.rawKey });

    expect(response.status, describeResponse(response)).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
    if (method !== "HEAD") {
      expect(response.body.message).toContain("/v1/tasks/bulk-actions");
    }
  });
});
