import { exports } from "cloudflare:workers";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";

import type { components, operations, paths } from "../../generated/openapi-types";
import { BASE_TIME, createApiKey, createMessage, createTask, createWorkspace } from "../helpers/factories";
import { callWithQueue, deliverQueued, RecordingQueue, startReceiver } from "../helpers/webhook-receiver";
import { createWebhookKey, receiverUrl } from "../helpers/webhooks";

// Drives every operation through a client typed from the served document, the way an
// integration would call the API. `npm test` regenerates the types from the document before
// tsc runs, so a change to the document that breaks such a client fails the type check here.

type ApiErrorBody = components["schemas"]["Error"];

function clientFor(key: string) {
  return createClient<paths>({
    baseUrl: "http://localhost",
    fetch: (request) => exports.default.fetch(request),
    headers: { Authorization: `Bearer ${key}` },
  });
}

/** Checks the typed error body that the client parsed against the response it came with. */
function expectErrorBody(error: ApiErrorBody | undefined, response: Response, type: ApiErrorBody["type"]) {
  expect(error?.status_code).toBe(response.status);
  expect(error?.type).toBe(type);
  expect(error?.message).toEqual(expect.any(String));
  expect(error?.request_id).toBe(response.headers.get("X-Request-Id"));
}

describe("generated client", () => {
  it("getMe returns workspace and scopes", async () => {
    const workspace = await createWorkspace("Client Workspace");
    const client = clientFor(workspace.key.rawKey);

    const { data, error, response } = await client.GET("/v1/me");

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.organization).toEqual({ id: workspace.organization.id, name: "Client Workspace" });
    expect(data?.api_key.id).toBe(workspace.key.id);
    expect(data?.api_key.scopes).toEqual(["tasks:read", "tasks:write"]);
    expect(data?.api_key.expires_at).toBeNull();
  });

  it("getMe with unknown key is 401", async () => {
    const client = clientFor("topo_unknown_key_for_the_client_test");

    const { data, error, response } = await client.GET("/v1/me");

    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expectErrorBody(error, response, "UnauthorizedIssue");
  });

  it("listTasks applies filters, sort and paging", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);
    const oldestCall = await createTask(workspace, { type: "CALL", createdAt: BASE_TIME });
    const reply = await createTask(workspace, { type: "EMAIL_REPLY", createdAt: BASE_TIME + 1_000 });
    const newestCall = await createTask(workspace, { type: "CALL", createdAt: BASE_TIME + 2_000 });
    await createTask(workspace, { type: "NEW_LEAD_REVIEW", createdAt: BASE_TIME + 3_000 });
    await createTask(workspace, { type: "CALL", status: "COMPLETED", createdAt: BASE_TIME + 4_000 });
    await createTask(workspace, { type: "CALL", assigneeUserId: workspace.otherRep.id, createdAt: BASE_TIME + 5_000 });

    const query: operations["listTasks"]["parameters"]["query"] = {
      status: "PENDING",
      assignee_user_id: workspace.rep.id,
      sequence_template_ids: [workspace.template.id],
      types: ["CALL", "EMAIL_REPLY"],
      priorities: ["HOT"],
      created_at_after: "2025-03-13T06:59:59Z",
      sort_by: "created_at",
      sort_order: "desc",
      size: 2,
    };
    const first = await client.GET("/v1/tasks", { params: { query: { ...query, page: 1 } } });
    const second = await client.GET("/v1/tasks", { params: { query: { ...query, page: 2 } } });

    expect(first.error).toBeUndefined();
    expect(first.data?.items.map((task) => task.id)).toEqual([newestCall.id, reply.id]);
    expect(first.data?.total_count).toBe(3);
    expect(first.data?.total_pages).toBe(2);
    expect(first.data?.has_more).toBe(true);
    expect(second.data?.items.map((task) => task.id)).toEqual([oldestCall.id]);
    expect(second.data?.has_more).toBe(false);
  });

  it("listTasks with invalid size is 400", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);

    const { error, response } = await client.GET("/v1/tasks", { params: { query: { size: 101 } } });

    expect(response.status).toBe(400);
    expectErrorBody(error, response, "ValidationIssue");
    expect(error?.data?.issues).toEqual([expect.objectContaining({ location: "query", name: "size", maximum: 100 })]);
  });

  it("getTask, then 304 for its ETag", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);
    const task = await createTask(workspace, { type: "LINKEDIN_REPLY", priority: "TODAY" });

    const fetched = await client.GET("/v1/tasks/{id}", { params: { path: { id: task.id } } });
    const etag = fetched.response.headers.get("ETag");
    const unchanged = await client.GET("/v1/tasks/{id}", {
      params: { path: { id: task.id }, header: { "If-None-Match": etag ?? "" } },
    });

    expect(fetched.error).toBeUndefined();
    expect(fetched.data).toMatchObject({ id: task.id, type: "LINKEDIN_REPLY", priority: "TODAY", status: "PENDING" });
    expect(fetched.data?.created_at).toBe("2025-03-13T07:00:00Z");
    expect(etag).toMatch(/^"v\d+"$/);
    expect(unchanged.response.status).toBe(304);
    expect(unchanged.data).toBeUndefined();
    expect(unchanged.response.headers.get("ETag")).toBe(etag);
  });

  it("getTask of another workspace is 404", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const task = await createTask(other);

    const { error, response } = await clientFor(workspace.key.rawKey).GET("/v1/tasks/{id}", {
      params: { path: { id: task.id } },
    });

    expect(response.status).toBe(404);
    expectErrorBody(error, response, "NotFoundIssue");
  });

  it("listTaskMessages returns the thread oldest first", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);
    const task = await createTask(workspace);
    const reply = await createMessage(workspace, { direction: "INBOUND", senderId: null, sentAt: BASE_TIME + 60_000 });
    const first = await createMessage(workspace, { sentAt: BASE_TIME });

    const { data, error } = await client.GET("/v1/tasks/{id}/messages", { params: { path: { id: task.id } } });

    expect(error).toBeUndefined();
    expect(data?.map((message) => message.id)).toEqual([first.id, reply.id]);
    expect(data?.[1]).toMatchObject({
      channel: "EMAIL",
      direction: "INBOUND",
      sender_id: null,
      sent_at: "2025-03-13T07:01:00Z",
    });
  });

  it("skipTask, then 422 when skipped", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);
    const task = await createTask(workspace);

    const skipped = await client.POST("/v1/tasks/{id}/skip", { params: { path: { id: task.id } } });
    const again = await client.POST("/v1/tasks/{id}/skip", { params: { path: { id: task.id } } });

    expect(skipped.error).toBeUndefined();
    expect(skipped.data?.status).toBe("SKIPPED");
    expect(skipped.data?.skipped_at).toEqual(expect.any(String));
    expect(skipped.response.headers.get("ETag")).toMatch(/^"v\d+"$/);
    expect(again.response.status).toBe(422);
    expectErrorBody(again.error, again.response, "BusinessIssue");
    expect(again.error?.data).toMatchObject({ current_status: "SKIPPED" });
  });

  it("reopenTask, then 422 when pending", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);
    const task = await createTask(workspace, { status: "SKIPPED", skippedAt: BASE_TIME });

    const reopened = await client.POST("/v1/tasks/{id}/reopen", { params: { path: { id: task.id } } });
    const again = await client.POST("/v1/tasks/{id}/reopen", { params: { path: { id: task.id } } });

    expect(reopened.error).toBeUndefined();
    expect(reopened.data).toMatchObject({ id: task.id, status: "PENDING", skipped_at: null, reopen_reason: null });
    expect(reopened.data?.reopened_at).toEqual(expect.any(String));
    expect(again.response.status).toBe(422);
    expectErrorBody(again.error, again.response, "BusinessIssue");
    expect(again.error?.data).toMatchObject({ current_status: "PENDING" });
  });

  it("startTask, then 422 when started", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);
    const task = await createTask(workspace);

    const started = await client.POST("/v1/tasks/{id}/start", { params: { path: { id: task.id } } });
    const again = await client.POST("/v1/tasks/{id}/start", { params: { path: { id: task.id } } });

    expect(started.error).toBeUndefined();
    expect(started.data).toMatchObject({ id: task.id, status: "IN_PROGRESS", version: 2 });
    expect(started.response.headers.get("ETag")).toBe('"v2"');
    expect(again.response.status).toBe(422);
    expectErrorBody(again.error, again.response, "BusinessIssue");
    expect(again.error?.data).toMatchObject({ current_status: "IN_PROGRESS", allowed_statuses: ["PENDING"] });
  });

  it("completeTask with a disposition, and without one for a reply", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);
    const call = await createTask(workspace, { type: "CALL" });
    const reply = await createTask(workspace, { type: "EMAIL_REPLY" });

    const completedCall = await client.POST("/v1/tasks/{id}/complete", {
      params: { path: { id: call.id } },
      body: { disposition: "NO_ANSWER" },
    });
    const completedReply = await client.POST("/v1/tasks/{id}/complete", { params: { path: { id: reply.id } } });

    expect(completedCall.error).toBeUndefined();
    expect(completedCall.data).toMatchObject({ status: "COMPLETED", disposition: "NO_ANSWER" });
    expect(completedCall.data?.completed_at).toBe(completedCall.data?.updated_at);
    expect(completedReply.error).toBeUndefined();
    expect(completedReply.data).toMatchObject({ status: "COMPLETED", disposition: null });
  });

  it("completeTask of a CALL without disposition is 422", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { type: "CALL" });

    const { error, response } = await clientFor(workspace.key.rawKey).POST("/v1/tasks/{id}/complete", {
      params: { path: { id: task.id } },
      body: {},
    });

    expect(response.status).toBe(422);
    expectErrorBody(error, response, "BusinessIssue");
    expect(error?.data).toEqual({ task_id: task.id, type: "CALL", field: "disposition" });
  });

  it("applyBulkTaskAction answers per task", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);
    const pending = await createTask(workspace);
    const unknownId = crypto.randomUUID();

    const { data, error, response } = await client.POST("/v1/tasks/bulk-actions", {
      params: { header: { "Idempotency-Key": `client-bulk-${pending.id}` } },
      body: { action: "reassign", task_ids: [pending.id, unknownId], assignee_user_id: workspace.otherRep.id },
    });

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.succeeded_count).toBe(1);
    expect(data?.failed_count).toBe(1);
    const [changed, missing] = data?.results ?? [];
    expect(changed).toMatchObject({ task_id: pending.id, status_code: 200, error: null });
    expect(changed?.task?.assignee_user_id).toBe(workspace.otherRep.id);
    expect(missing).toMatchObject({ task_id: unknownId, status_code: 404, task: null });
    expect(missing?.error?.type).toBe("NotFoundIssue");
    expect(missing?.error?.request_id).toBe(response.headers.get("X-Request-Id"));
  });

  it("applyBulkTaskAction with a repeated id is 400", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const { error, response } = await clientFor(workspace.key.rawKey).POST("/v1/tasks/bulk-actions", {
      body: { action: "skip", task_ids: [task.id, task.id] },
    });

    expect(response.status).toBe(400);
    expectErrorBody(error, response, "ValidationIssue");
    expect(error?.data?.issues).toEqual([expect.objectContaining({ location: "body", name: "task_ids.1" })]);
  });

  it("reassignTask with If-Match and Idempotency-Key", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);
    const task = await createTask(workspace);
    const { response: read } = await client.GET("/v1/tasks/{id}", { params: { path: { id: task.id } } });
    const etag = read.headers.get("ETag") ?? "";

    const request = {
      params: { path: { id: task.id }, header: { "If-Match": etag, "Idempotency-Key": `client-${task.id}` } },
      body: { assignee_user_id: workspace.otherRep.id, scope: "TASK" },
    } as const;
    const first = await client.PATCH("/v1/tasks/{id}/assignee", request);
    const replay = await client.PATCH("/v1/tasks/{id}/assignee", request);

    expect(first.error).toBeUndefined();
    expect(first.data?.assignee_user_id).toBe(workspace.otherRep.id);
    expect(first.response.headers.get("ETag")).not.toBe(etag);
    expect(first.response.headers.get("Idempotent-Replayed")).toBeNull();
    expect(replay.response.status).toBe(200);
    expect(replay.response.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replay.data).toEqual(first.data);
  });

  it("reassignTask with stale If-Match is 412", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);
    const task = await createTask(workspace);
    const { response: read } = await client.GET("/v1/tasks/{id}", { params: { path: { id: task.id } } });
    const staleEtag = read.headers.get("ETag") ?? "";
    await client.POST("/v1/tasks/{id}/skip", { params: { path: { id: task.id } } });

    const { data, error, response } = await client.PATCH("/v1/tasks/{id}/assignee", {
      params: { path: { id: task.id }, header: { "If-Match": staleEtag } },
      body: { assignee_user_id: workspace.otherRep.id },
    });

    expect(data).toBeUndefined();
    expect(response.status).toBe(412);
    expectErrorBody(error, response, "PreconditionFailedIssue");
    expect(error?.data?.current_etag).toEqual(expect.stringMatching(/^"v\d+"$/));
    expect(error?.data?.current_etag).not.toBe(staleEtag);
  });

  it("reassignTask with read-only key is 403", async () => {
    const workspace = await createWorkspace();
    const readOnly = await createApiKey(workspace.organization.id, { scopes: ["tasks:read"] });
    const task = await createTask(workspace);

    const { error, response } = await clientFor(readOnly.rawKey).PATCH("/v1/tasks/{id}/assignee", {
      params: { path: { id: task.id } },
      body: { assignee_user_id: workspace.otherRep.id },
    });

    expect(response.status).toBe(403);
    expectErrorBody(error, response, "UnauthorizedIssue");
    expect(error?.data).toMatchObject({ required_scope: "tasks:write" });
  });

  it("startTask, then completeTask with a disposition", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);
    const task = await createTask(workspace, { type: "CALL" });

    const started = await client.POST("/v1/tasks/{id}/start", { params: { path: { id: task.id } } });
    const completed = await client.POST("/v1/tasks/{id}/complete", {
      params: { path: { id: task.id } },
      body: { disposition: "ANSWERED" },
    });

    expect(started.error).toBeUndefined();
    expect(started.data?.status).toBe("IN_PROGRESS");
    expect(completed.error).toBeUndefined();
    expect(completed.data).toMatchObject({ status: "COMPLETED", disposition: "ANSWERED", version: 3 });
  });

  it("completeTask of a CALL without a disposition is 422", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { type: "CALL" });

    const { error, response } = await clientFor(workspace.key.rawKey).POST("/v1/tasks/{id}/complete", {
      params: { path: { id: task.id } },
    });

    expect(response.status).toBe(422);
    expectErrorBody(error, response, "BusinessIssue");
  });

  it("listTaskEvents follows the log from a resume point", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(workspace.key.rawKey);
    const task = await createTask(workspace);
    await client.POST("/v1/tasks/{id}/skip", { params: { path: { id: task.id } } });
    await client.POST("/v1/tasks/{id}/reopen", { params: { path: { id: task.id } } });

    const query: operations["listTaskEvents"]["parameters"]["query"] = {
      after_sequence_number: 1,
      types: ["task.skipped", "task.reopened"],
      task_id: task.id,
      page: 1,
      size: 1,
    };
    const first = await client.GET("/v1/task-events", { params: { query } });
    const last = first.data?.items.at(-1)?.sequence_number ?? 0;
    const next = await client.GET("/v1/task-events", { params: { query: { ...query, after_sequence_number: last } } });

    expect(first.error).toBeUndefined();
    expect(first.data).toMatchObject({ total_count: 2, total_pages: 2, has_more: true });
    const skipped: components["schemas"]["TaskEvent"] | undefined = first.data?.items[0];
    expect(skipped).toMatchObject({
      sequence_number: 2,
      type: "task.skipped",
      task_id: task.id,
      task_version: 2,
      changes: { status: { previous: "PENDING", current: "SKIPPED" } },
      actor: { type: "API_KEY", api_key_id: workspace.key.id },
    });
    expect(skipped?.task.status).toBe("SKIPPED");
    expect(next.data?.items.map((event) => [event.sequence_number, event.type])).toEqual([[3, "task.reopened"]]);
    expect(next.data?.has_more).toBe(false);
  });

  it("listTaskEvents with an unknown type is 400", async () => {
    const workspace = await createWorkspace();

    const { error, response } = await clientFor(workspace.key.rawKey).GET("/v1/task-events", {
      // A client that was generated before a type was added might send it; the API refuses.
      params: { query: { types: ["task.deleted" as "task.created"] } },
    });

    expect(response.status).toBe(400);
    expectErrorBody(error, response, "ValidationIssue");
    expect(error?.data?.issues).toEqual([expect.objectContaining({ location: "query", name: "types" })]);
  });
});

describe("generated client, webhooks", () => {
  let receiver: ReturnType<typeof startReceiver> | undefined;

  afterEach(() => {
    receiver?.restore();
    receiver = undefined;
  });

  it("webhook from create to delete", async () => {
    const workspace = await createWorkspace();
    const client = clientFor(await createWebhookKey(workspace));

    const body: components["schemas"]["CreateWebhookRequest"] = {
      name: "client receiver",
      url: receiverUrl("/client"),
      description: "Driven by the generated client",
      event_types: ["task.completed", "task.skipped"],
      sequence_template_ids: [workspace.template.id],
    };
    const created = await client.POST("/v1/webhooks", { body });

    expect(created.error).toBeUndefined();
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ ...body, status: "ACTIVE", disabled_reason: null });
    expect(created.data?.secret).toMatch(/^whsec_/);
    expect(created.data?.secret.startsWith(created.data.secret_prefix)).toBe(true);
    const id = created.data?.id ?? "";

    const fetched = await client.GET("/v1/webhooks/{id}", { params: { path: { id } } });
    const listed = await client.GET("/v1/webhooks", { params: { query: { page: 1, size: 10 } } });

    expect(fetched.error).toBeUndefined();
    expect(fetched.data).toEqual(omitSecret(created.data));
    expect(listed.error).toBeUndefined();
    expect(listed.data).toEqual({ items: [fetched.data], total_count: 1, total_pages: 1, has_more: false });

    const paused = await client.PATCH("/v1/webhooks/{id}", {
      params: { path: { id } },
      body: { status: "PAUSED", name: "client receiver, paused" },
    });

    expect(paused.error).toBeUndefined();
    expect(paused.data).toMatchObject({ id, status: "PAUSED", name: "client receiver, paused", url: body.url });

    const rotated = await client.POST("/v1/webhooks/{id}/rotate-secret", { params: { path: { id } } });

    expect(rotated.error).toBeUndefined();
    expect(rotated.data?.id).toBe(id);
    expect(rotated.data?.secret).toMatch(/^whsec_/);
    expect(rotated.data?.secret).not.toBe(created.data?.secret);
    expect(rotated.data?.secret.startsWith(rotated.data.secret_prefix)).toBe(true);

    const deliveries = await client.GET("/v1/webhooks/{id}/deliveries", {
      params: { path: { id }, query: { status: "FAILED", size: 5 } },
    });

    expect(deliveries.error).toBeUndefined();
    expect(deliveries.data).toEqual({ items: [], total_count: 0, total_pages: 0, has_more: false });

    const deleted = await client.DELETE("/v1/webhooks/{id}", { params: { path: { id } } });
    const afterDelete = await client.GET("/v1/webhooks/{id}", { params: { path: { id } } });

    expect(deleted.error).toBeUndefined();
    expect(deleted.response.status).toBe(204);
    expect(afterDelete.response.status).toBe(404);
    expectErrorBody(afterDelete.error, afterDelete.response, "NotFoundIssue");
  });

  it("testWebhook and redeliverWebhookDelivery", async () => {
    const workspace = await createWorkspace();
    const key = await createWebhookKey(workspace);
    const client = clientFor(key);
    const created = await client.POST("/v1/webhooks", {
      body: { name: "client receiver", url: receiverUrl("/client"), event_types: ["task.skipped"] },
    });
    const id = created.data?.id ?? "";
    receiver = startReceiver();

    const tested = await client.POST("/v1/webhooks/{id}/test", { params: { path: { id } } });

    expect(tested.error).toBeUndefined();
    expect(tested.data).toMatchObject({ succeeded: true, status_code: 200, error: null });
    expect(receiver.received.map((request) => request.url)).toEqual([receiverUrl("/client")]);

    // The skip goes through the recording queue, and the delivery through the worker's queue
    // handler, so the delivery log contains a finished delivery to send again.
    const queue = new RecordingQueue();
    const task = await createTask(workspace);
    await callWithQueue(queue, key, `/v1/tasks/${task.id}/skip`, { method: "POST" });
    await deliverQueued(queue);
    const log = await client.GET("/v1/webhooks/{id}/deliveries", {
      params: { path: { id }, query: { status: "SUCCEEDED" } },
    });
    const delivery = log.data?.items[0];

    expect(log.error).toBeUndefined();
    expect(log.data?.total_count).toBe(1);
    expect(delivery).toMatchObject({ webhook_id: id, event_type: "task.skipped", attempt_count: 1 });
    expect(delivery?.attempts).toEqual([expect.objectContaining({ attempt_number: 1, status_code: 200 })]);

    const redelivered = await client.POST("/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver", {
      params: { path: { id, delivery_id: delivery?.id ?? "" } },
    });

    expect(redelivered.error).toBeUndefined();
    expect(redelivered.response.status).toBe(202);
    expect(redelivered.data).toMatchObject({ id: delivery?.id, event_id: delivery?.event_id, status: "PENDING" });
  });

  it("getWebhook of another workspace is 404", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const theirs = await clientFor(await createWebhookKey(other)).POST("/v1/webhooks", {
      body: { name: "theirs", url: receiverUrl(), event_types: ["task.created"] },
    });
    const id = theirs.data?.id ?? "";

    const { data, error, response } = await clientFor(await createWebhookKey(workspace)).GET("/v1/webhooks/{id}", {
      params: { path: { id } },
    });

    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expectErrorBody(error, response, "NotFoundIssue");
    expect(error?.data).toEqual({ webhook_id: id });
  });

  it("createWebhook with a private URL is 400", async () => {
    const workspace = await createWorkspace();

    const { data, error, response } = await clientFor(await createWebhookKey(workspace)).POST("/v1/webhooks", {
      body: { name: "private", url: "https://10.0.0.8/hook", event_types: ["task.created"] },
    });

    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expectErrorBody(error, response, "ValidationIssue");
    expect(error?.data?.issues).toEqual([expect.objectContaining({ location: "body", name: "url" })]);
  });
});

/** The webhook as get and list return it: the created one without its secret. */
function omitSecret(webhook: components["schemas"]["WebhookWithSecret"] | undefined) {
  if (webhook === undefined) {
    return undefined;
  }
  const { secret: _secret, ...rest } = webhook;
  return rest;
}
