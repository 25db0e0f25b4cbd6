import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { TaskChangeHeadersSchema } from "../http/request-headers";
import { applyStatusChange, type StatusChange } from "./apply-status-change";
import { STARTED_TASK_EXAMPLE } from "./examples";
import { TaskIdParamsSchema, TaskSchema } from "./schemas";
import { respondWithTask, TASK_RESPONSE_HEADERS } from "./task-response";

export const startTaskRoute = defineApiRoute({
  method: "post",
  path: "/v1/tasks/{id}/start",
  operationId: "startTask",
  tags: ["Tasks"],
  summary: "Start a task",
  description:
    "Marks a PENDING task IN_PROGRESS: an assignee has opened it and is working on it. " +
    "Starting a task in any other status is a 422 BusinessIssue whose data gives the current status.",
  scope: "tasks:write",
  errors: ["notFound", "preconditionFailed", "business"],
  request: { params: TaskIdParamsSchema, headers: TaskChangeHeadersSchema },
  responses: {
    200: {
      description: "The started task.",
      headers: TASK_RESPONSE_HEADERS,
      content: { "application/json": { schema: TaskSchema, example: STARTED_TASK_EXAMPLE } },
    },
  },
});

export const startChange: StatusChange = {
  from: ["PENDING"],
  verb: "started",
  set: (at) => ({ status: "IN_PROGRESS", updatedAt: at }),
};

export function registerStartTask(app: OpenAPIHono<AppEnv>) {
  app.openapi(startTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { "If-Match": ifMatch } = c.req.valid("header");
    return respondWithTask(c, await applyStatusChange(c, id, ifMatch, startChange));
  });
}
