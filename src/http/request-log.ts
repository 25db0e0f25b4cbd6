import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";

import type { AppEnv } from "../env";

/** Returns the OpenAPI path of the operation that handled the request, or null when none matched. */
function routeOf(c: Context<AppEnv>): string | null {
  const route = matchedRoutes(c)
    .filter((candidate) => candidate.method !== "ALL")
    .at(-1);
  return route === undefined ? null : route.path.replace(/:([^/]+)/g, "{$1}");
}

/**
 * Writes one JSON line per request after its response. It names the API key by its id and
 * never logs the key, the query string or the body, which may carry personal data.
 */
export const logRequest = createMiddleware<AppEnv>(async (c, next) => {
  const startedAt = performance.now();

  await next();

  const caller = c.get("caller");
  console.log(
    JSON.stringify({
      level: "info",
      message: "request",
      request_id: c.get("requestId"),
      method: c.req.method,
      route: routeOf(c),
      status: c.res.status,
      duration_ms: Math.round((performance.now() - startedAt) * 10) / 10,
      api_key_id: caller?.apiKeyId ?? null,
      workspace_id: caller?.organizationId ?? null,
    }),
  );
});
