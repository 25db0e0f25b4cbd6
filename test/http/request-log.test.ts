import { afterEach, describe, expect, it, vi } from "vitest";

import { callApi } from "../helpers/api";
import { createTask, createWorkspace } from "../helpers/factories";

/** Collects the request log lines written while `send` runs. */
async function requestLinesOf(send: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  await send();
  const lines = log.mock.calls
    .map((call) => JSON.parse(String(call[0])) as Record<string, unknown>)
    .filter((line) => line.message === "request");
  log.mockRestore();
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("request log", () => {
  it("writes one line per request", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    let requestId: string | null = null;

    const lines = await requestLinesOf(async () => {
      const response = await callApi(`/v1/tasks/${task.id}`, { key: workspace.key.rawKey });
      requestId = response.headers.get("X-Request-Id");
    });

    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      level: "info",
      message: "request",
      request_id: requestId,
      method: "GET",
      route: "/v1/tasks/{id}",
      status: 200,
      duration_ms: expect.any(Number),
      api_key_id: workspace.key.id,
      workspace_id: workspace.organization.id,
    });
  });

  it("keeps keys and queries out", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});

    await callApi(`/v1/tasks?assignee_user_id=${workspace.rep.id}`, { key: workspace.key.rawKey });
    await callApi(`/v1/tasks/${task.id}/skip`, { method: "POST", key: workspace.key.rawKey });

    const written = log.mock.calls.map((call) => String(call[0])).join("\n");
    expect(written).not.toContain(workspace.key.rawKey);
    expect(written).not.toContain(workspace.key.keyHash);
    expect(written).not.toContain(workspace.rep.id);
    expect(written).not.toContain(task.id);
  });

  it("logs refused requests", async () => {
    const lines = await requestLinesOf(() => callApi("/v1/tasks", { key: "topo_unknown" }));

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ route: "/v1/tasks", status: 401, api_key_id: null, workspace_id: null });
  });

  it("logs unmatched routes as null", async () => {
    const workspace = await createWorkspace();

    const lines = await requestLinesOf(() => callApi("/v1/nowhere", { key: workspace.key.rawKey }));

    expect(lines[0]).toMatchObject({ route: null, status: 404 });
  });
});
