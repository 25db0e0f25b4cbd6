import { createMiddleware } from "hono/factory";

import type { AppEnv, Bindings } from "../env";
import { ApiError } from "../http/errors";
import { budgetOf, policyHeaderOf, type RateLimitBudget } from "./budgets";

export const RATE_LIMIT_POLICY_HEADER = "RateLimit-Policy";

function limiterOf(env: Bindings, budget: RateLimitBudget): RateLimit {
  return budget.name === "reads" ? env.READ_RATE_LIMITER : env.WRITE_RATE_LIMITER;
}

/**
 * Counts the request against its API key's read or write budget, so one busy key cannot
 * crowd out the others. Every response names the budget it drew on; the binding does not
 * report how much of it is left.
 */
export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const budget = budgetOf(c.req.method);
  const policy = policyHeaderOf(budget);
  c.header(RATE_LIMIT_POLICY_HEADER, policy);

  const { success } = await limiterOf(c.env, budget).limit({ key: c.get("caller").apiKeyId });
  if (!success) {
    // The window is fixed and the binding does not say when it ends, so a whole period is
    // the wait that is sure to be enough.
    throw new ApiError(
      "rateLimited",
      `This API key made more than ${budget.limit} ${budget.name.slice(0, -1)} requests in ${budget.periodSeconds} seconds. Retry after ${budget.periodSeconds} seconds.`,
      {
        data: { limit: budget.limit, period_seconds: budget.periodSeconds, budget: budget.name },
        headers: {
          "Retry-After": String(budget.periodSeconds),
          RateLimit: `"${budget.name}";r=0;t=${budget.periodSeconds}`,
        },
      },
    );
  }

  await next();
});
