import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { createApp } from "../../src/app";
import { callApi, describeResponse } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { createApiKey, createTemplate, createWorkspace } from "../helpers/factories";
import { createWebhook, createWebhookKey, receiverUrl } from "../helpers/webhooks";

const WEBHOOK_FIELDS = [
  "id",
  "name",
  "url",
  "description",
  "event_types",
  "sequence_template_ids",
  "status",
  "disabled_reason",
  "secret_prefix",
  "created_at",
  "updated_at",
];

describe("webhook subscriptions", () => {
  it("create returns the secret once", async () => {
    const workspace = await createWorkspace();
    const key = await createWebhookKey(workspace);

    const created = await callApi("/v1/webhooks", {
      method: "POST",
      key,
      body: {
        name: "crm-sync",
        url: "https://hooks.example.com/topo",
        description: "CRM",
        event_types: ["task.completed", "task.skipped"],
        sequence_template_ids: [workspace.template.id.toUpperCase()],
      },
    });

    expectStatus(created, 201);
    expect(Object.keys(created.body).sort()).toEqual([...WEBHOOK_FIELDS, "secret"].sort());
    expect(created.body).toMatchObject({
      name: "crm-sync",
      url: "https://hooks.example.com/topo",
      description: "CRM",
      event_types: ["task.completed", "task.skipped"],
      sequence_template_ids: [workspace.template.id],
      status: "ACTIVE",
      disabled_reason: null,
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.body.secret.startsWith(created.body.secret_prefix)).toBe(true);

    const fetched = await callApi(`/v1/webhooks/${created.body.id}`, { key });
    const listed = await callApi("/v1/webhooks", { key });

    expectStatus(fetched, 200);
    expect(Object.keys(fetched.body).sort()).toEqual([...WEBHOOK_FIELDS].sort());
    expect(fetched.text).not.toContain(created.body.secret);
    expect(listed.text).not.toContain(created.body.secret);
  });

  it("list pages through the workspace's webhooks", async () => {
    const workspace = await createWorkspace();
    const key = await createWebhookKey(workspace);
    const first = await createWebhook(key, { name: "first" });
    const second = await createWebhook(key, { name: "second" });
    const third = await createWebhook(key, { name: "third" });
    await createWebhook(await createWebhookKey(await createWorkspace()), { name: "elsewhere" });

    const pageOne = await callApi("/v1/webhooks?size=2", { key });
    const pageTwo = await callApi("/v1/webhooks?size=2&page=2", { key });

    expectStatus(pageOne, 200);
    expect(pageOne.body.items.map((item: { id: string }) => item.id)).toEqual([first.id, second.id]);
    expect(pageOne.body).toMatchObject({ total_count: 3, total_pages: 2, has_more: true });
    expect(pageTwo.body.items.map((item: { id: string }) => item.id)).toEqual([third.id]);
    expect(pageTwo.body.has_more).toBe(false);
  });

  it("update changes only the given fields", async () => {
    const workspace = await createWorkspace();
    const key = await createWebhookKey(workspace);
    const webhook = await createWebhook(key, { description: "kept" });

    const paused = await callApi(`/v1/webhooks/${webhook.id}`, {
      method: "PATCH",
      key,
      body: { status: "PAUSED", name: "renamed", event_types: ["task.created"], sequence_template_ids: null },
    });

    expectStatus(paused, 200);
    expect(paused.body).toMatchObject({
      status: "PAUSED",
      name: "renamed",
      description: "kept",
      event_types: ["task.created"],
      sequence_template_ids: null,
      url: webhook.url,
      secret_prefix: webhook.secret_prefix,
    });

    const resumed = await callApi(`/v1/webhooks/${webhook.id}`, { method: "PATCH", key, body: { status: "ACTIVE" } });
    expect(resumed.body.status).toBe("ACTIVE");
  });

  it("update cannot set DISABLED", async () => {
    const workspace = await createWorkspace();
    const key = await createWebhookKey(workspace);
    const webhook = await createWebhook(key);

    const response = await callApi(`/v1/webhooks/${webhook.id}`, {
      method: "PATCH",
      key,
      body: { status: "DISABLED" },
    });

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues[0]).toMatchObject({ location: "body", name: "status" });
  });

  it("rotate-secret returns a new secret", async () => {
    const workspace = await createWorkspace();
    const key = await createWebhookKey(workspace);
    const webhook = await createWebhook(key);

    const rotated = await callApi(`/v1/webhooks/${webhook.id}/rotate-secret`, { method: "POST", key });

    expectStatus(rotated, 200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(webhook.secret);
    expect(rotated.body.secret_prefix).toBe(rotated.body.secret.slice(0, 12));
    const fetched = await callApi(`/v1/webhooks/${webhook.id}`, { key });
    expect(fetched.body.secret).toBeUndefined();
    expect(fetched.body.secret_prefix).toBe(rotated.body.secret_prefix);
  });

  it("delete removes the webhook", async () => {
    const workspace = await createWorkspace();
    const key = await createWebhookKey(workspace);
    const webhook = await createWebhook(key);

    const deleted = await callApi(`/v1/webhooks/${webhook.id}`, { method: "DELETE", key });
    const again = await callApi(`/v1/webhooks/${webhook.id}`, { method: "DELETE", key });
    const fetched = await callApi(`/v1/webhooks/${webhook.id}`, { key });

    expectStatus(deleted, 204);
    expect(deleted.text).toBe("");
    expectError(again, 404, "NotFoundIssue");
    expectError(fetched, 404, "NotFoundIssue");
  });

  it("rejects an unknown template with 422", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const key = await createWebhookKey(workspace);
    const foreignTemplate = await createTemplate(other.organization.id);

    const response = await callApi("/v1/webhooks", {
      method: "POST",
      key,
      body: {
        name: "x",
        url: "https://hooks.example.com/",
        event_types: ["task.created"],
        sequence_template_ids: [foreignTemplate.id],
      },
    });

    expectError(response, 422, "BusinessIssue");
    expect(response.body.data).toEqual({ sequence_template_ids: [foreignTemplate.id] });
  });

  it("update with an unknown template is 422", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const key = await createWebhookKey(workspace);
    const webhook = await createWebhook(key);
    const foreignTemplate = await createTemplate(other.organization.id);

    const response = await callApi(`/v1/webhooks/${webhook.id}`, {
      method: "PATCH",
      key,
      body: { sequence_template_ids: [workspace.template.id, foreignTemplate.id] },
    });

    expectError(response, 422, "BusinessIssue");
    expect(response.body.data).toEqual({ sequence_template_ids: [foreignTemplate.id] });
  });

  it("update of a missing webhook is 404 before templates", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const key = await createWebhookKey(workspace);
    const foreignWebhook = await createWebhook(await createWebhookKey(other));
    const foreignTemplate = await createTemplate(other.organization.id);

    // Another workspace's webhook and template, and an id that never existed: none is a
    // webhook of the caller, so the unknown template does not matter.
    for (const id of [foreignWebhook.id, crypto.randomUUID()]) {
      const response = await callApi(`/v1/webhooks/${id}`, {
        method: "PATCH",
        key,
        body: { sequence_template_ids: [foreignTemplate.id] },
      });

      expectError(response, 404, "NotFoundIssue");
      expect(response.body.data).toEqual({ webhook_id: id });
    }
  });

  it.each([
    ["a missing name", { name: undefined }, "name"],
    ["an empty name", { name: "" }, "name"],
    ["a name over 255 characters", { name: "n".repeat(256) }, "name"],
    ["a name of white space only", { name: "   " }, "name"],
    ["a name with a control character", { name: "crm\u0000sync" }, "name"],
    ["no event types", { event_types: [] }, "event_types"],
    ["an unknown event type", { event_types: ["task.deleted"] }, "event_types.0"],
    ["a repeated event type", { event_types: ["task.created", "task.created"] }, "event_types"],
    ["an empty template list", { sequence_template_ids: [] }, "sequence_template_ids"],
    ["a template id that is not a UUID", { sequence_template_ids: ["abc"] }, "sequence_template_ids.0"],
    ["an unknown field", { secret: "whsec_mine" }, "secret"],
    ["status DISABLED", { status: "DISABLED" }, "status"],
    ["a plain http URL", { url: "http://hooks.example.com/" }, "url"],
    ["a URL with credentials", { url: "https://user:pw@hooks.example.com/" }, "url"],
  ])("create rejects %s with 400", async (_name, override, field) => {
    const workspace = await createWorkspace();
    const key = await createWebhookKey(workspace);

    const response = await callApi("/v1/webhooks", {
      method: "POST",
      key,
      body: { name: "x", url: "https://hooks.example.com/", event_types: ["task.created"], ...override },
    });

    expectError(response, 400, "ValidationIssue");
    expect(
      response.body.data.issues.map((issue: { name: string }) => issue.name),
      describeResponse(response),
    ).toContain(field);
  });

  it("update rejects an empty body with 400", async () => {
    const workspace = await createWorkspace();
    const key = await createWebhookKey(workspace);
    const webhook = await createWebhook(key);

    const response = await callApi(`/v1/webhooks/${webhook.id}`, { method: "PATCH", key, body: {} });

    expectError(response, 400, "ValidationIssue");
  });

  it.each([
    ["a private address", "https://10.1.2.3/hook"],
    ["a CGNAT address", "https://100.64.1.1/hook"],
    ["a link-local address", "https://169.254.10.10/hook"],
    ["the metadata address", "https://169.254.169.254/latest/meta-data/"],
    ["the IPv6 metadata address", "https://[fd00:ec2::254]/"],
    ["a metadata host name", "https://metadata.google.internal/"],
    ["a decimal IP", "https://2130706433/hook"],
    ["an IPv4-mapped IPv6 address", "https://[::ffff:10.0.0.1]/hook"],
    // Loopback is allowed in the tests; the test after this one turns the setting off.
  ])("create and update reject %s with 400", async (_name, url) => {
    const workspace = await createWorkspace();
    const key = await createWebhookKey(workspace);
    const webhook = await createWebhook(key);

    const created = await callApi("/v1/webhooks", {
      method: "POST",
      key,
      body: { name: "x", url, event_types: ["task.created"] },
    });
    const updated = await callApi(`/v1/webhooks/${webhook.id}`, { method: "PATCH", key, body: { url } });

    for (const response of [created, updated]) {
      expectError(response, 400, "ValidationIssue");
      expect(response.body.data.issues).toEqual([
        { location: "body", name: "url", message: expect.stringContaining("must point at a public host") },
      ]);
    }
  });

  it("rejects a loopback URL without WEBHOOK_ALLOW_LOOPBACK", async () => {
    const workspace = await createWorkspace();
    const key = await createWebhookKey(workspace);
    const context = createExecutionContext();

    const response = await createApp().request(
      "/v1/webhooks",
      {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "local", url: receiverUrl(), event_types: ["task.created"] }),
      },
      { ...env, WEBHOOK_ALLOW_LOOPBACK: "false" },
      context,
    );
    await waitOnExecutionContext(context);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: "ValidationIssue", data: { issues: [{ name: "url" }] } });
  });

  it.each([
    ["GET", "/v1/webhooks", "webhooks:read"],
    ["POST", "/v1/webhooks", "webhooks:write"],
  ])("%s %s needs %s", async (method, path, scope) => {
    const workspace = await createWorkspace();
    const taskKey = await createApiKey(workspace.organization.id, { scopes: ["tasks:read", "tasks:write"] });

    const response = await callApi(path, {
      method,
      key: taskKey.rawKey,
      body:
        method === "POST" ? { name: "x", url: "https://hooks.example.com/", event_types: ["task.created"] } : undefined,
    });

    expectError(response, 403, "UnauthorizedIssue");
    expect(response.body.data.required_scope).toBe(scope);
  });

  it("read scope cannot change a webhook", async () => {
    const workspace = await createWorkspace();
    const webhook = await createWebhook(await createWebhookKey(workspace));
    const readKey = await createApiKey(workspace.organization.id, { scopes: ["webhooks:read"] });

    const read = await callApi(`/v1/webhooks/${webhook.id}`, { key: readKey.rawKey });
    const write = await callApi(`/v1/webhooks/${webhook.id}`, { method: "DELETE", key: readKey.rawKey });

    expectStatus(read, 200);
    expectError(write, 403, "UnauthorizedIssue");
  });

  it("another workspace's webhook is a 404 like an unknown one", async () => {
    const owner = await createWorkspace();
    const intruder = await createWorkspace();
    const webhook = await createWebhook(await createWebhookKey(owner));
    const intruderKey = await createWebhookKey(intruder);
    const unknownId = crypto.randomUUID();

    for (const [method, suffix, body] of [
      ["GET", "", undefined],
      ["PATCH", "", { status: "PAUSED" }],
      ["DELETE", "", undefined],
      ["POST", "/rotate-secret", undefined],
      ["POST", "/test", undefined],
      ["GET", "/deliveries", undefined],
    ] as const) {
      const foreign = await callApi(`/v1/webhooks/${webhook.id}${suffix}`, { method, key: intruderKey, body });
      const unknown = await callApi(`/v1/webhooks/${unknownId}${suffix}`, { method, key: intruderKey, body });

      expectError(foreign, 404, "NotFoundIssue");
      expect(foreign.body.message.replace(webhook.id, "<id>")).toBe(unknown.body.message.replace(unknownId, "<id>"));
    }
    const after = await callApi(`/v1/webhooks/${webhook.id}`, { key: await createWebhookKey(owner) });
    expect(after.body.status).toBe("ACTIVE");
    expect(after.body.secret_prefix).toBe(webhook.secret_prefix);
  });
});
