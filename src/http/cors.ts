import type { Context } from "hono";
import { cors } from "hono/cors";

import type { AppEnv } from "../env";

function allowedOriginsOf(c: Context<AppEnv>): string[] {
  return (c.env.CORS_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
}

/**
 * Lets browser clients on the origins in CORS_ALLOWED_ORIGINS call the API. It runs before
 * authentication, so a preflight OPTIONS needs no key, and it sets its headers on errors
 * too, so a browser can read a 401 or a 429. Keys travel in the Authorization header, not
 * in cookies, so credentials stay off.
 */
export const allowCrossOrigin = cors({
  origin: (origin, c: Context<AppEnv>) => (allowedOriginsOf(c).includes(origin) ? origin : null),
  allowMethods: ["GET", "HEAD", "POST", "PATCH", "OPTIONS"],
  allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match"],
  exposeHeaders: [
    "X-Request-Id",
    "ETag",
    "Idempotent-Replayed",
    "RateLimit-Policy",
    "RateLimit",
    "Retry-After",
    "Allow",
    "WWW-Authenticate",
  ],
  maxAge: 600,
});
