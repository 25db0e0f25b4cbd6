import { describe, expect, it } from "vitest";

import { callApi, describeResponse, type ApiRequest, type ApiResponse } from "../helpers/api";
import { expectError } from "../helpers/assertions";
import {
  BASE_TIME,
  createApiKey,
  createSequence,
  createTask,
  createWorkspace,
  type Workspace,
} from "../helpers/factories";
import { createRandom } from "../isolation/random";
import { expectConsecutive, followLog, readLogByPage, type EventBody } from "./log";

// The event log through the real endpoints: each change writes exactly one event with what
// it changed, a refused change writes none, numbers have no gaps, and a reader resuming
// from any point reads exactly the rest of the log.

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

function change(workspace: Workspace, taskId: string, action: string, request: ApiRequest = {}) {
  const method = action === "assignee" ? "PATCH" : "POST";
  return callApi(`/v1/tasks/${taskId}/${action}`, { method, key: workspace.key.rawKey, ...request });
}

function reassign(workspace: Workspace, taskId: string, assigneeUserId: string, scope: "TASK" | "SEQUENCE") {
  return change(workspace, taskId, "assignee", { body: { assignee_user_id: assigneeUserId, scope } });
}

async function lastSequenceNumber(workspace: Workspace): Promise<number> {
  const events = await readLogByPage(workspace.key.rawKey);
  return events.at(-1)?.sequence_number ?? 0;
}

/** Makes a change through the API and returns its response and the events it appended. */
async function changeAndReadEvents(workspace: Workspace, send: () => Promise<ApiResponse>) {
  const before = await lastSequenceNumber(workspace);
  const response = await send();
  const events = await readLogByPage(workspace.key.rawKey, { after: before });
  return { response, events, before };
}

/** Checks the parts of an event that every change by the workspace's key shares. */
function expectChangeEvent(event: EventBody, workspace: Workspace, task: Record<string, any>) {
  expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(event.task_id).toBe(task.id);
  expect(event.sequence_id).toBe(task.sequence_id);
  expect(event.task_version).toBe(task.version);
  expect(event.task).toEqual(task);
  expect(event.actor).toEqual({ type: "API_KEY", api_key_id: workspace.key.id });
  expect(event.occurred_at).toBe(task.updated_at);
}

describe("GET /v1/task-events: one event per change", () => {
  it("records a created task as task.created by the sequence", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { type: "EMAIL_REPLY", priority: "TODAY" });

    const [event] = await readLogByPage(workspace.key.rawKey);
    const current = await callApi(`/v1/tasks/${task.id}`, { key: workspace.key.rawKey });

    expect(event).toMatchObject({
      sequence_number: 1,
      type: "task.created",
      task_id: task.id,
      sequence_id: workspace.sequence.id,
      task_version: 1,
      actor: { type: "SEQUENCE", api_key_id: null },
      occurred_at: "2025-03-13T07:00:00Z",
    });
    expect(event!.changes).toEqual({
      status: { previous: null, current: "PENDING" },
      priority: { previous: null, current: "TODAY" },
      assignee_user_id: { previous: null, current: workspace.rep.id },
    });
    expect(event!.task).toEqual(current.body);
  });

  it("records a skip", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const { response, events, before } = await changeAndReadEvents(workspace, () => change(workspace, task.id, "skip"));

    expect(response.status, describeResponse(response)).toBe(200);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.sequence_number).toBe(before + 1);
    expect(event!.type).toBe("task.skipped");
    expect(event!.changes).toEqual({
      status: { previous: "PENDING", current: "SKIPPED" },
      skipped_at: { previous: null, current: response.body.skipped_at },
    });
    expect(event!.changes.skipped_at!.current).toMatch(ISO);
    expect(event!.task_version).toBe(2);
    expectChangeEvent(event!, workspace, response.body);
  });

  it("records a start", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const { response, events } = await changeAndReadEvents(workspace, () => change(workspace, task.id, "start"));

    expect(response.status, describeResponse(response)).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]!.type).toBe("task.started");
    expect(events[0]!.changes).toEqual({ status: { previous: "PENDING", current: "IN_PROGRESS" } });
    expectChangeEvent(events[0]!, workspace, response.body);
  });

  it("records the completion of a CALL task with its disposition", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { type: "CALL", status: "IN_PROGRESS" });

    const { response, events } = await changeAndReadEvents(workspace, () =>
      change(workspace, task.id, "complete", { body: { disposition: "ANSWERED" } }),
    );

    expect(response.status, describeResponse(response)).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]!.type).toBe("task.completed");
    expect(events[0]!.changes).toEqual({
      status: { previous: "IN_PROGRESS", current: "COMPLETED" },
      disposition: { previous: null, current: "ANSWERED" },
      completed_at: { previous: null, current: response.body.completed_at },
    });
    expectChangeEvent(events[0]!, workspace, response.body);
  });

  it("records a reopen, with the cleared fields' previous values as ISO timestamps", async () => {
    const workspace = await createWorkspace();
    const completedAt = BASE_TIME + 1_250;
    const task = await createTask(workspace, {
      status: "COMPLETED",
      disposition: "VOICEMAIL_LEFT",
      completedAt,
      updatedAt: completedAt,
    });

    const { response, events } = await changeAndReadEvents(workspace, () => change(workspace, task.id, "reopen"));

    expect(response.status, describeResponse(response)).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]!.type).toBe("task.reopened");
    expect(events[0]!.changes).toEqual({
      status: { previous: "COMPLETED", current: "PENDING" },
      disposition: { previous: "VOICEMAIL_LEFT", current: null },
      completed_at: { previous: "2025-03-13T07:00:01.250Z", current: null },
      reopened_at: { previous: null, current: response.body.reopened_at },
    });
    expectChangeEvent(events[0]!, workspace, response.body);
  });

  it("records a TASK reassignment", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const { response, events } = await changeAndReadEvents(workspace, () =>
      reassign(workspace, task.id, workspace.otherRep.id, "TASK"),
    );

    expect(response.status, describeResponse(response)).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]!.type).toBe("task.reassigned");
    expect(events[0]!.changes).toEqual({
      assignee_user_id: { previous: workspace.rep.id, current: workspace.otherRep.id },
    });
    expectChangeEvent(events[0]!, workspace, response.body);
  });

  it("records events of changed SEQUENCE tasks only", async () => {
    const workspace = await createWorkspace();
    const target = await createTask(workspace, { createdAt: BASE_TIME });
    const inProgress = await createTask(workspace, { status: "IN_PROGRESS", createdAt: BASE_TIME + 1 });
    const unassigned = await createTask(workspace, { assigneeUserId: null, createdAt: BASE_TIME + 2 });
    await createTask(workspace, { assigneeUserId: workspace.otherRep.id, createdAt: BASE_TIME + 3 });
    await createTask(workspace, { status: "COMPLETED", completedAt: BASE_TIME, createdAt: BASE_TIME + 4 });
    const otherRun = await createSequence(workspace.organization.id, workspace.template.id);
    await createTask(workspace, { sequenceId: otherRun.id, createdAt: BASE_TIME + 5 });

    const { response, events, before } = await changeAndReadEvents(workspace, () =>
      reassign(workspace, target.id, workspace.otherRep.id, "SEQUENCE"),
    );

    expect(response.status, describeResponse(response)).toBe(200);
    expectConsecutive(events, before + 1);
    expect(events.map((event) => event.task_id).sort()).toEqual([target.id, inProgress.id, unassigned.id].sort());
    for (const event of events) {
      const current = await callApi(`/v1/tasks/${event.task_id}`, { key: workspace.key.rawKey });
      expect(event.type).toBe("task.reassigned");
      expect(event.changes).toEqual({
        assignee_user_id: {
          previous: event.task_id === unassigned.id ? null : workspace.rep.id,
          current: workspace.otherRep.id,
        },
      });
      expectChangeEvent(event, workspace, current.body);
    }
  });

  it("writes no event for a refused change", async () => {
    const workspace = await createWorkspace();
    const pending = await createTask(workspace, { type: "CALL" });
    const completed = await createTask(workspace, { status: "COMPLETED", completedAt: BASE_TIME });
    const before = await lastSequenceNumber(workspace);

    const refusals: [number, () => Promise<ApiResponse>][] = [
      [422, () => change(workspace, completed.id, "skip")],
      [422, () => change(workspace, completed.id, "start")],
      [422, () => change(workspace, pending.id, "reopen")],
      [422, () => change(workspace, pending.id, "complete")],
      [422, () => reassign(workspace, completed.id, workspace.otherRep.id, "TASK")],
      [422, () => reassign(workspace, pending.id, crypto.randomUUID(), "SEQUENCE")],
      [412, () => change(workspace, pending.id, "skip", { headers: { "If-Match": '"v7"' } })],
      [
        412,
        () =>
          change(workspace, pending.id, "assignee", {
            headers: { "If-Match": '"v9"' },
            body: { assignee_user_id: workspace.otherRep.id, scope: "SEQUENCE" },
          }),
      ],
      [404, () => change(workspace, crypto.randomUUID(), "skip")],
      [404, () => reassign(workspace, crypto.randomUUID(), workspace.otherRep.id, "SEQUENCE")],
    ];

    for (const [status, send] of refusals) {
      const response = await send();
      expect(response.status, describeResponse(response)).toBe(status);
    }

    expect(await lastSequenceNumber(workspace)).toBe(before);
  });

  it("writes no event for a reassignment to the current assignee", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const before = await lastSequenceNumber(workspace);

    const response = await reassign(workspace, task.id, workspace.rep.id, "SEQUENCE");

    expect(response.status, describeResponse(response)).toBe(200);
    expect(await lastSequenceNumber(workspace)).toBe(before);
  });

  it("replays a keyed change without a second event", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const before = await lastSequenceNumber(workspace);

    const headers = { "Idempotency-Key": `events-${task.id}` };
    const first = await change(workspace, task.id, "skip", { headers });
    const replay = await change(workspace, task.id, "skip", { headers });

    expect(first.status).toBe(200);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await lastSequenceNumber(workspace)).toBe(before + 1);
  });
});

describe("GET /v1/task-events: numbering and resuming", () => {
  it("numbers each workspace's events from 1 without gaps, independently of other workspaces", async () => {
    const first = await createWorkspace();
    const second = await createWorkspace();

    for (let round = 0; round < 4; round++) {
      const a = await createTask(first, { createdAt: BASE_TIME + round });
      const b = await createTask(second, { createdAt: BASE_TIME + round });
      expect((await change(first, a.id, "skip")).status).toBe(200);
      expect((await change(second, b.id, "start")).status).toBe(200);
      expect((await change(first, a.id, "reopen")).status).toBe(200);
    }

    const firstLog = await readLogByPage(first.key.rawKey, { size: 5 });
    const secondLog = await readLogByPage(second.key.rawKey, { size: 5 });

    expect(firstLog).toHaveLength(12);
    expect(secondLog).toHaveLength(8);
    expectConsecutive(firstLog);
    expectConsecutive(secondLog);
    expect(new Set([...firstLog, ...secondLog].map((event) => event.id)).size).toBe(20);
  });

  it("gives every resume point exactly the tail of the full log", { timeout: 60_000 }, async () => {
    const workspace = await createWorkspace();
    const random = createRandom(20261205);
    const tasks = [];
    for (let index = 0; index < 10; index++) {
      tasks.push(
        await createTask(workspace, {
          type: random.pick(["CALL", "EMAIL_REPLY", "LINKEDIN_REPLY"] as const),
          createdAt: BASE_TIME + index,
        }),
      );
    }

    const actions = ["skip", "reopen", "start", "complete", "reassignTask", "reassignSequence"] as const;
    let applied = 0;
    for (let step = 0; step < 70; step++) {
      const task = random.pick(tasks);
      const assignee = random.pick([workspace.rep.id, workspace.otherRep.id]);
      const action = random.pick(actions);
      const response =
        action === "reassignTask" || action === "reassignSequence"
          ? await reassign(workspace, task.id, assignee, action === "reassignTask" ? "TASK" : "SEQUENCE")
          : await change(workspace, task.id, action, {
              body: action === "complete" && task.type === "CALL" ? { disposition: "NO_ANSWER" } : undefined,
            });
      expect([200, 422], describeResponse(response)).toContain(response.status);
      applied += response.status === 200 ? 1 : 0;
    }
    expect(applied).toBeGreaterThan(20);

    const full = await readLogByPage(workspace.key.rawKey, { size: 7 });
    expectConsecutive(full);
    expect(full.length).toBeGreaterThan(tasks.length + 20);

    // The log replays into the tasks as they are now.
    for (const task of tasks) {
      const current = await callApi(`/v1/tasks/${task.id}`, { key: workspace.key.rawKey });
      const history = full.filter((event) => event.task_id === task.id);
      expect(history.map((event) => event.task_version)).toEqual(history.map((_, index) => index + 1));
      expect(history.at(-1)!.task).toEqual(current.body);
    }

    const last = full.at(-1)!.sequence_number;
    const points = [0, 1, last - 1, last, ...Array.from({ length: 8 }, () => random.integer(last + 1))];
    for (const point of points) {
      const tail = full.filter((event) => event.sequence_number > point);
      const size = 1 + random.integer(12);

      expect(await followLog(workspace.key.rawKey, point, size), `followed from ${point}, size ${size}`).toEqual(tail);
      expect(await readLogByPage(workspace.key.rawKey, { after: point, size }), `paged from ${point}`).toEqual(tail);
    }
  });

  it("keeps numbers consecutive under concurrent changes", { timeout: 60_000 }, async () => {
    const workspace = await createWorkspace();
    const tasks = [];
    for (let index = 0; index < 24; index++) {
      tasks.push(await createTask(workspace, { createdAt: BASE_TIME + index }));
    }

    const responses = await Promise.all([
      ...tasks.slice(0, 8).map((task) => change(workspace, task.id, "skip")),
      ...tasks.slice(8, 16).map((task) => change(workspace, task.id, "start")),
      ...tasks.slice(16, 24).map((task) => reassign(workspace, task.id, workspace.otherRep.id, "TASK")),
    ]);
    for (const response of responses) {
      expect(response.status, describeResponse(response)).toBe(200);
    }

    const log = await readLogByPage(workspace.key.rawKey, { size: 9 });
    expectConsecutive(log);
    expect(log).toHaveLength(24 + 24);
    const changes = log.slice(24);
    expect(changes.filter((event) => event.type === "task.skipped")).toHaveLength(8);
    expect(changes.filter((event) => event.type === "task.started")).toHaveLength(8);
    expect(changes.filter((event) => event.type === "task.reassigned")).toHaveLength(8);
    expect(new Set(changes.map((event) => event.task_id)).size).toBe(24);
  });

  it("keeps numbers consecutive when racing changes hit the same tasks", { timeout: 60_000 }, async () => {
    const workspace = await createWorkspace();
    const tasks = [];
    for (let index = 0; index < 6; index++) {
      tasks.push(await createTask(workspace, { createdAt: BASE_TIME + index }));
    }
    const before = await lastSequenceNumber(workspace);

    const requests = tasks.flatMap((task) => [
      change(workspace, task.id, "skip"),
      change(workspace, task.id, "skip"),
      change(workspace, task.id, "start"),
      reassign(workspace, task.id, workspace.otherRep.id, "SEQUENCE"),
      reassign(workspace, task.id, workspace.rep.id, "SEQUENCE"),
    ]);
    const responses = await Promise.all(requests);
    for (const response of responses) {
      expect([200, 422], describeResponse(response)).toContain(response.status);
    }

    const log = await readLogByPage(workspace.key.rawKey, { size: 100 });
    expectConsecutive(log);
    for (const task of tasks) {
      const history = log.filter((event) => event.task_id === task.id);
      const current = await callApi(`/v1/tasks/${task.id}`, { key: workspace.key.rawKey });
      expect(history.map((event) => event.task_version)).toEqual(history.map((_, index) => index + 1));
      expect(history.at(-1)!.task).toEqual(current.body);
    }
    expect(log.length).toBeGreaterThan(before);
  });
});

describe("GET /v1/task-events: filters", () => {
  it("filters by type and by task, combined with the resume point", async () => {
    const workspace = await createWorkspace();
    const first = await createTask(workspace, { createdAt: BASE_TIME });
    const second = await createTask(workspace, { createdAt: BASE_TIME + 1 });
    await change(workspace, first.id, "skip");
    await change(workspace, second.id, "skip");
    await change(workspace, first.id, "reopen");
    await reassign(workspace, first.id, workspace.otherRep.id, "TASK");

    const key = workspace.key.rawKey;
    const skipped = await readLogByPage(key, { query: "&types=task.skipped" });
    const skippedOrReopened = await readLogByPage(key, { query: "&types=task.skipped&types=task.reopened" });
    const ofFirst = await readLogByPage(key, { query: `&task_id=${first.id.toUpperCase()}` });
    const ofFirstAfterThree = await readLogByPage(key, { after: 3, query: `&task_id=${first.id}` });
    const bothFilters = await readLogByPage(key, { query: `&task_id=${first.id}&types=task.skipped` });

    expect(skipped.map((event) => [event.sequence_number, event.task_id])).toEqual([
      [3, first.id],
      [4, second.id],
    ]);
    expect(skippedOrReopened.map((event) => event.sequence_number)).toEqual([3, 4, 5]);
    expect(ofFirst.map((event) => [event.sequence_number, event.type])).toEqual([
      [1, "task.created"],
      [3, "task.skipped"],
      [5, "task.reopened"],
      [6, "task.reassigned"],
    ]);
    expect(ofFirstAfterThree.map((event) => event.sequence_number)).toEqual([5, 6]);
    expect(bothFilters.map((event) => event.sequence_number)).toEqual([3]);
  });

  it("returns the list envelope with totals and pages past the end", async () => {
    const workspace = await createWorkspace();
    for (let index = 0; index < 5; index++) {
      await createTask(workspace, { createdAt: BASE_TIME + index });
    }

    const page = await callApi("/v1/task-events?size=2&page=2", { key: workspace.key.rawKey });
    const past = await callApi("/v1/task-events?size=2&page=9", { key: workspace.key.rawKey });
    const empty = await callApi("/v1/task-events?after_sequence_number=5", { key: workspace.key.rawKey });

    expect(page.body.items.map((event: EventBody) => event.sequence_number)).toEqual([3, 4]);
    expect(page.body).toMatchObject({ total_count: 5, total_pages: 3, has_more: true });
    expect(past.body).toEqual({ items: [], total_count: 5, total_pages: 3, has_more: false });
    expect(empty.body).toEqual({ items: [], total_count: 0, total_pages: 0, has_more: false });
  });
});

describe("GET /v1/task-events across workspaces", () => {
  it("shows another workspace's key none of the events", async () => {
    const owner = await createWorkspace();
    const intruder = await createWorkspace();
    const task = await createTask(owner);
    await change(owner, task.id, "skip");
    await createTask(intruder);

    const log = await readLogByPage(intruder.key.rawKey);

    expect(log).toHaveLength(1);
    expect(log[0]!.task.organization_id).toBe(intruder.organization.id);
    expect(JSON.stringify(log)).not.toContain(task.id);
  });

  it("answers a foreign task_id exactly like an unknown one", async () => {
    const owner = await createWorkspace();
    const intruder = await createWorkspace();
    const task = await createTask(owner);
    await change(owner, task.id, "skip");
    // The first request with a key looks the key up, which would show in its rows read.
    await callApi("/v1/me", { key: intruder.key.rawKey });

    const foreign = await callApi(`/v1/task-events?task_id=${task.id}`, { key: intruder.key.rawKey });
    const unknown = await callApi(`/v1/task-events?task_id=${crypto.randomUUID()}`, { key: intruder.key.rawKey });
    const own = await callApi(`/v1/task-events?task_id=${task.id}`, { key: owner.key.rawKey });

    expect(foreign.status).toBe(200);
    expect(foreign.body).toEqual({ items: [], total_count: 0, total_pages: 0, has_more: false });
    expect(foreign.body).toEqual(unknown.body);
    const rowsRead = (response: typeof foreign) =>
      response.headers.get("Server-Timing")?.match(/d1-rows-read;desc=\d+/)?.[0];
    expect(rowsRead(foreign)).toBe(rowsRead(unknown));
    expect(own.body.total_count).toBe(2);
  });
});

describe("GET /v1/task-events validation", () => {
  it.each([
    ["size=0", "size"],
    ["size=101", "size"],
    ["page=0", "page"],
    ["after_sequence_number=-1", "after_sequence_number"],
    ["after_sequence_number=abc", "after_sequence_number"],
    ["after_sequence_number=1.5", "after_sequence_number"],
    ["after_sequence_number=1e3", "after_sequence_number"],
    ["after_sequence_number=1&after_sequence_number=2", "after_sequence_number"],
    ["after_sequence_number=1234567890123456", "after_sequence_number"],
    ["types=task.deleted", "types"],
    ["types=TASK.SKIPPED", "types"],
    ["task_id=not-a-uuid", "task_id"],
    ["task_id=", "task_id"],
    ["sequence_number=3", "sequence_number"],
    ["status=PENDING", "status"],
  ])("rejects %s", async (query, name) => {
    const workspace = await createWorkspace();

    const response = await callApi(`/v1/task-events?${query}`, { key: workspace.key.rawKey });

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues).toEqual([expect.objectContaining({ location: "query", name })]);
  });

  it("lists the allowed event types", async () => {
    const workspace = await createWorkspace();

    const response = await callApi("/v1/task-events?types=task.deleted", { key: workspace.key.rawKey });

    expect(response.body.data.issues[0].allowed_values).toEqual([
      "task.created",
      "task.started",
      "task.completed",
      "task.skipped",
      "task.reopened",
      "task.reassigned",
    ]);
  });

  it("needs tasks:read", async () => {
    const workspace = await createWorkspace();
    const writeOnly = await createApiKey(workspace.organization.id, { scopes: ["tasks:write"] });

    const response = await callApi("/v1/task-events", { key: writeOnly.rawKey });

    expectError(response, 403, "UnauthorizedIssue");
  });
});
