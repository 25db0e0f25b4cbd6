import type { OpenAPIHono } from "@hono/zod-openapi";

import { createDatabase } from "../db/client";
import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { PENDING_TASK_EXAMPLE } from "./examples";
import { taskNotFound } from "./task-errors";
import { findTask } from "./queries";
import { TaskIdParamsSchema, TaskSchema } from "./schemas";
import { serializeTask } from "./serialize-task";

export const getTaskRoute = defineApiRoute({
  method: "get",
  path: "/v1/tasks/{id}",
  operationId: "getTask",
  tags: ["Tasks"],
  summary: "Get a task",
  description: "Fetches a single task by its ID.",
  scope: "tasks:read",
  errors: ["notFound"],
  request: { params: TaskIdParamsSchema },
  responses: {
    200: {
      description: "The task.",
      content: { "application/json": { schema: TaskSchema, example: PENDING_TASK_EXAMPLE } },
    },
  },
});

export function registerGetTask(app: OpenAPIHono<AppEnv>) {
  app.openapi(getTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { organizationId } = c.get("caller");

    const task = await findTask(createDatabase(c.env.DB), organizationId, id);
    if (task === undefined) {
      throw taskNotFound(id);
    }

    return c.json(serializeTask(task), 200);
  });
}
