import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { TaskReadHeadersSchema } from "../http/request-headers";
import { PENDING_TASK_EXAMPLE } from "./examples";
import { taskNotFound } from "./task-errors";
import { findTask } from "./queries";
import { TaskIdParamsSchema, TaskSchema } from "./schemas";
import { isCurrentVersion, taskETag } from "./task-etag";
import { respondWithTask, TASK_RESPONSE_HEADERS } from "./task-response";

export const getTaskRoute = defineApiRoute({
  method: "get",
  path: "/v1/tasks/{id}",
  operationId: "getTask",
  tags: ["Tasks"],
  summary: "Get a task",
  description:
    "Fetches a single task by its ID. The ETag header identifies this state of the task: " +
    "send it in If-None-Match to get a 304 without a body while the task is unchanged.",
  scope: "tasks:read",
  errors: ["notFound"],
  request: { params: TaskIdParamsSchema, headers: TaskReadHeadersSchema },
  responses: {
    200: {
      description: "The task.",
      headers: TASK_RESPONSE_HEADERS,
      content: { "application/json": { schema: TaskSchema, example: PENDING_TASK_EXAMPLE } },
    },
    304: {
      description: "The task is unchanged since the ETag that If-None-Match names. The response has no body.",
      headers: TASK_RESPONSE_HEADERS,
    },
  },
});

export function registerGetTask(app: OpenAPIHono<AppEnv>) {
  app.openapi(getTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { "If-None-Match": ifNoneMatch } = c.req.valid("header");
    const { organizationId } = c.get("caller");

    const task = await findTask(c.var.db, organizationId, id);
    if (task === undefined) {
      throw taskNotFound(id);
    }

    if (isCurrentVersion(ifNoneMatch, task.version)) {
      return c.body(null, 304, { ETag: taskETag(task.version) });
    }
    return respondWithTask(c, task);
  });
}
