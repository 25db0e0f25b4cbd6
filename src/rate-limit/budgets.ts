// The request budgets of each API key. They must match the [[ratelimits]] bindings in
// wrangler.toml, which do the counting; these copies only feed the headers, errors and docs.

export interface RateLimitBudget {
  /** The name clients see in RateLimit-Policy and in the 429's data. */
  name: "reads" | "writes";
  limit: number;
  periodSeconds: number;
}

export const READ_BUDGET: RateLimitBudget = { name: "reads", limit: 1200, periodSeconds: 60 };
export const WRITE_BUDGET: RateLimitBudget = { name: "writes", limit: 300, periodSeconds: 60 };

/** GET and HEAD draw on the read budget; every other method on the write budget. */
export function budgetOf(method: string): RateLimitBudget {
  return method === "GET" || method === "HEAD" ? READ_BUDGET : WRITE_BUDGET;
}

/** Formats the budget as a RateLimit-Policy header value (IETF draft-ietf-httpapi-ratelimit-headers). */
export function policyHeaderOf(budget: RateLimitBudget): string {
  return `"${budget.name}";q=${budget.limit};w=${budget.periodSeconds}`;
}
