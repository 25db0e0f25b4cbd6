import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { createApp } from "../../src/app";
import { MAX_BULK_TASK_IDS } from "../../src/tasks/bulk/schemas";
import { createCountingD1 } from "../helpers/counting-d1";
import { callApi } from "../helpers/api";
import {
  BASE_TIME,
  createApiKey,
  createMessage,
  createTask,
  createWorkspace,
  type Workspace,
} from "../helpers/factories";

// Latency on Workers is mostly round trips to D1, so each request has a budget of them:
// one for a read and at most two for a change, on a warm isolate where the API key is
// already cached. The requests run through the real app with a binding that counts calls.

const app = createApp();

// Each case names the operation it measures, so a new operation without a case fails below.
const READ_CASES = [
  ["GET /v1/me", 0, () => "/v1/me", "getMe"],
  ["GET /v1/tasks", 1, () => "/v1/tasks", "listTasks"],
  ["a filtered GET /v1/tasks", 1, () => "/v1/tasks?status=PENDING&types=CALL&sort_by=updated_at", "listTasks"],
  ["GET /v1/tasks/{id}", 1, (taskId: string) => `/v1/tasks/${taskId}`, "getTask"],
  ["GET /v1/tasks/{id}/messages", 1, (taskId: string) => `/v1/tasks/${taskId}/messages`, "listTaskMessages"],
  ["GET /v1/task-events", 1, () => "/v1/task-events", "listTaskEvents"],
  [
    "a filtered GET /v1/task-events",
    1,
    (taskId: string) => `/v1/task-events?task_id=${taskId}&types=task.created&after_sequence_number=0`,
    "listTaskEvents",
  ],
] as const;

// Webhook operations, each on a webhook made for the case. A delivery id that does not
// exist still costs the lookup that finds so.
const WEBHOOK_CASES = [
  ["GET /v1/webhooks", 1, () => ({ path: "/v1/webhooks" }), "listWebhooks"],
  ["GET /v1/webhooks/{id}", 1, (id: string) => ({ path: `/v1/webhooks/${id}` }), "getWebhook"],
  [
    "POST /v1/webhooks",
    1,
    () => ({
      path: "/v1/webhooks",
      method: "POST",
      body: { name: "n", url: WEBHOOK_URL, event_types: ["task.created"] },
    }),
    "createWebhook",
  ],
  [
    "PATCH /v1/webhooks/{id}",
    1,
    (id: string) => ({ path: `/v1/webhooks/${id}`, method: "PATCH", body: { status: "PAUSED" } }),
    "updateWebhook",
  ],
  ["DELETE /v1/webhooks/{id}", 1, (id: string) => ({ path: `/v1/webhooks/${id}`, method: "DELETE" }), "deleteWebhook"],
  [
    "POST /v1/webhooks/{id}/rotate-secret",
    1,
    (id: string) => ({ path: `/v1/webhooks/${id}/rotate-secret`, method: "POST" }),
    "rotateWebhookSecret",
  ],
  [
    "POST /v1/webhooks/{id}/test",
    1,
    (id: string) => ({ path: `/v1/webhooks/${id}/test`, method: "POST" }),
    "testWebhook",
  ],
  [
    "GET /v1/webhooks/{id}/deliveries",
    1,
    (id: string) => ({ path: `/v1/webhooks/${id}/deliveries` }),
    "listWebhookDeliveries",
  ],
  [
    "POST /v1/webhooks/{id}/deliveries/{delivery_id}/redeliver",
    1,
    (id: string) => ({ path: `/v1/webhooks/${id}/deliveries/${id}/redeliver`, method: "POST" }),
    "redeliverWebhookDelivery",
  ],
] as const;

const WEBHOOK_URL = "http://127.0.0.1:9/hooks";

const CHANGE_CASES = [
  ["skip", "skip", "POST", undefined, "skipTask"],
  ["reopen", "reopen", "POST", { status: "COMPLETED" as const }, "reopenTask"],
  ["a TASK reassignment", "assignee", "PATCH", undefined, "reassignTask"],
  ["a SEQUENCE reassignment", "assignee", "PATCH", undefined, "reassignTask"],
  ["start", "start", "POST", undefined, "startTask"],
  ["complete", "complete", "POST", undefined, "completeTask"],
] as const;

it("measures every operation of the document", () => {
  const document = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "", version: "" } });
  const operationIds = Object.values(document.paths ?? {}).flatMap((path) =>
    Object.values(path ?? {}).map((operation) => (operation as { operationId?: string }).operationId),
  );
  // The bulk action has cases of its own, one per action, below.
  const measured = new Set<string>([
    ...READ_CASES.map((row) => row[3]),
    ...CHANGE_CASES.map((row) => row[4]),
    ...WEBHOOK_CASES.map((row) => row[3]),
    "applyBulkTaskAction",
  ]);

  expect([...measured].sort()).toEqual(operationIds.sort());
});

async function roundTripsOf(workspace: Workspace, path: string, init: RequestInit = {}) {
  const counting = createCountingD1();
  const context = createExecutionContext();
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${workspace.key.rawKey}`);

  const response = await app.request(path, { ...init, headers }, { ...env, DB: counting.binding }, context);
  await waitOnExecutionContext(context);

  return { status: response.status, calls: counting.calls };
}

async function warmWorkspace() {
  const workspace = await createWorkspace();
  const task = await createTask(workspace);
  await createMessage(workspace);
  // The first request looks the key up and records its use; later ones find it cached. The
  // first change lets the webhook outbox find that the workspace has no webhook, so later
  // changes skip it.
  await roundTripsOf(workspace, "/v1/me");
  const warmUp = await createTask(workspace);
  await roundTripsOf(workspace, `/v1/tasks/${warmUp.id}/skip`, { method: "POST" });
  return { workspace, task };
}

describe("D1 round trips on a warm isolate", () => {
  it.each(READ_CASES)("%s makes %i", async (_, expected, pathOf) => {
    const { workspace, task } = await warmWorkspace();

    const { status, calls } = await roundTripsOf(workspace, pathOf(task.id));

    expect(status).toBe(200);
    expect(calls, calls.join("\n")).toHaveLength(expected);
  });

  it.each(CHANGE_CASES)("%s makes one", async (name, action, method, overrides) => {
    const { workspace } = await warmWorkspace();
    const task = await createTask(workspace, { ...overrides, createdAt: BASE_TIME + 1 });
    const body =
      action === "complete"
        ? JSON.stringify({ disposition: "ANSWERED" })
        : action === "assignee"
          ? JSON.stringify({
              assignee_user_id: workspace.otherRep.id,
              scope: name.includes("SEQUENCE") ? "SEQUENCE" : "TASK",
            })
          : undefined;

    const { status, calls } = await roundTripsOf(workspace, `/v1/tasks/${task.id}/${action}`, {
      method,
      body,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
    });

    expect(status).toBe(200);
    expect(calls, calls.join("\n")).toHaveLength(1);
  });

  describe.each([
    ["skip", {}, {}],
    ["start", {}, {}],
    ["complete", { disposition: "ANSWERED" }, {}],
    ["reopen", {}, { status: "SKIPPED" as const, skippedAt: BASE_TIME }],
    ["reassign", { assignee_user_id: "" }, {}],
  ])("a bulk %s", (action, extra, overrides) => {
    async function bulkRoundTrips(count: number) {
      const { workspace } = await warmWorkspace();
      const created = await Promise.all(
        Array.from({ length: count }, (_, index) =>
          createTask(workspace, { ...overrides, createdAt: BASE_TIME + index }),
        ),
      );
      const body = { action, task_ids: created.map((task) => task.id), ...extra };
      if ("assignee_user_id" in body) {
        body.assignee_user_id = workspace.otherRep.id;
      }

      const result = await roundTripsOf(workspace, "/v1/tasks/bulk-actions", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json" },
      });
      return { ...result, statements: result.calls.flatMap((call) => call.split(" ; ")) };
    }

    it(`makes one call for 1 or ${MAX_BULK_TASK_IDS} ids`, async () => {
      const single = await bulkRoundTrips(1);
      const full = await bulkRoundTrips(MAX_BULK_TASK_IDS);

      expect(single.status).toBe(200);
      expect(full.status).toBe(200);
      expect(single.calls, single.calls.join("\n")).toHaveLength(1);
      expect(full.calls, full.calls.join("\n")).toHaveLength(1);
      expect(single.statements).toHaveLength(2);
      expect(full.statements).toEqual(single.statements);
    });

    it("binds at most 20 parameters per statement", async () => {
      const { statements } = await bulkRoundTrips(MAX_BULK_TASK_IDS);

      for (const statement of statements) {
        const parameters = statement.match(/\?/g)?.length ?? 0;
        expect(parameters, statement).toBeLessThanOrEqual(20);
      }
    });
  });

  it("a keyed change makes three", async () => {
    const { workspace, task } = await warmWorkspace();

    const { status, calls } = await roundTripsOf(workspace, `/v1/tasks/${task.id}/skip`, {
      method: "POST",
      headers: { "Idempotency-Key": "round-trips" },
    });

    expect(status).toBe(200);
    expect(calls, calls.join("\n")).toHaveLength(3);
  });

  it.each(WEBHOOK_CASES)("%s makes %i", async (name, expected, requestOf) => {
    const { workspace } = await warmWorkspace();
    const webhookKey = await createApiKey(workspace.organization.id, { scopes: ["webhooks:read", "webhooks:write"] });
    const created = await callApi("/v1/webhooks", {
      method: "POST",
      key: webhookKey.rawKey,
      body: { name: "crm", url: WEBHOOK_URL, event_types: ["task.skipped"] },
    });
    await roundTripsOf({ ...workspace, key: webhookKey }, "/v1/me");
    const request: { path: string; method?: string; body?: object } = requestOf(created.body.id);

    const { calls } = await roundTripsOf({ ...workspace, key: webhookKey }, request.path, {
      method: request.method ?? "GET",
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      headers: request.body === undefined ? {} : { "Content-Type": "application/json" },
    });

    expect(calls, calls.join("\n")).toHaveLength(expected);
  });

  it("a change in a workspace with a webhook runs the outbox after it", async () => {
    const { workspace, task } = await warmWorkspace();
    const webhookKey = await createApiKey(workspace.organization.id, { scopes: ["webhooks:write"] });
    const created = await callApi("/v1/webhooks", {
      method: "POST",
      key: webhookKey.rawKey,
      body: { name: "crm", url: "http://127.0.0.1:9/hooks", event_types: ["task.skipped"] },
    });
    expect(created.status, created.text).toBe(201);

    const { status, calls } = await roundTripsOf(workspace, `/v1/tasks/${task.id}/skip`, { method: "POST" });

    // The change, then the outbox: one read of webhooks, events and counter, one write of
    // the delivery and the cursor.
    expect(status).toBe(200);
    expect(calls, calls.join("\n")).toHaveLength(3);
  });

  it("a cold key costs one more", async () => {
    const workspace = await createWorkspace();

    const first = await roundTripsOf(workspace, "/v1/tasks");
    const second = await roundTripsOf(workspace, "/v1/tasks");

    // The first request also records the key's use, after its response.
    expect(first.calls.filter((sql) => sql.includes("api_keys"))).toHaveLength(2);
    expect(second.calls).toHaveLength(1);
  });
});
