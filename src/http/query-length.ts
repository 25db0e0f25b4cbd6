import { createMiddleware } from "hono/factory";

import type { AppEnv } from "../env";
import { ApiError, MAX_QUERY_STRING_LENGTH } from "./errors";

/** Rejects a query string over MAX_QUERY_STRING_LENGTH with a 414 before any parsing or query. */
export const limitQueryLength = createMiddleware<AppEnv>(async (c, next) => {
  const url = c.req.url;
  const queryStart = url.indexOf("?");
  const length = queryStart === -1 ? 0 : url.length - queryStart - 1;

  if (length > MAX_QUERY_STRING_LENGTH) {
    throw new ApiError(
      "uriTooLong",
      `The query string is ${length} characters long; the limit is ${MAX_QUERY_STRING_LENGTH}.`,
      { data: { max_length: MAX_QUERY_STRING_LENGTH, length } },
    );
  }

  await next();
});
