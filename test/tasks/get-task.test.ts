import { describe, expect, it } from "vitest";

import { callApi } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { BASE_TIME, createTask, createWorkspace } from "../helpers/factories";

describe("GET /v1/tasks/{id}", () => {
  it("returns the task with ISO timestamps", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, {
      status: "COMPLETED",
      disposition: "VOICEMAIL_LEFT",
      completedAt: BASE_TIME + 1_250,
      reopenedAt: BASE_TIME - 60_000,
      reopenReason: "REMINDER_RULE",
    });

    const response = await callApi(`/v1/tasks/${task.id}`, { key: workspace.key.rawKey });

    expectStatus(response, 200);
    expect(response.body).toEqual({
      id: task.id,
      organization_id: workspace.organization.id,
      type: "CALL",
      priority: "HOT",
      status: "COMPLETED",
      sequence_id: workspace.sequence.id,
      assignee_user_id: workspace.rep.id,
      disposition: "VOICEMAIL_LEFT",
      reopened_at: "2025-03-13T06:59:00Z",
      reopen_reason: "REMINDER_RULE",
      skipped_at: null,
      completed_at: "2025-03-13T07:00:01.250Z",
      created_at: "2025-03-13T07:00:00Z",
      updated_at: "2025-03-13T07:00:00Z",
      version: 1,
    });
  });

  it("accepts an uppercase id", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(`/v1/tasks/${task.id.toUpperCase()}`, { key: workspace.key.rawKey });

    expectStatus(response, 200);
    expect(response.body.id).toBe(task.id);
  });

  it("returns 404 for an unknown task", async () => {
    const workspace = await createWorkspace();
    const id = crypto.randomUUID();

    const response = await callApi(`/v1/tasks/${id}`, { key: workspace.key.rawKey });

    expectError(response, 404, "NotFoundIssue");
    expect(response.body.data).toEqual({ task_id: id });
  });

  it("returns 404 for another workspace's task", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const foreign = await createTask(other);
    const missingId = crypto.randomUUID();

    const foreignResponse = await callApi(`/v1/tasks/${foreign.id}`, { key: workspace.key.rawKey });
    const missingResponse = await callApi(`/v1/tasks/${missingId}`, { key: workspace.key.rawKey });

    expectError(foreignResponse, 404, "NotFoundIssue");
    expect(foreignResponse.body.message).toBe(missingResponse.body.message.replace(missingId, foreign.id));
  });

  it("rejects an id that is not a UUID", async () => {
    const workspace = await createWorkspace();

    const response = await callApi("/v1/tasks/not-a-uuid", { key: workspace.key.rawKey });

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues[0]).toMatchObject({ location: "path", name: "id" });
  });
});
