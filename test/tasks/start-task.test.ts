import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { taskEvents } from "../../src/db/schema";
import { callApi } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { BASE_TIME, createTask, createWorkspace, db, readTask, type Workspace } from "../helpers/factories";

function start(workspace: Workspace, taskId: string, headers: Record<string, string> = {}) {
  return callApi(`/v1/tasks/${taskId}/start`, { method: "POST", key: workspace.key.rawKey, headers });
}

describe("POST /v1/tasks/{id}/start", () => {
  it("starts a PENDING task", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: "PENDING", version: 3 });
    const before = Date.now();

    const response = await start(workspace, task.id);

    expectStatus(response, 200);
    expect(response.body).toMatchObject({
      id: task.id,
      status: "IN_PROGRESS",
      version: 4,
      completed_at: null,
      skipped_at: null,
      disposition: null,
    });
    expect(response.headers.get("ETag")).toBe('"v4"');
    expect(Date.parse(response.body.updated_at)).toBeGreaterThanOrEqual(before - 1);
    const stored = await readTask(task.id);
    expect(stored).toMatchObject({ status: "IN_PROGRESS", version: 4, changedByApiKeyId: workspace.key.id });
    expect(stored.updatedAt).toBe(Date.parse(response.body.updated_at));
  });

  it("records a task.started event", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    await start(workspace, task.id);

    const events = await db()
      .select()
      .from(taskEvents)
      .where(and(eq(taskEvents.organizationId, workspace.organization.id), eq(taskEvents.type, "task.started")));
    expect(events.map((event) => [event.taskId, event.taskVersion, event.actorApiKeyId])).toEqual([
      [task.id, 2, workspace.key.id],
    ]);
  });

  it.each(["IN_PROGRESS", "COMPLETED", "SKIPPED"] as const)("rejects starting a %s task", async (status) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status, updatedAt: BASE_TIME });

    const response = await start(workspace, task.id);

    expectError(response, 422, "BusinessIssue");
    expect(response.body.message).toBe(`Task ${task.id} is ${status}; only PENDING tasks can be started.`);
    expect(response.body.data).toEqual({ task_id: task.id, current_status: status, allowed_statuses: ["PENDING"] });
    expect(await readTask(task.id)).toEqual(task);
  });

  it("returns 404 for an unknown task", async () => {
    const workspace = await createWorkspace();
    const taskId = crypto.randomUUID();

    const response = await start(workspace, taskId);

    expectError(response, 404, "NotFoundIssue");
    expect(response.body.data).toEqual({ task_id: taskId });
  });

  it("returns 404 for another workspace's task and leaves it alone", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const foreign = await createTask(other);

    const response = await start(workspace, foreign.id);

    expectError(response, 404, "NotFoundIssue");
    expect(await readTask(foreign.id)).toEqual(foreign);
  });

  it("applies once when starts race", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const responses = await Promise.all(Array.from({ length: 5 }, () => start(workspace, task.id)));

    expect(responses.map((response) => response.status).sort()).toEqual([200, 422, 422, 422, 422]);
    expect((await readTask(task.id)).version).toBe(2);
  });
});

describe("If-Match on start", () => {
  it("applies at the current ETag", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { version: 5 });

    const response = await start(workspace, task.id, { "If-Match": '"v5"' });

    expectStatus(response, 200);
    expect(response.headers.get("ETag")).toBe('"v6"');
  });

  it("answers 412 to a stale ETag and writes nothing", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { version: 5 });

    const response = await start(workspace, task.id, { "If-Match": '"v4"' });

    expectError(response, 412, "PreconditionFailedIssue");
    expect(response.body.data).toEqual({ task_id: task.id, current_etag: '"v5"' });
    expect(await readTask(task.id)).toEqual(task);
  });

  it("answers 404 before 412 for an unknown task", async () => {
    const workspace = await createWorkspace();

    const response = await start(workspace, crypto.randomUUID(), { "If-Match": '"v1"' });

    expectError(response, 404, "NotFoundIssue");
  });

  it("answers 412 before 422 for a stale ETag on a started task", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: "IN_PROGRESS", version: 2 });

    const response = await start(workspace, task.id, { "If-Match": '"v1"' });

    expectError(response, 412, "PreconditionFailedIssue");
  });

  it("answers 422 at the current ETag of a started task", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: "IN_PROGRESS", version: 2 });

    const response = await start(workspace, task.id, { "If-Match": '"v2"' });

    expectError(response, 422, "BusinessIssue");
  });
});
