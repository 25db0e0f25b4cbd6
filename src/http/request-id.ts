import { createMiddleware } from "hono/factory";

import type { AppEnv } from "../env";
import { createUuidV7 } from "../common/ids";

export const REQUEST_ID_HEADER = "X-Request-Id";

/** Gives every request an id, returned in a header of every response, errors included. */
export const assignRequestId = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = createUuidV7();
  c.set("requestId", requestId);

  await next();

  c.res.headers.set(REQUEST_ID_HEADER, requestId);
});
