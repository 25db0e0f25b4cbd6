import type { Context } from "hono";
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";

import type { AppEnv } from "../env";

function allowedOriginsOf(c: Context<AppEnv>): string[] {
  return (c.env.CORS_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
}

const corsHeaders = cors({
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

/**
 * Lets browser clients on the origins in CORS_ALLOWED_ORIGINS call the API. It runs before
 * authentication, so a preflight OPTIONS needs no key, and it sets its headers on errors
 * too, so a browser can read a 401 or a 429. Keys travel in the Authorization header, not
 * in cookies, so credentials stay off. An OPTIONS request that is not a preflight goes on to
 * the routes, which respond with a 405 and the path's Allow header.
 */
export const allowCrossOrigin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === "OPTIONS" && c.req.header("Access-Control-Request-Method") === undefined) {
    return next();
  }
  return corsHeaders(c, next);
});
