import { describe, expect, it } from "vitest";

import { callApi } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { createTask, createWorkspace } from "../helpers/factories";

// wrangler.toml allows these local development origins.
const ALLOWED_ORIGIN = "http://localhost:5173";
const OTHER_ORIGIN = "https://attacker.example";

describe("CORS", () => {
  it("answers a preflight without a key", async () => {
    const response = await callApi("/v1/tasks/019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f/skip", {
      method: "OPTIONS",
      headers: {
        Origin: ALLOWED_ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, idempotency-key, if-match",
      },
    });

    expectStatus(response, 204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get("Access-Control-Allow-Methods")).toBe("GET,HEAD,POST,PATCH,OPTIONS");
    expect(response.headers.get("Access-Control-Allow-Headers")).toBe(
      "Authorization,Content-Type,Idempotency-Key,If-Match,If-None-Match",
    );
    expect(response.headers.get("Access-Control-Max-Age")).toBe("600");
    expect(response.headers.get("Vary")).toContain("Origin");
  });

  it("refuses a preflight from elsewhere", async () => {
    const response = await callApi("/v1/tasks", {
      method: "OPTIONS",
      headers: { Origin: OTHER_ORIGIN, "Access-Control-Request-Method": "GET" },
    });

    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("exposes headers to allowed origins", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(`/v1/tasks/${task.id}`, {
      key: workspace.key.rawKey,
      headers: { Origin: ALLOWED_ORIGIN },
    });

    expectStatus(response, 200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get("Access-Control-Expose-Headers")).toContain("ETag");
    expect(response.headers.get("Access-Control-Expose-Headers")).toContain("X-Request-Id");
  });

  it.each([
    ["a missing key", "/v1/tasks", undefined, 401, "UnauthorizedIssue"],
    ["an unknown path", "/v1/nothing-here", "key", 404, "NotFoundIssue"],
    ["a wrong method", "/v1/tasks", "key", 405, "MethodNotAllowedIssue"],
  ] as const)("sends CORS headers on the error for %s", async (_, path, withKey, status, type) => {
    const workspace = await createWorkspace();

    const response = await callApi(path, {
      method: status === 405 ? "DELETE" : "GET",
      key: withKey === undefined ? null : workspace.key.rawKey,
      headers: { Origin: ALLOWED_ORIGIN },
    });

    expectError(response, status, type);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(ALLOWED_ORIGIN);
  });

  it("sends no CORS headers to another origin", async () => {
    const workspace = await createWorkspace();

    const response = await callApi("/v1/tasks", { key: workspace.key.rawKey, headers: { Origin: OTHER_ORIGIN } });

    expectStatus(response, 200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});
