import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";

import { callApi, describeResponse } from "../helpers/api";
import { createTask, createWorkspace, readTask, type Workspace } from "../helpers/factories";

// Odd but possible requests: each must get a 2xx or a 4xx in the family's error shape.

describe("hostile input", () => {
  let workspace: Workspace;
  let taskId: string;

  beforeAll(async () => {
    workspace = await createWorkspace();
    taskId = (await createTask(workspace)).id;
  });

  const requests: [string, string, { method?: string; body?: string; headers?: Record<string, string> }][] = [
    ["malformed percent-encoding in a query", "/v1/tasks?status=%E0%A4%A", {}],
    ["malformed percent-encoding in a path", "/v1/tasks/%ZZ", {}],
    ["an encoded slash in an id", "/v1/tasks/abc%2Fdef", {}],
    ["a NUL byte in a query", "/v1/tasks?status=PEN%00DING", {}],
    ["an infinite page", "/v1/tasks?page=1e309", {}],
    ["a negative size", "/v1/tasks?size=-5", {}],
    ["an empty parameter", "/v1/tasks?status=", {}],
    ["a parameter without a value", "/v1/tasks?status", {}],
    ["a very long id", `/v1/tasks/${"a".repeat(5000)}`, {}],
    ["an impossible date", "/v1/tasks?created_at_after=2025-02-30T00:00:00Z", {}],
    ["a year past 9999", "/v1/tasks?created_at_after=%2B275760-09-13T00:00:00Z", {}],
    ["a trailing slash", "/v1/tasks/", {}],
    ["a doubled slash", "/v1//tasks", {}],
    ["deeply nested JSON", "/v1/tasks/{id}/assignee", { method: "PATCH", body: "[".repeat(5000) + "]".repeat(5000) }],
    ["a JSON number body", "/v1/tasks/{id}/assignee", { method: "PATCH", body: "12" }],
    ["a JSON null body", "/v1/tasks/{id}/assignee", { method: "PATCH", body: "null" }],
    ["a prototype key in the body", "/v1/tasks/{id}/assignee", { method: "PATCH", body: '{"__proto__":{"x":1}}' }],
    ["an id of the wrong type", "/v1/tasks/{id}/assignee", { method: "PATCH", body: '{"assignee_user_id":42}' }],
    [
      "a charset on the content type",
      "/v1/tasks/{id}/assignee",
      { method: "PATCH", body: "{}", headers: { "Content-Type": "application/json; charset=utf-8" } },
    ],
    [
      "a form body",
      "/v1/tasks/{id}/assignee",
      { method: "PATCH", body: "a=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } },
    ],
  ];

  it.each(requests)("returns a 2xx or 4xx for %s", async (_name, path, request) => {
    const response = await callApi(path.replace("{id}", taskId), {
      key: workspace.key.rawKey,
      method: request.method,
      body: request.body,
      headers: { "Content-Type": "application/json", ...request.headers },
    });
    const context = describeResponse(response);

    expect(response.status, context).toBeLessThan(500);
    if (response.status >= 400) {
      expect(response.body.status_code, context).toBe(response.status);
      expect(typeof response.body.type, context).toBe("string");
    }
  });
});

describe("body text", () => {
  it.each([
    ["bytes that are not UTF-8", new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), "it is not valid UTF-8"],
    [
      "an unpaired surrogate escape",
      new TextEncoder().encode('{"disposition":"x\\ud800y"}'),
      "a string holds an unpaired surrogate escape, such as \\ud800",
    ],
  ])("rejects %s with 400 and changes nothing", async (_, bytes, message) => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await exports.default.fetch(
      new Request(`http://localhost/v1/tasks/${task.id}/complete`, {
        method: "POST",
        headers: { Authorization: `Bearer ${workspace.key.rawKey}`, "Content-Type": "application/json" },
        body: bytes,
      }),
    );
    const body = await response.json<{ type: string; data: { issues: { message: string }[] } }>();

    expect(response.status).toBe(400);
    expect(body.type).toBe("ValidationIssue");
    expect(body.data.issues[0]!.message).toBe(message);
    expect((await readTask(task.id)).status).toBe("PENDING");
  });
});
