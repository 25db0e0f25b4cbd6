import { createExecutionContext, env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createApp } from "../../src/app";
import { MAX_QUERY_STRING_LENGTH } from "../../src/http/errors";
import { callApi } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { createTask, createWorkspace } from "../helpers/factories";

describe("error responses", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("returns 404 for an unknown path", async () => {
    const workspace = await createWorkspace();

    const response = await callApi("/v1/contacts", { key: workspace.key.rawKey });

    expectError(response, 404, "NotFoundIssue");
    expect(response.body.data).toEqual({ path: "/v1/contacts" });
  });

  it("returns 404 outside /v1", async () => {
    const response = await callApi("/v2/tasks");

    expectError(response, 404, "NotFoundIssue");
  });

  it.each([
    ["DELETE", "/v1/tasks/019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f", "GET, HEAD"],
    ["POST", "/v1/tasks", "GET, HEAD"],
    ["GET", "/v1/tasks/019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f/skip", "POST"],
    ["PUT", "/v1/tasks/019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f/assignee", "PATCH"],
  ])("returns 405 and Allow for %s %s", async (method, path, allow) => {
    const workspace = await createWorkspace();

    const response = await callApi(path, { method, key: workspace.key.rawKey });

    expectError(response, 405, "MethodNotAllowedIssue");
    expect(response.headers.get("Allow")).toBe(allow);
  });

  it("serves HEAD like GET without a body", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(`/v1/tasks/${task.id}`, { method: "HEAD", key: workspace.key.rawKey });

    expectStatus(response, 200);
    expect(response.text).toBe("");
  });

  it("hides an unexpected error behind a generic 500", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const failingDatabase = {
      prepare() {
        throw new Error("D1_ERROR: no such table: internal_secret_table");
      },
    };
    const app = createApp();

    const response = await app.request(
      "/v1/tasks",
      { headers: { Authorization: "Bearer topo_anything_at_all" } },
      { ...env, DB: failingDatabase },
    );
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(500);
    expect(body).toEqual({
      status_code: 500,
      type: "InternalIssue",
      message: "An unexpected error occurred. Quote the request id when you contact support.",
      request_id: response.headers.get("X-Request-Id"),
    });
    expect(JSON.stringify(body)).not.toContain("internal_secret_table");
    expect(logged).toHaveBeenCalledOnce();
    expect(String(logged.mock.calls[0]![0])).toContain(String(body.request_id));
  });

  it("puts a request id on success and error responses", async () => {
    const workspace = await createWorkspace();

    const success = await callApi("/v1/me", { key: workspace.key.rawKey });
    const failure = await callApi("/v1/me");

    expect(success.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(failure.headers.get("X-Request-Id")).toBe(failure.body.request_id);
    expect(success.headers.get("X-Request-Id")).not.toBe(failure.headers.get("X-Request-Id"));
  });
});

describe("reference page", () => {
  it("serves an interactive page from this origin only", async () => {
    const response = await callApi("/docs");

    expectStatus(response, 200);
    expect(response.headers.get("Content-Type")).toContain("text/html");
    expect(response.text).toContain("/vendor/swagger-ui/swagger-ui-bundle.js");
    expect(response.text).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

describe("path matching", () => {
  it("returns 404 for a trailing slash", async () => {
    const workspace = await createWorkspace();

    const response = await callApi("/v1/tasks/", { key: workspace.key.rawKey });

    expectError(response, 404, "NotFoundIssue");
  });
});

describe("request bodies", () => {
  it("rejects a body that breaks off, and skips nothing", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("hello"));
        controller.error(new Error("connection lost"));
      },
    });

    const response = await createApp().request(
      `/v1/tasks/${task.id}/skip`,
      {
        method: "POST",
        headers: { Authorization: `Bearer ${workspace.key.rawKey}` },
        body,
        duplex: "half",
      } as RequestInit,
      env,
      createExecutionContext(),
    );

    expect(response.status).toBe(400);
    expect(((await response.json()) as { type: string }).type).toBe("ValidationIssue");
    const after = await callApi(`/v1/tasks/${task.id}`, { key: workspace.key.rawKey });
    expect(after.body.status).toBe("PENDING");
  });

  it("rejects an oversized body on a GET with 413", async () => {
    const workspace = await createWorkspace();

    const response = await callApi("/v1/me", {
      key: workspace.key.rawKey,
      headers: { "Content-Type": "text/plain" },
      body: "x".repeat(20_000),
      method: "POST",
    });

    expectError(response, 413, "PayloadTooLargeIssue");
  });
});

describe("query string length", () => {
  it("answers 414 to a query string over the limit, stating the limit", async () => {
    const workspace = await createWorkspace();
    const query = `status=PENDING&${"x".repeat(MAX_QUERY_STRING_LENGTH)}`;

    const response = await callApi(`/v1/tasks?${query}`, { key: workspace.key.rawKey });

    expectError(response, 414, "UriTooLongIssue");
    expect(response.body.data).toEqual({ max_length: MAX_QUERY_STRING_LENGTH, length: query.length });
    expect(response.body.message).toContain(String(MAX_QUERY_STRING_LENGTH));
  });

  it("reads a query string at the limit", async () => {
    const workspace = await createWorkspace();
    const padding = "types=CALL&".repeat(Math.floor(MAX_QUERY_STRING_LENGTH / 11));
    const query = `${padding}status=PENDING`.slice(-MAX_QUERY_STRING_LENGTH).replace(/^[^&]*&/, "");

    const response = await callApi(`/v1/tasks?${query}`, { key: workspace.key.rawKey });

    expectStatus(response, 200);
  });
});

describe("unknown paths", () => {
  it("echoes a long path shortened", async () => {
    const workspace = await createWorkspace();

    const response = await callApi(`/v1/${"a".repeat(5_000)}`, { key: workspace.key.rawKey });

    expectError(response, 404, "NotFoundIssue");
    expect(response.body.data.path).toBe(`/v1/${"a".repeat(196)}…`);
    expect(response.text.length).toBeLessThan(1_000);
  });
});
