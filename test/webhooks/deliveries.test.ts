import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createDatabase } from "../../src/db/client";
import { webhookDeliveries, webhookSubscriptions } from "../../src/db/schema";
import worker from "../../src/index";
import { dispatchWorkspaceEvents } from "../../src/webhooks/outbox";
import { callApi, describeResponse } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { createTask, createTemplate, createSequence, createWorkspace, db, type Workspace } from "../helpers/factories";
import { callWithQueue, deliverQueued, RecordingQueue, startReceiver } from "../helpers/webhook-receiver";
import { createWebhook, createWebhookKey } from "../helpers/webhooks";

let receiver: ReturnType<typeof startReceiver> | undefined;

afterEach(() => {
  receiver?.restore();
  receiver = undefined;
});

/** Verifies a delivery's signature with WebCrypto, independently of the worker's signing code. */
async function signatureIsValid(secret: string, headers: Headers, body: string): Promise<boolean> {
  const timestamp = headers.get("Topo-Webhook-Timestamp");
  const signature = headers.get("Topo-Webhook-Signature")?.replace(/^v1=/, "") ?? "";
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const bytes = new Uint8Array(signature.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? []);
  return crypto.subtle.verify("HMAC", key, bytes, new TextEncoder().encode(`${timestamp}.${body}`));
}

async function setUp(webhookBody: Record<string, unknown> = {}) {
  const workspace = await createWorkspace();
  const key = await createWebhookKey(workspace);
  const webhook = await createWebhook(key, webhookBody);
  const queue = new RecordingQueue();
  return { workspace, key, webhook, queue };
}

async function skipTask(queue: RecordingQueue, key: string, workspace: Workspace) {
  const task = await createTask(workspace);
  const response = await callWithQueue(queue, key, `/v1/tasks/${task.id}/skip`, { method: "POST" });
  expect(response.status).toBe(200);
  return task;
}

async function deliveryLog(key: string, webhookId: string) {
  const response = await callApi(`/v1/webhooks/${webhookId}/deliveries`, { key });
  expectStatus(response, 200);
  return response.body;
}

describe("webhook deliveries", () => {
  it("a task change reaches the receiver signed", async () => {
    const { workspace, key, webhook, queue } = await setUp();
    receiver = startReceiver();
    const task = await skipTask(queue, key, workspace);

    expect(queue.sent).toHaveLength(1);
    const { result } = await deliverQueued(queue);

    expect(result.explicitAcks).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const payload = JSON.parse(request!.body);
    expect(await signatureIsValid(webhook.secret, request!.headers, request!.body)).toBe(true);
    expect(await signatureIsValid("whsec_wrong", request!.headers, request!.body)).toBe(false);
    expect(request!.headers.get("Topo-Webhook-Id")).toBe(payload.id);
    expect(Math.abs(Number(request!.headers.get("Topo-Webhook-Timestamp")) - Date.now() / 1000)).toBeLessThan(60);
    expect(request!.headers.get("Content-Type")).toBe("application/json");
    expect(payload).toMatchObject({
      type: "task.skipped",
      task_id: task.id,
      sequence_id: workspace.sequence.id,
      task_version: 2,
      webhook_id: webhook.id,
      changes: { status: { previous: "PENDING", current: "SKIPPED" } },
      task: { id: task.id, status: "SKIPPED", version: 2 },
      actor: { type: "API_KEY" },
    });
    expect(payload.changes.skipped_at.current).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const log = await deliveryLog(key, webhook.id);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      event_id: payload.id,
      event_type: "task.skipped",
      status: "SUCCEEDED",
      attempt_count: 1,
      last_status_code: 200,
      last_error: null,
      next_attempt_at: null,
      attempts: [{ attempt_number: 1, status_code: 200, error: null }],
    });
  });

  it("retries until the receiver accepts, with one event id", async () => {
    const { workspace, key, webhook, queue } = await setUp();
    receiver = startReceiver((index) => (index < 2 ? 503 : 200));
    await skipTask(queue, key, workspace);

    const delays: (number | undefined)[] = [];
    for (let round = 0; round < 3; round++) {
      const { result } = await deliverQueued(queue);
      expect(result.explicitAcks).toHaveLength(1);
      delays.push(...queue.sent.map((message) => message.delaySeconds));
    }

    expect(queue.sent).toEqual([]);
    expect(receiver.received.map((request) => request.status)).toEqual([503, 503, 200]);
    expect(new Set(receiver.received.map((request) => request.headers.get("Topo-Webhook-Id"))).size).toBe(1);
    expect(new Set(receiver.received.map((request) => request.body)).size).toBe(1);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(24);
    expect(delays[0]).toBeLessThanOrEqual(36);
    expect(delays[1]).toBeGreaterThanOrEqual(48);
    expect(delays[1]).toBeLessThanOrEqual(72);

    const [delivery] = (await deliveryLog(key, webhook.id)).items;
    expect(delivery).toMatchObject({ status: "SUCCEEDED", attempt_count: 3, last_status_code: 200 });
    expect(delivery.attempts.map((attempt: { status_code: number }) => attempt.status_code)).toEqual([503, 503, 200]);
    expect(delivery.attempts[0].error).toBe("The receiver answered 503.");
    const webhookAfter = await callApi(`/v1/webhooks/${webhook.id}`, { key });
    expect(webhookAfter.body.status).toBe("ACTIVE");
  });

  it("ignores a duplicate message for an attempt already made", async () => {
    const { workspace, key, queue } = await setUp();
    receiver = startReceiver();
    await skipTask(queue, key, workspace);
    const [message] = queue.sent;
    queue.sent.push(message!);

    const { result } = await deliverQueued(queue);

    expect(result.explicitAcks).toHaveLength(2);
    expect(receiver.received).toHaveLength(1);
  });

  it("a paused webhook receives nothing", async () => {
    const { workspace, key, webhook, queue } = await setUp();
    receiver = startReceiver();
    await callApi(`/v1/webhooks/${webhook.id}`, { method: "PATCH", key, body: { status: "PAUSED" } });

    await skipTask(queue, key, workspace);
    await callApi(`/v1/webhooks/${webhook.id}`, { method: "PATCH", key, body: { status: "ACTIVE" } });
    await dispatchWorkspaceEvents(createDatabase(env.DB), queue.binding, workspace.organization.id, Date.now());

    expect(queue.sent).toEqual([]);
    expect((await deliveryLog(key, webhook.id)).total_count).toBe(0);

    const later = await skipTask(queue, key, workspace);
    await deliverQueued(queue);
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]!.body).task_id).toBe(later.id);
  });

  it("a resumed webhook gets nothing of its pause when the outbox lags", async () => {
    const { workspace, key, webhook, queue } = await setUp();
    receiver = startReceiver();
    await callApi(`/v1/webhooks/${webhook.id}`, { method: "PATCH", key, body: { status: "PAUSED" } });

    // The first change finds no active webhook, so the outbox moves its cursor and skips the
    // workspace for a while: the second change's event stays behind the cursor.
    await skipTask(queue, key, workspace);
    await skipTask(queue, key, workspace);
    await callApi(`/v1/webhooks/${webhook.id}`, { method: "PATCH", key, body: { status: "ACTIVE" } });
    const later = await skipTask(queue, key, workspace);
    await deliverQueued(queue);

    expect(receiver.received.map((request) => JSON.parse(request.body).task_id)).toEqual([later.id]);
  });

  it("does not send to a stored loopback URL once loopback is not allowed", async () => {
    const { workspace, key, webhook, queue } = await setUp();
    receiver = startReceiver();
    await skipTask(queue, key, workspace);

    await deliverQueued(queue, { WEBHOOK_ALLOW_LOOPBACK: "false" });

    expect(receiver.received).toEqual([]);
    const [delivery] = (await deliveryLog(key, webhook.id)).items;
    expect(delivery.last_error).toMatch(/^Not sent: the URL .* under the current rules\.$/);
  });

  it("matches event types and templates", async () => {
    const { workspace, key, queue } = await setUp();
    const otherTemplate = await createTemplate(workspace.organization.id);
    const otherRun = await createSequence(workspace.organization.id, otherTemplate.id);
    const reopened = await createWebhook(key, { event_types: ["task.reopened"] });
    const templated = await createWebhook(key, { sequence_template_ids: [otherTemplate.id] });

    await skipTask(queue, key, workspace);
    const otherTask = await createTask(workspace, { sequenceId: otherRun.id, sequenceTemplateId: otherTemplate.id });
    await callWithQueue(queue, key, `/v1/tasks/${otherTask.id}/skip`, { method: "POST" });

    expect((await deliveryLog(key, reopened.id)).total_count).toBe(0);
    const templatedLog = await deliveryLog(key, templated.id);
    expect(templatedLog.total_count).toBe(1);
    expect(templatedLog.items[0].event_type).toBe("task.skipped");
  });

  it("racing outbox runs create each delivery once", async () => {
    const { workspace, key, webhook, queue } = await setUp({ event_types: ["task.created", "task.skipped"] });
    const tasks = [await createTask(workspace), await createTask(workspace), await createTask(workspace)];
    const database = createDatabase(env.DB);

    await Promise.all([
      callWithQueue(queue, key, `/v1/tasks/${tasks[0]!.id}/skip`, { method: "POST" }),
      ...Array.from({ length: 4 }, () =>
        dispatchWorkspaceEvents(database, queue.binding, workspace.organization.id, Date.now()),
      ),
    ]);

    const log = await deliveryLog(key, webhook.id);
    expect(log.total_count).toBe(4);
    expect(new Set(log.items.map((item: { event_id: string }) => item.event_id)).size).toBe(4);
    expect(queue.sent.map((message) => message.body.delivery_id).sort()).toEqual(
      log.items.map((item: { id: string }) => item.id).sort(),
    );
  });

  it("disables a webhook that fails for 24 hours", async () => {
    const { workspace, key, webhook, queue } = await setUp();
    receiver = startReceiver(() => 500);
    await skipTask(queue, key, workspace);
    await deliverQueued(queue);
    const subscription = and(
      eq(webhookSubscriptions.organizationId, workspace.organization.id),
      eq(webhookSubscriptions.id, webhook.id),
    );
    // The first failure started the clock; move it back past the 24 hours.
    await db()
      .update(webhookSubscriptions)
      .set({ failingSince: Date.now() - 25 * 3_600_000 })
      .where(subscription);

    await deliverQueued(queue);

    const disabled = await callApi(`/v1/webhooks/${webhook.id}`, { key });
    expect(disabled.body.status).toBe("DISABLED");
    expect(disabled.body.disabled_reason).toContain("Disabled automatically");
    expect(disabled.body.disabled_reason).toContain("The receiver answered 500.");

    // The retry already queued is not sent, and new events queue nothing.
    await deliverQueued(queue);
    expect(receiver.received).toHaveLength(2);
    const [delivery] = (await deliveryLog(key, webhook.id)).items;
    expect(delivery).toMatchObject({ status: "FAILED", attempt_count: 2 });
    expect(delivery.last_error).toContain("DISABLED");
    await skipTask(queue, key, workspace);
    expect(queue.sent).toEqual([]);

    const resumed = await callApi(`/v1/webhooks/${webhook.id}`, { method: "PATCH", key, body: { status: "ACTIVE" } });
    expect(resumed.body).toMatchObject({ status: "ACTIVE", disabled_reason: null });
    await skipTask(queue, key, workspace);
    expect(queue.sent).toHaveLength(1);
  });

  it("marks a delivery FAILED once its 24 hours are over", async () => {
    const { workspace, key, webhook, queue } = await setUp();
    receiver = startReceiver(() => 502);
    await skipTask(queue, key, workspace);
    await db()
      .update(webhookDeliveries)
      .set({ retryUntil: Date.now() - 1 });

    await deliverQueued(queue);

    expect(queue.sent).toEqual([]);
    const [delivery] = (await deliveryLog(key, webhook.id)).items;
    expect(delivery).toMatchObject({ status: "FAILED", attempt_count: 1, last_status_code: 502 });
  });

  it("records a network error", async () => {
    const { workspace, key, webhook, queue } = await setUp();
    receiver = startReceiver();
    await callApi(`/v1/webhooks/${webhook.id}`, {
      method: "PATCH",
      key,
      body: { url: "http://localhost:9/unreachable" },
    });
    await skipTask(queue, key, workspace);

    await deliverQueued(queue);

    const [delivery] = (await deliveryLog(key, webhook.id)).items;
    expect(delivery).toMatchObject({ status: "PENDING", attempt_count: 1, last_status_code: null });
    expect(delivery.last_error).toContain("blocked in tests");
    expect(queue.sent).toHaveLength(1);
  });

  it("redelivers an event with the same id", async () => {
    const { workspace, key, webhook, queue } = await setUp();
    receiver = startReceiver();
    await skipTask(queue, key, workspace);
    await deliverQueued(queue);
    const [delivery] = (await deliveryLog(key, webhook.id)).items;

    const response = await callWithQueue(queue, key, `/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/redeliver`, {
      method: "POST",
    });
    const body = await response.json<{ status: string; id: string }>();
    const again = await callWithQueue(queue, key, `/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/redeliver`, {
      method: "POST",
    });

    expect(response.status).toBe(202);
    expect(body).toMatchObject({ id: delivery.id, status: "PENDING" });
    expect(again.status).toBe(422);
    expect(queue.sent).toHaveLength(1);
    await deliverQueued(queue);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers.get("Topo-Webhook-Id")).toBe(delivery.event_id);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    const [after] = (await deliveryLog(key, webhook.id)).items;
    expect(after).toMatchObject({ status: "SUCCEEDED", attempt_count: 2 });
  });

  it("redeliver needs an ACTIVE webhook and a known delivery", async () => {
    const { workspace, key, webhook, queue } = await setUp();
    receiver = startReceiver();
    await skipTask(queue, key, workspace);
    await deliverQueued(queue);
    const [delivery] = (await deliveryLog(key, webhook.id)).items;
    const other = await createWebhook(key);
    await callApi(`/v1/webhooks/${webhook.id}`, { method: "PATCH", key, body: { status: "PAUSED" } });

    const paused = await callApi(`/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/redeliver`, {
      method: "POST",
      key,
    });
    const wrongWebhook = await callApi(`/v1/webhooks/${other.id}/deliveries/${delivery.id}/redeliver`, {
      method: "POST",
      key,
    });

    expectError(paused, 422, "BusinessIssue");
    expect(paused.body.data.webhook_status).toBe("PAUSED");
    expectError(wrongWebhook, 404, "NotFoundIssue");
  });

  it("the cron trigger queues what a failed send left behind", async () => {
    const { workspace, key, webhook } = await setUp();
    receiver = startReceiver();
    const failing = new RecordingQueue();
    failing.binding.sendBatch = async () => {
      throw new Error("queue unavailable");
    };
    await skipTask(failing, key, workspace);
    expect((await deliveryLog(key, webhook.id)).items[0].status).toBe("PENDING");
    await db()
      .update(webhookDeliveries)
      .set({ nextAttemptAt: Date.now() - 16 * 60_000 })
      .where(eq(webhookDeliveries.subscriptionId, webhook.id));

    const queue = new RecordingQueue();
    const context = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now() }), {
      ...env,
      WEBHOOK_DELIVERIES: queue.binding,
    });
    await waitOnExecutionContext(context);

    const mine = queue.sent.filter((message) => message.body.organization_id === workspace.organization.id);
    expect(mine).toHaveLength(1);
    queue.sent.splice(0, queue.sent.length, ...mine);
    await deliverQueued(queue);
    expect(receiver.received).toHaveLength(1);
  });

  it("the test operation sends a signed webhook.test event", async () => {
    const { key, webhook } = await setUp();
    receiver = startReceiver();

    const response = await callApi(`/v1/webhooks/${webhook.id}/test`, { method: "POST", key });

    expect(response.status, describeResponse(response)).toBe(200);
    expect(response.body).toMatchObject({ succeeded: true, status_code: 200, error: null });
    const [request] = receiver.received;
    expect(JSON.parse(request!.body)).toMatchObject({ id: response.body.event_id, type: "webhook.test" });
    expect(await signatureIsValid(webhook.secret, request!.headers, request!.body)).toBe(true);
    expect((await deliveryLog(key, webhook.id)).total_count).toBe(0);
  });
});

describe("a webhook deleted during an attempt", () => {
  it("drops the attempt without an error or a retry", async () => {
    const { workspace, key, webhook, queue } = await setUp();
    await skipTask(queue, key, workspace);
    const logged = vi.spyOn(console, "error");
    // The receiver deletes the webhook while the attempt is under way, as a DELETE from
    // another request would.
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async () => {
      const deleted = await callApi(`/v1/webhooks/${webhook.id}`, { method: "DELETE", key });
      expect(deleted.status, describeResponse(deleted)).toBe(204);
      return new Response("ok", { status: 200 });
    });

    try {
      const { result } = await deliverQueued(queue);

      expect(result.explicitAcks).toHaveLength(1);
      expect(result.retryMessages).toEqual([]);
      expect(logged).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      logged.mockRestore();
    }
  });
});
