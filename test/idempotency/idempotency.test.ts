import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

import { callApi, type ApiRequest } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { createApiKey, createTask, createWorkspace, readTask } from "../helpers/factories";
import { sha256Hex } from "../../src/common/sha256";
import type { Bindings } from "../../src/env";
import type { DeliveryMessage } from "../../src/webhooks/delivery-queue";
import worker from "../../src/index";

/** Lists the idempotency keys stored for one API key. The tests of a file share storage, so it filters by key. */
async function storedKeys(apiKeyId: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT key FROM idempotency_keys WHERE api_key_id = ? ORDER BY key")
    .bind(apiKeyId)
    .all<{ key: string }>();
  return results.map((row) => row.key);
}

interface StoredKey {
  apiKeyId: string;
  key: string;
  requestHash: string;
  /** null for a request that is still running. */
  responseStatus: number | null;
  createdAt: number;
  expiresAt?: number;
}

/** Writes an idempotency key row directly, as an earlier request would have left it. */
async function storeKey(row: StoredKey): Promise<void> {
  await env.DB.prepare(
    "INSERT INTO idempotency_keys (api_key_id, key, request_hash, response_status, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
  )
    .bind(
      row.apiKeyId,
      row.key,
      row.requestHash,
      row.responseStatus,
      row.createdAt,
      row.expiresAt ?? row.createdAt + 86_400_000,
    )
    .run();
}

/** Writes a completed key whose retention ended an hour ago. */
function storeExpiredKey(apiKeyId: string, key: string): Promise<void> {
  return storeKey({
    apiKeyId,
    key,
    requestHash: "0",
    responseStatus: 200,
    createdAt: Date.now() - 90_000_000,
    expiresAt: Date.now() - 3_600_000,
  });
}

function withKey(key: string, request: ApiRequest): ApiRequest {
  return { ...request, headers: { ...request.headers, "Idempotency-Key": key } };
}

describe("Idempotency-Key", () => {
  it("replays the first response", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const request = withKey("skip-1", { method: "POST", key: workspace.key.rawKey });

    const first = await callApi(`/v1/tasks/${task.id}/skip`, request);
    const afterFirst = await readTask(task.id);
    const retry = await callApi(`/v1/tasks/${task.id}/skip`, request);

    expectStatus(first, 200);
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    expectStatus(retry, 200);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get("ETag")).toBe(first.headers.get("ETag"));
    expect(retry.headers.get("Content-Type")).toBe(first.headers.get("Content-Type"));
    expect(retry.headers.get("X-Request-Id")).not.toBe(first.headers.get("X-Request-Id"));
    expect(await readTask(task.id)).toEqual(afterFirst);
  });

  it("replays a business error", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: "PENDING" });
    const request = withKey("reopen-early", { method: "POST", key: workspace.key.rawKey });

    const first = await callApi(`/v1/tasks/${task.id}/reopen`, request);
    await callApi(`/v1/tasks/${task.id}/skip`, { method: "POST", key: workspace.key.rawKey });
    const retry = await callApi(`/v1/tasks/${task.id}/reopen`, request);

    expectError(first, 422, "BusinessIssue");
    expect(retry.status).toBe(422);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect((await readTask(task.id)).status).toBe("SKIPPED");
  });

  it("answers 422 to a different request", async () => {
    const workspace = await createWorkspace();
    const first = await createTask(workspace);
    const second = await createTask(workspace);

    await callApi(`/v1/tasks/${first.id}/skip`, withKey("reused", { method: "POST", key: workspace.key.rawKey }));
    const response = await callApi(
      `/v1/tasks/${second.id}/skip`,
      withKey("reused", { method: "POST", key: workspace.key.rawKey }),
    );

    expectError(response, 422, "BusinessIssue");
    expect(response.body.data).toEqual({ idempotency_key: "reused" });
    expect(await readTask(second.id)).toEqual(second);
  });

  it("tells requests apart by their body", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const path = `/v1/tasks/${task.id}/assignee`;

    const first = await callApi(
      path,
      withKey("assign", {
        method: "PATCH",
        key: workspace.key.rawKey,
        body: { assignee_user_id: workspace.otherRep.id },
      }),
    );
    const different = await callApi(
      path,
      withKey("assign", {
        method: "PATCH",
        key: workspace.key.rawKey,
        body: { assignee_user_id: workspace.rep.id },
      }),
    );

    expectStatus(first, 200);
    expectError(different, 422, "BusinessIssue");
    expect((await readTask(task.id)).assigneeUserId).toBe(workspace.otherRep.id);
  });

  it("tells requests apart by their If-Match", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { version: 2 });
    const path = `/v1/tasks/${task.id}/skip`;

    const stale = await callApi(
      path,
      withKey("conditional", { method: "POST", key: workspace.key.rawKey, headers: { "If-Match": '"v1"' } }),
    );
    const current = await callApi(
      path,
      withKey("conditional", { method: "POST", key: workspace.key.rawKey, headers: { "If-Match": '"v2"' } }),
    );

    expectError(stale, 412, "PreconditionFailedIssue");
    expectError(current, 422, "BusinessIssue");
    expect(current.body.data).toEqual({ idempotency_key: "conditional" });
    expect(await readTask(task.id)).toEqual(task);
  });

  it("keeps keys apart per API key", async () => {
    const workspace = await createWorkspace();
    const secondKey = await createApiKey(workspace.organization.id);
    const first = await createTask(workspace);
    const second = await createTask(workspace);

    const one = await callApi(
      `/v1/tasks/${first.id}/skip`,
      withKey("shared", { method: "POST", key: workspace.key.rawKey }),
    );
    const other = await callApi(
      `/v1/tasks/${second.id}/skip`,
      withKey("shared", { method: "POST", key: secondKey.rawKey }),
    );

    expectStatus(one, 200);
    expectStatus(other, 200);
    expect(other.headers.get("Idempotent-Replayed")).toBeNull();
  });

  it("answers 409 while running", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const requestHash = await sha256Hex(`POST /v1/tasks/${task.id}/skip\n`);
    await storeKey({
      apiKeyId: workspace.key.id,
      key: "running",
      requestHash,
      responseStatus: null,
      createdAt: Date.now(),
    });

    const response = await callApi(
      `/v1/tasks/${task.id}/skip`,
      withKey("running", { method: "POST", key: workspace.key.rawKey }),
    );

    expectError(response, 409, "CommitIssue");
    expect(response.headers.get("Retry-After")).toBe("1");
    expect(await readTask(task.id)).toEqual(task);
  });

  it("takes over an abandoned key", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const requestHash = await sha256Hex(`POST /v1/tasks/${task.id}/skip\n`);
    await storeKey({
      apiKeyId: workspace.key.id,
      key: "abandoned",
      requestHash,
      responseStatus: null,
      createdAt: Date.now() - 61_000,
    });

    const response = await callApi(
      `/v1/tasks/${task.id}/skip`,
      withKey("abandoned", { method: "POST", key: workspace.key.rawKey }),
    );

    expectStatus(response, 200);
  });

  it("applies a burst of retries once", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        callApi(`/v1/tasks/${task.id}/skip`, withKey("burst", { method: "POST", key: workspace.key.rawKey })),
      ),
    );

    const statuses = responses.map((response) => response.status);
    expect(
      statuses.every((status) => status === 200 || status === 409),
      statuses.join(),
    ).toBe(true);
    const fresh = responses.filter(
      (response) => response.status === 200 && response.headers.get("Idempotent-Replayed") === null,
    );
    expect(fresh).toHaveLength(1);
    for (const response of responses.filter((candidate) => candidate.status === 409)) {
      expectError(response, 409, "CommitIssue");
    }
    expect((await readTask(task.id)).version).toBe(2);
  });

  it.each([
    ["empty", ""],
    ["too long", "k".repeat(256)],
    ["not visible ASCII", "key with spaces"],
    ["not ASCII", "clé"],
  ])("rejects a key that is %s and stores nothing", async (_, key) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(`/v1/tasks/${task.id}/skip`, {
      method: "POST",
      key: workspace.key.rawKey,
      headers: { "Idempotency-Key": key },
    });

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues[0]).toMatchObject({ location: "header", name: "Idempotency-Key" });
    expect(await storedKeys(workspace.key.id)).toEqual([]);
    expect(await readTask(task.id)).toEqual(task);
  });

  it("accepts a 255-character key", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(
      `/v1/tasks/${task.id}/skip`,
      withKey("~".repeat(255), { method: "POST", key: workspace.key.rawKey }),
    );

    expectStatus(response, 200);
  });

  it("stores nothing for invalid input", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const path = `/v1/tasks/${task.id}/assignee`;

    const invalid = await callApi(
      path,
      withKey("fix-me", { method: "PATCH", key: workspace.key.rawKey, body: { assignee_user_id: "nope" } }),
    );
    expect(await storedKeys(workspace.key.id)).toEqual([]);
    const corrected = await callApi(
      path,
      withKey("fix-me", {
        method: "PATCH",
        key: workspace.key.rawKey,
        body: { assignee_user_id: workspace.otherRep.id },
      }),
    );

    expectError(invalid, 400, "ValidationIssue");
    expectStatus(corrected, 200);
    expect(corrected.headers.get("Idempotent-Replayed")).toBeNull();
  });

  it("stores nothing for refused keys", async () => {
    const workspace = await createWorkspace();
    const readOnly = await createApiKey(workspace.organization.id, { scopes: ["tasks:read"] });
    const task = await createTask(workspace);

    const forbidden = await callApi(
      `/v1/tasks/${task.id}/skip`,
      withKey("refused", { method: "POST", key: readOnly.rawKey }),
    );
    const unauthorized = await callApi(
      `/v1/tasks/${task.id}/skip`,
      withKey("refused", { method: "POST", key: "topo_unknown" }),
    );

    expectError(forbidden, 403, "UnauthorizedIssue");
    expectError(unauthorized, 401, "UnauthorizedIssue");
    expect(await storedKeys(readOnly.id)).toEqual([]);
  });

  it("ignores the header on reads", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(`/v1/tasks/${task.id}`, withKey("read", { key: workspace.key.rawKey }));

    expectStatus(response, 200);
    expect(await storedKeys(workspace.key.id)).toEqual([]);
  });
});

describe("pruning", () => {
  it("prunes expired keys on schedule", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    await callApi(`/v1/tasks/${task.id}/skip`, withKey("kept", { method: "POST", key: workspace.key.rawKey }));
    await storeExpiredKey(workspace.key.id, "expired");

    const handler: ExportedHandler<Bindings, DeliveryMessage> = worker;
    const context = createExecutionContext();
    await handler.scheduled!(
      createScheduledController({ scheduledTime: Date.now(), cron: "17 * * * *" }),
      env,
      context,
    );
    await waitOnExecutionContext(context);

    expect(await storedKeys(workspace.key.id)).toEqual(["kept"]);
  });

  it("reuses an expired key", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    await storeExpiredKey(workspace.key.id, "old");

    const response = await callApi(
      `/v1/tasks/${task.id}/skip`,
      withKey("old", { method: "POST", key: workspace.key.rawKey }),
    );

    expectStatus(response, 200);
    expect(response.headers.get("Idempotent-Replayed")).toBeNull();
  });
});
