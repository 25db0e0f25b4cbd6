import { createMiddleware } from "hono/factory";

import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { hasScope, type Scope } from "./scopes";

/** Rejects the request with a 403 unless the caller's key carries the scope. */
export function requireScope(scope: Scope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { scopes } = c.get("caller");

    if (!hasScope(scopes, scope)) {
      throw new ApiError("forbidden", `This API key lacks the ${scope} scope.`, {
        data: { required_scope: scope, granted_scopes: [...scopes] },
        headers: {
          "WWW-Authenticate": `Bearer realm="topo", error="insufficient_scope", scope="${scope}"`,
        },
      });
    }

    await next();
  });
}
