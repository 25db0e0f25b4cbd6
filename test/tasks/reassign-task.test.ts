import { describe, expect, it } from "vitest";

import { callApi } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { BASE_TIME, createSequence, createTask, createUser, createWorkspace, readTask } from "../helpers/factories";

function reassign(taskId: string, key: string, body: unknown) {
  return callApi(`/v1/tasks/${taskId}/assignee`, { method: "PATCH", key, body });
}

/** Sends the body exactly as given, under the given Content-Type. */
function reassignRaw(taskId: string, key: string, body: string, contentType = "application/json") {
  return callApi(`/v1/tasks/${taskId}/assignee`, {
    method: "PATCH",
    key,
    headers: { "Content-Type": contentType },
    body,
  });
}

describe("PATCH /v1/tasks/{id}/assignee", () => {
  it("reassigns only this task by default", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const sibling = await createTask(workspace);

    const response = await reassign(task.id, workspace.key.rawKey, { assignee_user_id: workspace.otherRep.id });

    expectStatus(response, 200);
    expect(response.body.assignee_user_id).toBe(workspace.otherRep.id);
    expect(Date.parse(response.body.updated_at)).toBeGreaterThan(BASE_TIME);
    expect((await readTask(task.id)).assigneeUserId).toBe(workspace.otherRep.id);
    expect((await readTask(sibling.id)).assigneeUserId).toBe(workspace.rep.id);
  });

  it("assigns an unassigned task", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { assigneeUserId: null, status: "IN_PROGRESS" });

    const response = await reassign(task.id, workspace.key.rawKey, {
      assignee_user_id: workspace.rep.id,
      scope: "TASK",
    });

    expectStatus(response, 200);
    expect(response.body.assignee_user_id).toBe(workspace.rep.id);
  });

  it("reassigns every actionable task of the sequence", async () => {
    const workspace = await createWorkspace();
    const target = await createTask(workspace);
    const inProgress = await createTask(workspace, { status: "IN_PROGRESS", assigneeUserId: null });
    const completed = await createTask(workspace, { status: "COMPLETED" });
    const skipped = await createTask(workspace, { status: "SKIPPED" });
    const otherSequence = await createSequence(workspace.organization.id, workspace.template.id);
    const elsewhere = await createTask(workspace, { sequenceId: otherSequence.id });

    const response = await reassign(target.id, workspace.key.rawKey, {
      assignee_user_id: workspace.otherRep.id,
      scope: "SEQUENCE",
    });

    expectStatus(response, 200);
    expect(response.body.id).toBe(target.id);
    expect(response.body.assignee_user_id).toBe(workspace.otherRep.id);
    expect((await readTask(inProgress.id)).assigneeUserId).toBe(workspace.otherRep.id);
    expect((await readTask(completed.id)).assigneeUserId).toBe(workspace.rep.id);
    expect((await readTask(skipped.id)).assigneeUserId).toBe(workspace.rep.id);
    expect((await readTask(elsewhere.id)).assigneeUserId).toBe(workspace.rep.id);
    expect((await readTask(completed.id)).updatedAt).toBe(completed.updatedAt);
  });

  it("reassigns the rest of the sequence from a finished task", async () => {
    const workspace = await createWorkspace();
    const finished = await createTask(workspace, { status: "COMPLETED" });
    const pending = await createTask(workspace);

    const response = await reassign(finished.id, workspace.key.rawKey, {
      assignee_user_id: workspace.otherRep.id,
      scope: "SEQUENCE",
    });

    expectStatus(response, 200);
    expect(response.body.assignee_user_id).toBe(workspace.rep.id);
    expect(response.body.updated_at).toBe("2025-03-13T07:00:00Z");
    expect((await readTask(pending.id)).assigneeUserId).toBe(workspace.otherRep.id);
  });

  it.each(["COMPLETED", "SKIPPED"] as const)("rejects reassigning a %s task with scope TASK", async (status) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status });

    const response = await reassign(task.id, workspace.key.rawKey, { assignee_user_id: workspace.otherRep.id });

    expectError(response, 422, "BusinessIssue");
    expect(response.body.data).toMatchObject({ current_status: status });
    expect((await readTask(task.id)).assigneeUserId).toBe(workspace.rep.id);
  });

  it("rejects an assignee of another workspace", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const task = await createTask(workspace);
    const sibling = await createTask(workspace);

    for (const scope of ["TASK", "SEQUENCE"]) {
      const response = await reassign(task.id, workspace.key.rawKey, { assignee_user_id: other.rep.id, scope });

      expectError(response, 422, "BusinessIssue");
      expect(response.body.data).toEqual({ assignee_user_id: other.rep.id });
    }
    expect((await readTask(task.id)).assigneeUserId).toBe(workspace.rep.id);
    expect((await readTask(sibling.id)).assigneeUserId).toBe(workspace.rep.id);
  });

  it("rejects an assignee that does not exist", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await reassign(task.id, workspace.key.rawKey, { assignee_user_id: crypto.randomUUID() });

    expectError(response, 422, "BusinessIssue");
  });

  it("leaves updated_at alone when the assignee is unchanged", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await reassign(task.id, workspace.key.rawKey, { assignee_user_id: workspace.rep.id });

    expectStatus(response, 200);
    expect(response.body.updated_at).toBe("2025-03-13T07:00:00Z");
  });

  it("returns 404 for another workspace's task and changes nothing there", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const foreign = await createTask(other);
    const foreignSibling = await createTask(other);
    const newUser = await createUser(workspace.organization.id);

    for (const scope of ["TASK", "SEQUENCE"]) {
      const response = await reassign(foreign.id, workspace.key.rawKey, { assignee_user_id: newUser.id, scope });

      expectError(response, 404, "NotFoundIssue");
    }
    expect((await readTask(foreign.id)).assigneeUserId).toBe(other.rep.id);
    expect((await readTask(foreignSibling.id)).assigneeUserId).toBe(other.rep.id);
  });

  it("keeps a sequence on one assignee when reassignments race", async () => {
    const workspace = await createWorkspace();
    const runTasks: { id: string }[] = [];
    for (let index = 0; index < 6; index++) {
      runTasks.push(await createTask(workspace, { status: index % 2 === 0 ? "PENDING" : "IN_PROGRESS" }));
    }
    const assignees = [workspace.rep.id, workspace.otherRep.id];

    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        reassign(runTasks[index % runTasks.length]!.id, workspace.key.rawKey, {
          assignee_user_id: assignees[index % 2],
          scope: "SEQUENCE",
        }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    const finalAssignees = new Set(
      await Promise.all(runTasks.map(async (task) => (await readTask(task.id)).assigneeUserId)),
    );
    expect(finalAssignees.size).toBe(1);
  });

  it("lets the last of racing TASK reassignments win whole", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const third = await createUser(workspace.organization.id, "Third Rep");
    const assignees = [workspace.otherRep.id, third.id, workspace.rep.id];

    const responses = await Promise.all(
      assignees.map((assignee) => reassign(task.id, workspace.key.rawKey, { assignee_user_id: assignee })),
    );

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    const stored = await readTask(task.id);
    expect(assignees).toContain(stored.assigneeUserId);
    expect(stored.status).toBe("PENDING");
  });

  it("returns 404 for an unknown task", async () => {
    const workspace = await createWorkspace();

    const response = await reassign(crypto.randomUUID(), workspace.key.rawKey, { assignee_user_id: workspace.rep.id });

    expectError(response, 404, "NotFoundIssue");
  });

  describe("body validation", () => {
    const invalid: [string, unknown, string][] = [
      ["a missing assignee", {}, "assignee_user_id"],
      ["a malformed assignee", { assignee_user_id: "rep-1" }, "assignee_user_id"],
      ["a null assignee", { assignee_user_id: null }, "assignee_user_id"],
      ["an unknown scope", { assignee_user_id: crypto.randomUUID(), scope: "ALL" }, "scope"],
      ["an unknown field", { assignee_user_id: crypto.randomUUID(), assignee: "x" }, "assignee"],
    ];

    it.each(invalid)("rejects %s", async (_name, body, field) => {
      const workspace = await createWorkspace();
      const task = await createTask(workspace);

      const response = await reassign(task.id, workspace.key.rawKey, body);

      expectError(response, 400, "ValidationIssue");
      expect(response.body.data.issues[0]).toMatchObject({ location: "body", name: field });
    });

    it.each([
      ["a JSON array", "[]"],
      ["a JSON string", '"x"'],
      ["malformed JSON", '{"assignee_user_id": '],
      ["an empty body", ""],
    ])("rejects %s", async (_name, body) => {
      const workspace = await createWorkspace();
      const task = await createTask(workspace);

      const response = await reassignRaw(task.id, workspace.key.rawKey, body);

      expectError(response, 400, "ValidationIssue");
    });

    it("explains malformed JSON in data.issues", async () => {
      const workspace = await createWorkspace();
      const task = await createTask(workspace);

      const response = await reassignRaw(task.id, workspace.key.rawKey, "{");

      expectError(response, 400, "ValidationIssue");
      expect(response.body.data.issues).toEqual([{ location: "body", name: "", message: "is not valid JSON" }]);
    });

    it("names a wrong field type plainly", async () => {
      const workspace = await createWorkspace();
      const task = await createTask(workspace);

      const response = await reassign(task.id, workspace.key.rawKey, { assignee_user_id: 42 });

      expect(response.body.message).toBe("Invalid body: assignee_user_id must be a string.");
    });

    it("caps the unknown fields it reports", async () => {
      const workspace = await createWorkspace();
      const task = await createTask(workspace);
      const body: Record<string, unknown> = { assignee_user_id: workspace.otherRep.id };
      for (let index = 0; index < 100; index++) {
        body[`field_${index}_${"x".repeat(70)}`] = index;
      }

      const response = await reassign(task.id, workspace.key.rawKey, body);

      expectError(response, 400, "ValidationIssue");
      expect(response.body.data.issues).toHaveLength(20);
      expect(response.body.data.issues[0].name.length).toBeLessThanOrEqual(65);
      expect(response.body.message).toContain("and 80 more");
    });

    it("rejects a body over the size limit with 413", async () => {
      const workspace = await createWorkspace();
      const task = await createTask(workspace);

      const response = await reassign(task.id, workspace.key.rawKey, {
        assignee_user_id: workspace.otherRep.id,
        padding: "x".repeat(20_000),
      });

      expectError(response, 413, "PayloadTooLargeIssue");
      expect(response.body.data).toEqual({ max_bytes: 16_384 });
      expect((await readTask(task.id)).assigneeUserId).toBe(workspace.rep.id);
    });

    it("rejects a body that is not JSON with 415", async () => {
      const workspace = await createWorkspace();
      const task = await createTask(workspace);

      const response = await reassignRaw(
        task.id,
        workspace.key.rawKey,
        `assignee_user_id=${workspace.otherRep.id}`,
        "text/plain",
      );

      expectError(response, 415, "UnsupportedMediaTypeIssue");
    });

    it("rejects a missing body", async () => {
      const workspace = await createWorkspace();
      const task = await createTask(workspace);

      const response = await callApi(`/v1/tasks/${task.id}/assignee`, { method: "PATCH", key: workspace.key.rawKey });

      expectError(response, 400, "ValidationIssue");
    });
  });
});
