import { z } from "@hono/zod-openapi";
import type { Context } from "hono";

import type { TaskRow } from "../db/schema";
import type { AppEnv } from "../env";
import { serializeTask } from "./serialize-task";
import { taskETag } from "./task-etag";

/** The response headers of every operation that returns one task. */
export const TASK_RESPONSE_HEADERS = z.object({
  ETag: z.string().openapi({
    description:
      "A strong entity tag of the task that changes whenever the task changes. Send it back " +
      "in If-Match to change the task only if nobody else has, or in If-None-Match to fetch it only if it changed.",
    example: '"v3"',
  }),
});

/** Returns the task as JSON, with its ETag. */
export function respondWithTask(c: Context<AppEnv>, row: TaskRow) {
  return c.json(serializeTask(row), 200, { ETag: taskETag(row.version) });
}
