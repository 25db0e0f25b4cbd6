import { createMiddleware } from "hono/factory";

import type { AppEnv } from "../env";
import { createDatabase } from "./client";
import { emptyD1Usage, measureD1, serverTimingOf } from "./d1-usage";

export const SERVER_TIMING_HEADER = "Server-Timing";

/**
 * Gives the request its database, measured: the response's Server-Timing header reports
 * the D1 round trips, the time spent in them and the rows they read and wrote, so a client
 * or a benchmark can see what each request costs.
 */
export const provideDatabase = createMiddleware<AppEnv>(async (c, next) => {
  const usage = emptyD1Usage();
  c.set("db", createDatabase(measureD1(c.env.DB, usage)));

  await next();

  c.res.headers.set(SERVER_TIMING_HEADER, serverTimingOf(usage));
});
