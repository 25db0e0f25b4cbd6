import type { Context } from "hono";
import { createMiddleware } from "hono/factory";

import { sha256Hex } from "../common/sha256";
import type { IdempotencyKeyRow } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { logUnexpectedError } from "../http/error-handler";
import { ChangeHeadersSchema, IDEMPOTENCY_KEY_HEADER } from "../http/request-headers";
import { validationError } from "../http/validation-hook";
import { claimKey, completeKey, releaseKey, type KeyClaim } from "./store";

export const REPLAYED_HEADER = "Idempotent-Replayed";

// Responses to requests that never ran are not stored, so a corrected retry with the same key
// runs. These are invalid input, a missing scope, limits, and server errors: after a server
// error nothing was written, because every change is one transaction.
const NOT_KEPT_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 413, 414, 415, 429]);

function isKept(status: number): boolean {
  return status < 500 && !NOT_KEPT_STATUSES.has(status);
}

// Only the headers that describe the stored body are replayed; the rest belong to each response.
const REPLAYED_RESPONSE_HEADERS = ["Content-Type", "ETag"] as const;

function readKey(c: Context<AppEnv>): string | undefined {
  const value = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (value === undefined) {
    return undefined;
  }

  const input = { [IDEMPOTENCY_KEY_HEADER]: value };
  const parsed = ChangeHeadersSchema.safeParse(input);
  if (!parsed.success) {
    throw validationError(parsed.error.issues, input, "header");
  }
  return value;
}

// A precondition is part of the request. The same change under another If-Match is a
// different request, so its retry must not get the first one's response.
const FINGERPRINTED_HEADERS = ["If-Match", "If-None-Match"] as const;

/**
 * The request as the key remembers it: method, path with query, the precondition headers
 * that were sent, and the exact body bytes.
 */
async function fingerprintOf(c: Context<AppEnv>): Promise<string> {
  const url = new URL(c.req.url);
  const lines = [`${c.req.method} ${url.pathname}${url.search}`];
  for (const name of FINGERPRINTED_HEADERS) {
    const value = c.req.header(name);
    if (value !== undefined) {
      lines.push(`${name}: ${value}`);
    }
  }

  const head = new TextEncoder().encode(`${lines.join("\n")}\n`);
  const body = new Uint8Array(await c.req.arrayBuffer());
  const bytes = new Uint8Array(head.byteLength + body.byteLength);
  bytes.set(head);
  bytes.set(body, head.byteLength);
  return sha256Hex(bytes);
}

function answerForTakenKey(key: string, existing: IdempotencyKeyRow, requestHash: string): Response {
  if (existing.requestHash !== requestHash) {
    throw new ApiError(
      "business",
      `Idempotency-Key ${key} was already used for a different request. Use a new key for a new request.`,
      { data: { idempotency_key: key } },
    );
  }
  if (existing.responseStatus === null) {
    throw new ApiError("conflict", `A request with Idempotency-Key ${key} is still running. Retry it in a second.`, {
      data: { idempotency_key: key },
      headers: { "Retry-After": "1" },
    });
  }

  return new Response(existing.responseBody, {
    status: existing.responseStatus,
    headers: { ...existing.responseHeaders, [REPLAYED_HEADER]: "true" },
  });
}

async function storedResponseOf(response: Response) {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_RESPONSE_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) {
      headers[name] = value;
    }
  }
  return { status: response.status, body: await response.clone().text(), headers };
}

/**
 * Makes a change safe to retry. The first request with a key claims it and stores its
 * response. A retry of the same request gets that response again and changes nothing. Runs after authentication and the scope check, so a refused request claims nothing.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = readKey(c);
  if (key === undefined) {
    return next();
  }

  const db = c.var.db;
  const claim: KeyClaim = {
    apiKeyId: c.get("caller").apiKeyId,
    key,
    requestHash: await fingerprintOf(c),
    createdAt: Date.now(),
  };

  const result = await claimKey(db, claim);
  if (result.outcome === "taken") {
    return answerForTakenKey(key, result.existing, claim.requestHash);
  }

  await next();

  // The change is already committed, so a failure to record its response must not turn it
  // into a 500. The key then stays locked until ABANDONED_REQUEST_MS has passed. A retry after
  // that runs again and finds the change made, because every change is conditional on the
  // state it starts from.
  try {
    if (isKept(c.res.status)) {
      await completeKey(db, claim, await storedResponseOf(c.res));
    } else {
      await releaseKey(db, claim);
    }
  } catch (error) {
    logUnexpectedError(c, error);
  }
});
