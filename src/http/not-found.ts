import type { NotFoundHandler } from "hono";

import type { AppEnv } from "../env";
import { ApiError } from "./errors";

export interface RouteEntry {
  method: string;
  path: string;
}

function patternOf(path: string): RegExp {
  const escaped = path
    .split("/")
    .map((segment) => (segment.startsWith(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${escaped}$`);
}

function parameterCount(path: string): number {
  return path.split("/").filter((segment) => segment.startsWith(":")).length;
}

// An unknown path is echoed back to help find a typo, but not at any length: the error
// would otherwise be as large as the URL.
const MAX_ECHOED_PATH_LENGTH = 200;

function shortened(path: string): string {
  return path.length > MAX_ECHOED_PATH_LENGTH ? `${path.slice(0, MAX_ECHOED_PATH_LENGTH)}…` : path;
}

/**
 * Handles a request that no route matched: a 405 with an Allow header when the path exists
 * under other methods, else a 404. Both use the family's error body.
 */
export function createNotFoundHandler(listRoutes: () => readonly RouteEntry[]): NotFoundHandler<AppEnv> {
  let patterns: { method: string; path: string; pattern: RegExp }[] | undefined;

  return (c) => {
    patterns ??= listRoutes()
      .filter((route) => route.method !== "ALL")
      .map((route) => ({ ...route, pattern: patternOf(route.path) }));

    // A literal segment outranks a parameter, as in routing: /v1/tasks/bulk-actions is not
    // /v1/tasks/{id}, so only the routes with the fewest parameters count.
    const candidates = patterns.filter((route) => route.pattern.test(c.req.path));
    const fewest = Math.min(...candidates.map((route) => parameterCount(route.path)));
    const matching = candidates.filter((route) => parameterCount(route.path) === fewest);

    if (matching.length === 0) {
      const path = shortened(c.req.path);
      throw new ApiError("notFound", `No endpoint matches ${path}.`, { data: { path } });
    }

    const allowed = new Set(matching.map((route) => route.method));
    if (allowed.has("GET")) {
      allowed.add("HEAD");
    }
    const allow = [...allowed].sort().join(", ");
    const template = matching[0]!.path.replace(/:([^/]+)/g, "{$1}");

    throw new ApiError(
      "methodNotAllowed",
      `${c.req.method} is not allowed on ${template}; allowed methods: ${allow}.`,
      { data: { method: c.req.method, allowed_methods: [...allowed].sort() }, headers: { Allow: allow } },
    );
  };
}
