import { beforeAll, describe, expect, it } from "vitest";

import { createApp } from "../../src/app";
import { SCOPES, type Scope } from "../../src/auth/scopes";
import { callApi, describeResponse, type ApiRequest } from "../helpers/api";
import { expectError } from "../helpers/assertions";
import { BASE_TIME, createApiKey, createTask, createWorkspace, type Workspace } from "../helpers/factories";

// One suite of authentication and workspace checks, run against every operation.

interface RouteCase {
  operationId: string;
  scope: Scope | null;
  /** Builds the request for a task of the given workspace. */
  request: (workspace: Workspace, taskId: string) => { path: string } & ApiRequest;
}

const UNKNOWN_ID = "019f0000-0000-7000-8000-000000000000";

const ROUTES: RouteCase[] = [
  { operationId: "getMe", scope: null, request: () => ({ path: "/v1/me" }) },
  { operationId: "listTasks", scope: "tasks:read", request: () => ({ path: "/v1/tasks" }) },
  { operationId: "getTask", scope: "tasks:read", request: (_, id) => ({ path: `/v1/tasks/${id}` }) },
  {
    operationId: "listTaskMessages",
    scope: "tasks:read",
    request: (_, id) => ({ path: `/v1/tasks/${id}/messages` }),
  },
  {
    operationId: "listTaskEvents",
    scope: "tasks:read",
    request: (_, id) => ({ path: `/v1/task-events?task_id=${id}` }),
  },
  {
    operationId: "skipTask",
    scope: "tasks:write",
    request: (_, id) => ({ path: `/v1/tasks/${id}/skip`, method: "POST" }),
  },
  {
    operationId: "reopenTask",
    scope: "tasks:write",
    request: (_, id) => ({ path: `/v1/tasks/${id}/reopen`, method: "POST" }),
  },
  {
    operationId: "startTask",
    scope: "tasks:write",
    request: (_, id) => ({ path: `/v1/tasks/${id}/start`, method: "POST" }),
  },
  {
    operationId: "completeTask",
    scope: "tasks:write",
    request: (_, id) => ({ path: `/v1/tasks/${id}/complete`, method: "POST", body: { disposition: "ANSWERED" } }),
  },
  {
    operationId: "reassignTask",
    scope: "tasks:write",
    request: (workspace, id) => ({
      path: `/v1/tasks/${id}/assignee`,
      method: "PATCH",
      body: { assignee_user_id: workspace.otherRep.id, scope: "SEQUENCE" },
    }),
  },
  {
    operationId: "applyBulkTaskAction",
    scope: "tasks:write",
    request: (workspace, id) => ({
      path: "/v1/tasks/bulk-actions",
      method: "POST",
      body: { action: "reassign", task_ids: [id], assignee_user_id: workspace.otherRep.id },
    }),
  },
  // The webhook operations check the key and its scope before they look anything up, so an
  // id that was never created serves these checks.
  { operationId: "listWebhooks", scope: "webhooks:read", request: () => ({ path: "/v1/webhooks" }) },
  {
    operationId: "createWebhook",
    scope: "webhooks:write",
    request: () => ({
      path: "/v1/webhooks",
      method: "POST",
      body: { name: "suite", url: "https://hooks.example.com/", event_types: ["task.created"] },
    }),
  },
  { operationId: "getWebhook", scope: "webhooks:read", request: () => ({ path: `/v1/webhooks/${UNKNOWN_ID}` }) },
  {
    operationId: "updateWebhook",
    scope: "webhooks:write",
    request: () => ({ path: `/v1/webhooks/${UNKNOWN_ID}`, method: "PATCH", body: { status: "PAUSED" } }),
  },
  {
    operationId: "deleteWebhook",
    scope: "webhooks:write",
    request: () => ({ path: `/v1/webhooks/${UNKNOWN_ID}`, method: "DELETE" }),
  },
  {
    operationId: "rotateWebhookSecret",
    scope: "webhooks:write",
    request: () => ({ path: `/v1/webhooks/${UNKNOWN_ID}/rotate-secret`, method: "POST" }),
  },
  {
    operationId: "testWebhook",
    scope: "webhooks:write",
    request: () => ({ path: `/v1/webhooks/${UNKNOWN_ID}/test`, method: "POST" }),
  },
  {
    operationId: "listWebhookDeliveries",
    scope: "webhooks:read",
    request: () => ({ path: `/v1/webhooks/${UNKNOWN_ID}/deliveries` }),
  },
  {
    operationId: "redeliverWebhookDelivery",
    scope: "webhooks:write",
    request: () => ({ path: `/v1/webhooks/${UNKNOWN_ID}/deliveries/${UNKNOWN_ID}/redeliver`, method: "POST" }),
  },
];

// The operations on one task by id. The lists return an empty page rather than a 404 for
// another workspace's ids. The bulk action returns 200 with a result per task and has a test
// of its own below, and the webhook operations never take a task id.
const TASK_ROUTES = ROUTES.filter(
  (route) => route.operationId.endsWith("Task") || route.operationId === "listTaskMessages",
);

it("covers every operation of the document", () => {
  const document = createApp().getOpenAPI31Document({ openapi: "3.1.0", info: { title: "", version: "" } });
  const operationIds = Object.values(document.paths ?? {}).flatMap((path) =>
    Object.values(path ?? {}).map((operation) => (operation as { operationId?: string }).operationId),
  );

  expect(ROUTES.map((route) => route.operationId).sort()).toEqual(operationIds.sort());
});

describe.each(ROUTES)("$operationId", (route) => {
  let workspace: Workspace;
  let taskId: string;

  beforeAll(async () => {
    workspace = await createWorkspace();
    taskId = (await createTask(workspace, { status: "PENDING" })).id;
  });

  const send = (key: string | null, headers: Record<string, string> = {}) => {
    const { path, ...request } = route.request(workspace, taskId);
    return callApi(path, { ...request, key, headers: { ...request.headers, ...headers } });
  };

  it("rejects a request without a key", async () => {
    const response = await send(null);

    expectError(response, 401, "UnauthorizedIssue");
    expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="topo"');
  });

  it.each([
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["a scheme without a key", "Bearer"],
    ["a key without a scheme", "topo_xxxxxxxxxxxx"],
    ["two keys", "Bearer topo_a topo_b"],
  ])("rejects a malformed header: %s", async (_name, header) => {
    const response = await send(null, { Authorization: header });

    expectError(response, 401, "UnauthorizedIssue");
    expect(response.headers.get("WWW-Authenticate")).toContain('error="invalid_request"');
  });

  it("rejects an unknown key", async () => {
    const response = await send("topo_unknown_0000000000");

    expectError(response, 401, "UnauthorizedIssue");
    expect(response.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');
  });

  it("rejects a revoked key", async () => {
    const key = await createApiKey(workspace.organization.id, { revokedAt: BASE_TIME });

    const response = await send(key.rawKey);

    expectError(response, 401, "UnauthorizedIssue");
    expect(response.body.message).toContain("revoked");
    expect(response.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');
  });

  it("rejects an expired key", async () => {
    const key = await createApiKey(workspace.organization.id, { expiresAt: Date.now() - 1_000 });

    const response = await send(key.rawKey);

    expectError(response, 401, "UnauthorizedIssue");
    expect(response.body.message).toContain("expired");
    expect(response.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');
  });

  it("passes a lowercase scheme and a key that expires later", async () => {
    const key = await createApiKey(workspace.organization.id, {
      expiresAt: Date.now() + 3_600_000,
      scopes: [...SCOPES],
    });

    const response = await send(null, { Authorization: `bearer ${key.rawKey}` });

    expect([401, 403], describeResponse(response)).not.toContain(response.status);
  });

  if (route.scope !== null) {
    const scope = route.scope;

    it("rejects a key without the required scope", async () => {
      const otherScopes = ["tasks:read", "tasks:write", "contacts:read"].filter((granted) => granted !== scope);
      const key = await createApiKey(workspace.organization.id, { scopes: otherScopes });

      const response = await send(key.rawKey);

      expectError(response, 403, "UnauthorizedIssue");
      expect(response.body.message).toContain(scope);
      expect(response.body.data).toEqual({ required_scope: scope, granted_scopes: otherScopes });
      expect(response.headers.get("WWW-Authenticate")).toContain('error="insufficient_scope"');
    });

    it("rejects a key with no scopes", async () => {
      const key = await createApiKey(workspace.organization.id, { scopes: [] });

      const response = await send(key.rawKey);

      expectError(response, 403, "UnauthorizedIssue");
    });

    it("checks the key before validating input", async () => {
      const path = route.request(workspace, "not-a-uuid").path;

      const response = await callApi(`${path}${path.includes("?") ? "&" : "?"}bogus=1`, {
        method: route.request(workspace, taskId).method,
      });

      expectError(response, 401, "UnauthorizedIssue");
    });
  }
});

describe.each(TASK_ROUTES)("$operationId across workspaces", (route) => {
  it("returns 404 to another workspace and changes nothing", async () => {
    const owner = await createWorkspace();
    const intruder = await createWorkspace();
    const task = await createTask(owner, { status: "COMPLETED", completedAt: BASE_TIME });
    const { path, ...request } = route.request(intruder, task.id);

    const response = await callApi(path, { ...request, key: intruder.key.rawKey });

    expectError(response, 404, "NotFoundIssue");
    const after = await callApi(`/v1/tasks/${task.id}`, { key: owner.key.rawKey });
    expect(after.body.status).toBe("COMPLETED");
    expect(after.body.assignee_user_id).toBe(owner.rep.id);
    expect(after.body.updated_at).toBe("2025-03-13T07:00:00Z");
  });
});

it("bulk action returns 404 results for another workspace", async () => {
  const owner = await createWorkspace();
  const intruder = await createWorkspace();
  const pending = await createTask(owner);
  const finished = await createTask(owner, { status: "COMPLETED", completedAt: BASE_TIME });

  for (const body of [
    { action: "skip", task_ids: [pending.id] },
    { action: "reopen", task_ids: [finished.id] },
    { action: "start", task_ids: [pending.id] },
    { action: "complete", task_ids: [pending.id], disposition: "ANSWERED" },
    { action: "reassign", task_ids: [pending.id, finished.id], assignee_user_id: intruder.otherRep.id },
  ]) {
    const response = await callApi("/v1/tasks/bulk-actions", { method: "POST", key: intruder.key.rawKey, body });

    expect(response.status, describeResponse(response)).toBe(200);
    expect(response.body.succeeded_count, describeResponse(response)).toBe(0);
    for (const result of response.body.results) {
      expect(result).toMatchObject({ status_code: 404, task: null, error: { type: "NotFoundIssue" } });
    }
  }
  const after = await callApi(`/v1/tasks/${pending.id}`, { key: owner.key.rawKey });
  expect(after.body).toMatchObject({ status: "PENDING", assignee_user_id: owner.rep.id, version: 1 });
  expect((await callApi(`/v1/tasks/${finished.id}`, { key: owner.key.rawKey })).body.version).toBe(1);
});

it("lists none of another workspace's tasks", async () => {
  const owner = await createWorkspace();
  const intruder = await createWorkspace();
  await createTask(owner);

  for (const query of ["", `?assignee_user_id=${owner.rep.id}`, `?sequence_id=${owner.sequence.id}`]) {
    const response = await callApi(`/v1/tasks${query}`, { key: intruder.key.rawKey });

    expect(response.body.total_count, describeResponse(response)).toBe(0);
  }
});

it("lists none of another workspace's task events", async () => {
  const owner = await createWorkspace();
  const intruder = await createWorkspace();
  const task = await createTask(owner);
  await callApi(`/v1/tasks/${task.id}/skip`, { method: "POST", key: owner.key.rawKey });

  for (const query of ["", `?task_id=${task.id}`, "?types=task.created&types=task.skipped"]) {
    const response = await callApi(`/v1/task-events${query}`, { key: intruder.key.rawKey });

    expect(response.status, describeResponse(response)).toBe(200);
    expect(response.body.total_count, describeResponse(response)).toBe(0);
  }
});
