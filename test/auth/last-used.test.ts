import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

import { LAST_USED_RESOLUTION_MS } from "../../src/auth/record-key-use";
import { apiKeys } from "../../src/db/schema";
import { callApi } from "../helpers/api";
import { expectStatus } from "../helpers/assertions";
import { createWorkspace, db } from "../helpers/factories";

async function lastUsedAtOf(apiKeyId: string): Promise<number | null> {
  const [row] = await db().select({ lastUsedAt: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, apiKeyId));
  return row!.lastUsedAt;
}

async function setLastUsedAt(apiKeyId: string, lastUsedAt: number): Promise<void> {
  await db().update(apiKeys).set({ lastUsedAt }).where(eq(apiKeys.id, apiKeyId));
}

// The worker writes last_used_at after its response, so the tests wait for the write, or
// give it time to happen before asserting that it did not.
const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("last_used_at", () => {
  it("records a key's first use", async () => {
    const workspace = await createWorkspace();
    const before = Date.now();

    expectStatus(await callApi("/v1/me", { key: workspace.key.rawKey }), 200);

    await vi.waitFor(async () => expect(await lastUsedAtOf(workspace.key.id)).toBeGreaterThanOrEqual(before));
  });

  it("leaves a recent value alone", async () => {
    const workspace = await createWorkspace();
    const recent = Date.now() - LAST_USED_RESOLUTION_MS / 2;
    await setLastUsedAt(workspace.key.id, recent);

    expectStatus(await callApi("/v1/me", { key: workspace.key.rawKey }), 200);
    await pause();

    expect(await lastUsedAtOf(workspace.key.id)).toBe(recent);
  });

  it("updates a value older than the resolution", async () => {
    const workspace = await createWorkspace();
    const old = Date.now() - LAST_USED_RESOLUTION_MS - 1000;
    await setLastUsedAt(workspace.key.id, old);

    expectStatus(await callApi("/v1/me", { key: workspace.key.rawKey }), 200);

    await vi.waitFor(async () => expect(await lastUsedAtOf(workspace.key.id)).toBeGreaterThan(old));
  });

  it("writes once for bursts of requests", async () => {
    const workspace = await createWorkspace();

    await Promise.all(Array.from({ length: 20 }, () => callApi("/v1/me", { key: workspace.key.rawKey })));
    await vi.waitFor(async () => expect(await lastUsedAtOf(workspace.key.id)).not.toBeNull());
    const first = await lastUsedAtOf(workspace.key.id);
    await Promise.all(Array.from({ length: 20 }, () => callApi("/v1/me", { key: workspace.key.rawKey })));
    await pause();

    expect(await lastUsedAtOf(workspace.key.id)).toBe(first);
  });
});
