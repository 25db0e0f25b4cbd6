import { describe, expect, it } from "vitest";

import { callApi } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { BASE_TIME, createTask, createWorkspace, readTask } from "../helpers/factories";

describe("POST /v1/tasks/{id}/reopen", () => {
  it("reopens a completed call and clears its outcome", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, {
      status: "COMPLETED",
      disposition: "ANSWERED",
      completedAt: BASE_TIME + 1_000,
      reopenReason: "REMINDER_RULE",
      reopenedAt: BASE_TIME,
    });

    const response = await callApi(`/v1/tasks/${task.id}/reopen`, { method: "POST", key: workspace.key.rawKey });

    expectStatus(response, 200);
    expect(response.body).toMatchObject({
      status: "PENDING",
      disposition: null,
      completed_at: null,
      skipped_at: null,
      reopen_reason: null,
    });
    expect(response.body.reopened_at).toBe(response.body.updated_at);
    expect(Date.parse(response.body.reopened_at)).toBeGreaterThan(BASE_TIME);

    const stored = await readTask(task.id);
    expect(stored).toMatchObject({ status: "PENDING", disposition: null, completedAt: null, reopenReason: null });
  });

  it("reopens a skipped task", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: "SKIPPED", skippedAt: BASE_TIME + 1_000 });

    const response = await callApi(`/v1/tasks/${task.id}/reopen`, { method: "POST", key: workspace.key.rawKey });

    expectStatus(response, 200);
    expect(response.body.status).toBe("PENDING");
    expect(response.body.skipped_at).toBeNull();
  });

  it.each(["PENDING", "IN_PROGRESS"] as const)("rejects reopening a %s task", async (status) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status });

    const response = await callApi(`/v1/tasks/${task.id}/reopen`, { method: "POST", key: workspace.key.rawKey });

    expectError(response, 422, "BusinessIssue");
    expect(response.body.data).toMatchObject({ current_status: status, allowed_statuses: ["COMPLETED", "SKIPPED"] });
    const stored = await readTask(task.id);
    expect(stored.updatedAt).toBe(task.updatedAt);
  });

  it("returns 404 for an unknown task", async () => {
    const workspace = await createWorkspace();

    const response = await callApi(`/v1/tasks/${crypto.randomUUID()}/reopen`, {
      method: "POST",
      key: workspace.key.rawKey,
    });

    expectError(response, 404, "NotFoundIssue");
  });

  it("applies once when reopens race", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: "COMPLETED", completedAt: BASE_TIME });

    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        callApi(`/v1/tasks/${task.id}/reopen`, { method: "POST", key: workspace.key.rawKey }),
      ),
    );

    expect(responses.map((response) => response.status).sort()).toEqual([200, 422, 422, 422, 422]);
  });

  it("makes a skipped task skippable again", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const key = workspace.key.rawKey;

    const skipped = await callApi(`/v1/tasks/${task.id}/skip`, { method: "POST", key });
    const reopened = await callApi(`/v1/tasks/${task.id}/reopen`, { method: "POST", key });
    const skippedAgain = await callApi(`/v1/tasks/${task.id}/skip`, { method: "POST", key });

    expectStatus(skipped, 200);
    expectStatus(reopened, 200);
    expectStatus(skippedAgain, 200);
    expect(skippedAgain.body.reopened_at).toBe(reopened.body.reopened_at);
  });
});
