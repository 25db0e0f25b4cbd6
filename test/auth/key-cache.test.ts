import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";

import { hashApiKey } from "../../src/auth/api-key";
import { KEY_CACHE_TTL_MS } from "../../src/auth/key-cache";
import { apiKeys } from "../../src/db/schema";
import { callApi } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { createWorkspace, db } from "../helpers/factories";

afterEach(() => {
  vi.useRealTimers();
});

describe("key cache", () => {
  it("applies a revocation within the cache time", async () => {
    const workspace = await createWorkspace();
    vi.useFakeTimers({ toFake: ["Date"] });
    expectStatus(await callApi("/v1/me", { key: workspace.key.rawKey }), 200);

    await db().update(apiKeys).set({ revokedAt: Date.now() }).where(eq(apiKeys.id, workspace.key.id));
    const stillCached = await callApi("/v1/me", { key: workspace.key.rawKey });
    vi.setSystemTime(Date.now() + KEY_CACHE_TTL_MS);
    const afterCacheTime = await callApi("/v1/me", { key: workspace.key.rawKey });

    expectStatus(stillCached, 200);
    expectError(afterCacheTime, 401, "UnauthorizedIssue");
    expect(afterCacheTime.body.message).toBe("The API key has been revoked.");
  });

  it("checks expiry on every request", async () => {
    const workspace = await createWorkspace();
    vi.useFakeTimers({ toFake: ["Date"] });
    await db()
      .update(apiKeys)
      .set({ expiresAt: Date.now() + 1_000 })
      .where(eq(apiKeys.id, workspace.key.id));
    expectStatus(await callApi("/v1/me", { key: workspace.key.rawKey }), 200);

    vi.setSystemTime(Date.now() + 1_000);
    const expired = await callApi("/v1/me", { key: workspace.key.rawKey });

    expectError(expired, 401, "UnauthorizedIssue");
    expect(expired.body.message).toBe("The API key has expired.");
  });

  it("never caches an unknown key", async () => {
    const workspace = await createWorkspace();

    expectError(await callApi("/v1/me", { key: "topo_not_yet_created" }), 401, "UnauthorizedIssue");
    await db()
      .update(apiKeys)
      .set({ keyHash: await hashApiKey("topo_not_yet_created") })
      .where(eq(apiKeys.id, workspace.key.id));

    expectStatus(await callApi("/v1/me", { key: "topo_not_yet_created" }), 200);
  });
});
