import { z } from "@hono/zod-openapi";

import type { ErrorKind } from "./errors";

// The response headers that the OpenAPI document declares, so generated clients and the
// reference page show them. The middleware and handlers that set them are the authority;
// these only describe them. A header that not every response of its kind carries is optional.

function header(description: string, example: string) {
  return z.string().openapi({ description, example });
}

/** Headers of every response of the API. */
export const COMMON_RESPONSE_HEADERS = {
  "X-Request-Id": header(
    "The id of this request, also in error bodies and logs.",
    "01934f7a-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
  ),
  "RateLimit-Policy": header(
    "The request budget this request drew on: its name, quota (q) and window in seconds (w). Absent when the request was turned away before it was counted.",
    '"reads";q=1200;w=60',
  ).optional(),
  "Server-Timing": header(
    "What the request cost in D1: time in milliseconds, round trips, rows read and rows written.",
    "d1;dur=1.4, d1-calls;desc=1, d1-rows-read;desc=42, d1-rows-written;desc=0",
  ),
};

/** Headers of a response to a change, which may be a replay. */
export const CHANGE_RESPONSE_HEADERS = {
  "Idempotent-Replayed": header(
    "true when this is the stored response to an earlier request with the same Idempotency-Key; nothing was changed again. Its body keeps the first request's request_id.",
    "true",
  ).optional(),
};

/** Headers that only some errors carry. */
export const ERROR_RESPONSE_HEADERS: Partial<Record<ErrorKind, Record<string, z.ZodType>>> = {
  unauthorized: {
    "WWW-Authenticate": header(
      "The bearer challenge, with the reason for the failure.",
      'Bearer realm="topo", error="invalid_token"',
    ),
  },
  forbidden: {
    "WWW-Authenticate": header(
      "The bearer challenge, naming the missing scope.",
      'Bearer realm="topo", error="insufficient_scope"',
    ),
  },
  methodNotAllowed: { Allow: header("The methods the path accepts.", "GET, HEAD") },
  conflict: { "Retry-After": header("Seconds to wait before retrying.", "1") },
  rateLimited: {
    "Retry-After": header(
      "Seconds to wait before retrying: a whole window, since the binding does not say when the current one ends.",
      "60",
    ),
    RateLimit: header(
      "The budget that ran out, with nothing remaining (r=0) and the longest wait in seconds (t).",
      '"writes";r=0;t=60',
    ),
  },
};
