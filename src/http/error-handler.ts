import { DrizzleQueryError } from "drizzle-orm/errors";
import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";

import type { AppEnv } from "../env";
import { buildErrorBody, errorBodyOf } from "./error-body";
import { createUuidV7 } from "../common/ids";
import { ApiError, ERROR_KINDS, type ErrorKind } from "./errors";
import { REQUEST_ID_HEADER } from "./request-id";

// Hono and its validators throw HTTPException for malformed requests (bad JSON, a body
// that is not JSON). These map onto the family's types; any other status is unexpected.
const KIND_OF_HTTP_STATUS: Partial<Record<number, ErrorKind>> = {
  400: "validation",
  401: "unauthorized",
  404: "notFound",
  405: "methodNotAllowed",
  410: "gone",
  415: "unsupportedMediaType",
};

const HTTP_EXCEPTION_MESSAGES: Partial<Record<ErrorKind, string>> = {
  unsupportedMediaType: ERROR_KINDS.unsupportedMediaType.example,
};

function requestIdOf(c: Context<AppEnv>): string {
  return c.get("requestId") ?? createUuidV7();
}

function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) {
    return error;
  }
  if (error instanceof HTTPException) {
    const kind = KIND_OF_HTTP_STATUS[error.status];
    if (kind === "validation") {
      // The only 400 Hono raises itself is for a body that does not parse as JSON.
      return new ApiError("validation", "Invalid body: the request body is not valid JSON.", {
        data: { issues: [{ location: "body", name: "", message: "is not valid JSON" }] },
      });
    }
    if (kind !== undefined) {
      return new ApiError(kind, HTTP_EXCEPTION_MESSAGES[kind] ?? `${error.message}.`);
    }
  }
  return undefined;
}

/** Writes one JSON log line with the stack of an error the API did not expect. */
export function logUnexpectedError(c: Context<AppEnv>, error: unknown): void {
  // A failed Drizzle query carries its bound parameters in its message, and those can
  // include a key hash, so the log keeps the SQL and the driver's error but not the values.
  const logged = error instanceof DrizzleQueryError && error.cause instanceof Error ? error.cause : error;
  console.error(
    JSON.stringify({
      level: "error",
      message: "unexpected error",
      request_id: requestIdOf(c),
      method: c.req.method,
      path: c.req.path,
      query: error instanceof DrizzleQueryError ? error.query : undefined,
      error: logged instanceof Error ? logged.message : String(logged),
      stack: logged instanceof Error ? logged.stack : undefined,
    }),
  );
}

/**
 * Turns every thrown error into the family's error body. It sets the request id header
 * itself, because Hono returns this response directly, skipping the middleware that sets
 * it, when the only handler matched is the not-found handler. Errors the API does not expect
 * are logged with their stack and the request id, and the client sees a generic 500.
 */
export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  const requestId = requestIdOf(c);
  const apiError = toApiError(error);

  if (apiError !== undefined) {
    return c.json(errorBodyOf(apiError, requestId), apiError.status, {
      ...apiError.headers,
      [REQUEST_ID_HEADER]: requestId,
    });
  }

  logUnexpectedError(c, error);

  const { example } = ERROR_KINDS.internal;
  return c.json(buildErrorBody("internal", example, requestId), 500, { [REQUEST_ID_HEADER]: requestId });
};
