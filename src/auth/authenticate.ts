import { createMiddleware } from "hono/factory";

import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { hashApiKey, parseBearerToken } from "./api-key";
import { findApiKeyCached } from "./key-cache";
import { recordKeyUse } from "./record-key-use";

const REALM = 'Bearer realm="topo"';

function unauthorized(message: string, error?: "invalid_request" | "invalid_token"): ApiError {
  const challenge = error ? `${REALM}, error="${error}", error_description="${message}"` : REALM;
  return new ApiError("unauthorized", message, { headers: { "WWW-Authenticate": challenge } });
}

/**
 * Verifies the bearer API key before any endpoint logic runs and stores the caller in the
 * context. Missing, malformed, unknown, revoked and expired keys are all a 401.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const bearer = parseBearerToken(c.req.header("Authorization"));

  if (bearer.kind === "missing") {
    throw unauthorized("The Authorization header is missing. Send Authorization: Bearer <API key>.");
  }
  if (bearer.kind === "malformed") {
    throw unauthorized(
      "The Authorization header is malformed. Send Authorization: Bearer <API key>.",
      "invalid_request",
    );
  }

  const now = Date.now();
  const key = await findApiKeyCached(c.var.db, await hashApiKey(bearer.token), now);

  if (key === undefined) {
    throw unauthorized("The API key is not valid.", "invalid_token");
  }
  if (key.revokedAt !== null && key.revokedAt <= now) {
    throw unauthorized("The API key has been revoked.", "invalid_token");
  }
  if (key.expiresAt !== null && key.expiresAt <= now) {
    throw unauthorized("The API key has expired.", "invalid_token");
  }

  recordKeyUse(c, key.id, key.lastUsedAt, now);

  c.set("caller", {
    apiKeyId: key.id,
    apiKeyName: key.name,
    apiKeyPrefix: key.prefix,
    organizationId: key.organizationId,
    organizationName: key.organizationName,
    scopes: key.scopes,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
  });

  await next();
});
