import { describe, expect, it } from "vitest";

import { callApi } from "../helpers/api";
import { expectStatus } from "../helpers/assertions";
import { createApiKey, createWorkspace } from "../helpers/factories";

describe("GET /v1/me", () => {
  it("describes the calling key and its workspace", async () => {
    const workspace = await createWorkspace("Globex");

    const response = await callApi("/v1/me", { key: workspace.key.rawKey });

    expectStatus(response, 200);
    expect(response.body).toEqual({
      organization: { id: workspace.organization.id, name: "Globex" },
      api_key: {
        id: workspace.key.id,
        name: "test-key",
        prefix: workspace.key.rawKey.slice(0, 12),
        scopes: ["tasks:read", "tasks:write"],
        created_at: "2025-03-13T07:00:00Z",
        expires_at: null,
      },
    });
  });

  it("serves a key without task scopes", async () => {
    const workspace = await createWorkspace();
    const key = await createApiKey(workspace.organization.id, { scopes: ["contacts:read"] });

    const response = await callApi("/v1/me", { key: key.rawKey });

    expectStatus(response, 200);
    expect(response.body.api_key.scopes).toEqual(["contacts:read"]);
  });

  it("never returns the key itself", async () => {
    const workspace = await createWorkspace();

    const response = await callApi("/v1/me", { key: workspace.key.rawKey });

    expect(response.text).not.toContain(workspace.key.rawKey);
  });
});
