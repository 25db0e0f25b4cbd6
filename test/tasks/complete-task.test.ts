import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { taskEvents } from "../../src/db/schema";
import { callApi, type ApiRequest } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { BASE_TIME, createTask, createWorkspace, db, readTask, type Workspace } from "../helpers/factories";

function complete(workspace: Workspace, taskId: string, request: Omit<ApiRequest, "key" | "method"> = {}) {
  return callApi(`/v1/tasks/${taskId}/complete`, { ...request, method: "POST", key: workspace.key.rawKey });
}

describe("POST /v1/tasks/{id}/complete", () => {
  it.each([
    ["PENDING", "ANSWERED"],
    ["IN_PROGRESS", "VOICEMAIL_LEFT"],
    ["PENDING", "NO_ANSWER"],
  ] as const)("completes a %s CALL task with disposition %s", async (status, disposition) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { type: "CALL", status, version: 2 });
    const before = Date.now();

    const response = await complete(workspace, task.id, { body: { disposition } });

    expectStatus(response, 200);
    expect(response.body).toMatchObject({ id: task.id, status: "COMPLETED", disposition, version: 3 });
    expect(response.body.completed_at).toBe(response.body.updated_at);
    expect(Date.parse(response.body.completed_at)).toBeGreaterThanOrEqual(before - 1);
    expect(response.headers.get("ETag")).toBe('"v3"');
    const stored = await readTask(task.id);
    expect(stored).toMatchObject({ status: "COMPLETED", disposition, version: 3 });
    expect(stored.completedAt).toBe(Date.parse(response.body.completed_at));
    expect(stored.updatedAt).toBe(stored.completedAt);
  });

  it.each([
    ["EMAIL_REPLY", "PENDING"],
    ["LINKEDIN_REPLY", "IN_PROGRESS"],
    ["NEW_LEAD_REVIEW", "PENDING"],
  ] as const)("completes a %s task from %s without a body", async (type, status) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { type, status });

    const response = await complete(workspace, task.id);

    expectStatus(response, 200);
    expect(response.body).toMatchObject({ status: "COMPLETED", disposition: null, version: 2 });
    expect(response.body.completed_at).toBe(response.body.updated_at);
    expect(response.headers.get("ETag")).toBe('"v2"');
    expect((await readTask(task.id)).status).toBe("COMPLETED");
  });

  it("completes a task of another type with an empty object", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { type: "EMAIL_REPLY" });

    const response = await complete(workspace, task.id, { body: {} });

    expectStatus(response, 200);
    expect(response.body.status).toBe("COMPLETED");
  });

  it("records a task.completed event", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    await complete(workspace, task.id, { body: { disposition: "ANSWERED" } });

    const events = await db()
      .select()
      .from(taskEvents)
      .where(and(eq(taskEvents.organizationId, workspace.organization.id), eq(taskEvents.type, "task.completed")));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ taskId: task.id, taskVersion: 2, actorApiKeyId: workspace.key.id });
    expect(events[0]!.changes).toMatchObject({ status: ["PENDING", "COMPLETED"], disposition: [null, "ANSWERED"] });
  });

  it.each([
    ["without a body", undefined],
    ["with an empty object", {}],
  ])("rejects a CALL task %s", async (_, body) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { type: "CALL" });

    const response = await complete(workspace, task.id, { body });

    expectError(response, 422, "BusinessIssue");
    expect(response.body.message).toBe(`Task ${task.id} is a CALL task; completing it needs a disposition.`);
    expect(response.body.data).toEqual({ task_id: task.id, type: "CALL", field: "disposition" });
    expect(await readTask(task.id)).toEqual(task);
  });

  it.each(["EMAIL_REPLY", "LINKEDIN_REPLY", "NEW_LEAD_REVIEW"] as const)(
    "rejects a disposition on the %s task type",
    async (type) => {
      const workspace = await createWorkspace();
      const task = await createTask(workspace, { type });

      const response = await complete(workspace, task.id, { body: { disposition: "ANSWERED" } });

      expectError(response, 422, "BusinessIssue");
      const article = type === "EMAIL_REPLY" ? "an" : "a";
      expect(response.body.message).toBe(
        `Task ${task.id} is ${article} ${type} task; only CALL tasks take a disposition.`,
      );
      expect(response.body.data).toEqual({ task_id: task.id, type, field: "disposition" });
      expect(await readTask(task.id)).toEqual(task);
    },
  );

  it.each(["COMPLETED", "SKIPPED"] as const)("rejects completing a %s task", async (status) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { type: "CALL", status, completedAt: BASE_TIME, updatedAt: BASE_TIME });

    const response = await complete(workspace, task.id, { body: { disposition: "ANSWERED" } });

    expectError(response, 422, "BusinessIssue");
    expect(response.body.data).toEqual({
      task_id: task.id,
      current_status: status,
      allowed_statuses: ["PENDING", "IN_PROGRESS"],
    });
    expect(await readTask(task.id)).toEqual(task);
  });

  it("rejects an unknown disposition", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await complete(workspace, task.id, { body: { disposition: "BUSY" } });

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues).toEqual([
      {
        location: "body",
        name: "disposition",
        message: "must be one of ANSWERED, VOICEMAIL_LEFT, NO_ANSWER",
        allowed_values: ["ANSWERED", "VOICEMAIL_LEFT", "NO_ANSWER"],
      },
    ]);
    expect(await readTask(task.id)).toEqual(task);
  });

  it("rejects an unknown body field", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await complete(workspace, task.id, { body: { disposition: "ANSWERED", note: "done" } });

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues[0]).toMatchObject({ location: "body", name: "note" });
    expect(await readTask(task.id)).toEqual(task);
  });

  it("rejects a body without Content-Type", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await complete(workspace, task.id, { body: JSON.stringify({ disposition: "ANSWERED" }) });

    expectError(response, 415, "UnsupportedMediaTypeIssue");
    expect(await readTask(task.id)).toEqual(task);
  });

  it("returns 404 for an unknown task", async () => {
    const workspace = await createWorkspace();

    const response = await complete(workspace, crypto.randomUUID(), { body: { disposition: "ANSWERED" } });

    expectError(response, 404, "NotFoundIssue");
  });

  it("returns 404 for another workspace's task and leaves it alone", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const foreign = await createTask(other);

    const response = await complete(workspace, foreign.id, { body: { disposition: "ANSWERED" } });

    expectError(response, 404, "NotFoundIssue");
    expect(await readTask(foreign.id)).toEqual(foreign);
  });

  it("applies once when completions race", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const responses = await Promise.all(
      Array.from({ length: 5 }, () => complete(workspace, task.id, { body: { disposition: "NO_ANSWER" } })),
    );

    expect(responses.map((response) => response.status).sort()).toEqual([200, 422, 422, 422, 422]);
    expect((await readTask(task.id)).version).toBe(2);
  });
});

describe("If-Match on complete", () => {
  it("applies at the current ETag", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { version: 4 });

    const response = await complete(workspace, task.id, {
      body: { disposition: "ANSWERED" },
      headers: { "If-Match": '"v4"' },
    });

    expectStatus(response, 200);
    expect(response.headers.get("ETag")).toBe('"v5"');
  });

  it("answers 404 before 412 for an unknown task", async () => {
    const workspace = await createWorkspace();

    const response = await complete(workspace, crypto.randomUUID(), { headers: { "If-Match": '"v1"' } });

    expectError(response, 404, "NotFoundIssue");
  });

  it.each([
    ["a CALL task without a disposition", { type: "CALL", status: "PENDING" }, undefined],
    ["a finished task", { type: "CALL", status: "SKIPPED" }, { disposition: "ANSWERED" }],
    ["an email task with a disposition", { type: "EMAIL_REPLY", status: "PENDING" }, { disposition: "ANSWERED" }],
  ] as const)("answers 412 before 422 for %s", async (_, overrides, body) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { ...overrides, version: 3 });

    const stale = await complete(workspace, task.id, { body, headers: { "If-Match": '"v2"' } });
    const current = await complete(workspace, task.id, { body, headers: { "If-Match": '"v3"' } });

    expectError(stale, 412, "PreconditionFailedIssue");
    expect(stale.body.data).toEqual({ task_id: task.id, current_etag: '"v3"' });
    expectError(current, 422, "BusinessIssue");
    expect(await readTask(task.id)).toEqual(task);
  });
});
