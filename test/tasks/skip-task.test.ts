import { describe, expect, it } from "vitest";

import { callApi } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { BASE_TIME, createTask, createWorkspace, readTask } from "../helpers/factories";

describe("POST /v1/tasks/{id}/skip", () => {
  it.each(["PENDING", "IN_PROGRESS"] as const)("skips a %s task", async (status) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status });
    const before = Date.now();

    const response = await callApi(`/v1/tasks/${task.id}/skip`, { method: "POST", key: workspace.key.rawKey });

    expectStatus(response, 200);
    expect(response.body.status).toBe("SKIPPED");
    expect(response.body.skipped_at).toBe(response.body.updated_at);
    expect(Date.parse(response.body.skipped_at)).toBeGreaterThanOrEqual(before - 1);
    const stored = await readTask(task.id);
    expect(stored.status).toBe("SKIPPED");
    expect(stored.skippedAt).toBe(Date.parse(response.body.skipped_at));
    expect(stored.updatedAt).toBe(stored.skippedAt);
  });

  it.each(["COMPLETED", "SKIPPED"] as const)("rejects skipping a %s task", async (status) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status, updatedAt: BASE_TIME });

    const response = await callApi(`/v1/tasks/${task.id}/skip`, { method: "POST", key: workspace.key.rawKey });

    expectError(response, 422, "BusinessIssue");
    expect(response.body.data).toEqual({
      task_id: task.id,
      current_status: status,
      allowed_statuses: ["PENDING", "IN_PROGRESS"],
    });
    const stored = await readTask(task.id);
    expect(stored.status).toBe(status);
    expect(stored.updatedAt).toBe(BASE_TIME);
  });

  it("returns 404 for another workspace's task and leaves it alone", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const foreign = await createTask(other);

    const response = await callApi(`/v1/tasks/${foreign.id}/skip`, { method: "POST", key: workspace.key.rawKey });

    expectError(response, 404, "NotFoundIssue");
    expect((await readTask(foreign.id)).status).toBe("PENDING");
  });

  it("returns 404 for an unknown task", async () => {
    const workspace = await createWorkspace();

    const response = await callApi(`/v1/tasks/${crypto.randomUUID()}/skip`, {
      method: "POST",
      key: workspace.key.rawKey,
    });

    expectError(response, 404, "NotFoundIssue");
  });

  it("applies once when skips race", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        callApi(`/v1/tasks/${task.id}/skip`, { method: "POST", key: workspace.key.rawKey }),
      ),
    );

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 422, 422, 422, 422]);
  });

  it("rejects an unknown query parameter and skips nothing", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(`/v1/tasks/${task.id}/skip?dry_run=true`, {
      method: "POST",
      key: workspace.key.rawKey,
    });

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues[0]).toMatchObject({ location: "query", name: "dry_run" });
    expect((await readTask(task.id)).status).toBe("PENDING");
  });

  it("ignores a request body", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(`/v1/tasks/${task.id}/skip`, {
      method: "POST",
      key: workspace.key.rawKey,
      body: { reason: "not needed" },
    });

    expectStatus(response, 200);
  });
});
