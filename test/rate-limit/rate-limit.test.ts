import { describe, expect, it } from "vitest";

import wranglerConfig from "../../wrangler.toml?raw";
import { READ_BUDGET, WRITE_BUDGET } from "../../src/rate-limit/budgets";
import { callApi } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { createApiKey, createTask, createWorkspace } from "../helpers/factories";

const UNKNOWN_TASK = "019e5f6a-0000-7000-8000-000000000000";

function skipUnknownTask(key: string) {
  return callApi(`/v1/tasks/${UNKNOWN_TASK}/skip`, { method: "POST", key });
}

describe("rate limits", () => {
  it("names the read budget", async () => {
    const workspace = await createWorkspace();

    const response = await callApi("/v1/tasks", { key: workspace.key.rawKey });

    expectStatus(response, 200);
    expect(response.headers.get("RateLimit-Policy")).toBe('"reads";q=1200;w=60');
  });

  it("names the write budget", async () => {
    const workspace = await createWorkspace();

    const response = await skipUnknownTask(workspace.key.rawKey);

    expectError(response, 404, "NotFoundIssue");
    expect(response.headers.get("RateLimit-Policy")).toBe('"writes";q=300;w=60');
  });

  // Sends a whole budget of requests, which takes several seconds. The binding counts in
  // fixed windows, so when a window ends during the test the count starts again, and the
  // first 429 may come later than the limit, though never sooner.
  it("answers 429 over budget", { timeout: 90_000 }, async () => {
    const workspace = await createWorkspace();
    const secondKey = await createApiKey(workspace.organization.id);
    const task = await createTask(workspace);

    let accepted = 0;
    let limited = await skipUnknownTask(workspace.key.rawKey);
    while (limited.status === 404 && accepted <= 2 * WRITE_BUDGET.limit) {
      accepted += 1;
      limited = await skipUnknownTask(workspace.key.rawKey);
    }

    expect(accepted).toBeGreaterThanOrEqual(WRITE_BUDGET.limit);
    expectError(limited, 429, "RateLimitIssue");
    expect(limited.body.data).toEqual({ limit: 300, period_seconds: 60, budget: "writes" });
    expect(limited.headers.get("Retry-After")).toBe("60");
    expect(limited.headers.get("RateLimit-Policy")).toBe('"writes";q=300;w=60');
    expect(limited.headers.get("RateLimit")).toBe('"writes";r=0;t=60');

    const skip = await callApi(`/v1/tasks/${task.id}/skip`, { method: "POST", key: workspace.key.rawKey });
    expectError(skip, 429, "RateLimitIssue");
    const stillPending = await callApi(`/v1/tasks/${task.id}`, { key: workspace.key.rawKey });
    expectStatus(stillPending, 200);
    expect(stillPending.body.status).toBe("PENDING");
    expectError(await skipUnknownTask(secondKey.rawKey), 404, "NotFoundIssue");
  });

  it("skips requests without a key", async () => {
    const response = await callApi("/v1/tasks", { key: "topo_unknown" });

    expectError(response, 401, "UnauthorizedIssue");
    expect(response.headers.get("RateLimit-Policy")).toBeNull();
  });

  it("matches the budgets declared in wrangler.toml", () => {
    for (const [binding, budget] of [
      ["READ_RATE_LIMITER", READ_BUDGET],
      ["WRITE_RATE_LIMITER", WRITE_BUDGET],
    ] as const) {
      const declaration = new RegExp(
        `name = "${binding}"\\s+namespace_id = "\\d+"\\s+simple = \\{ limit = ${budget.limit}, period = ${budget.periodSeconds} \\}`,
      );
      expect(wranglerConfig).toMatch(declaration);
    }
  });
});
