import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { changeActorOf } from "./apply-status-change";
import { defineApiRoute } from "../http/define-route";
import { TaskChangeHeadersSchema } from "../http/request-headers";
import { REASSIGNED_TASK_EXAMPLE } from "./examples";
import { reassignTasks } from "./mutations";
import { EXAMPLE_NEW_ASSIGNEE_ID } from "../common/example-ids";
import { ReassignTaskBodySchema, TaskIdParamsSchema, TaskSchema } from "./schemas";
import { versionsAllowedBy } from "./task-etag";
import { assigneeNotInWorkspace, statusForbidsChange, taskChangedSince, taskNotFound } from "./task-errors";
import { respondWithTask, TASK_RESPONSE_HEADERS } from "./task-response";
import { ACTIONABLE_STATUSES } from "./transitions";

export const reassignTaskRoute = defineApiRoute({
  method: "patch",
  path: "/v1/tasks/{id}/assignee",
  operationId: "reassignTask",
  tags: ["Tasks"],
  summary: "Reassign a task",
  description:
    "Assigns a task to another user of the workspace. With scope TASK (the default) only this " +
    "task is reassigned, and it must be PENDING or IN_PROGRESS. With scope SEQUENCE every " +
    "PENDING or IN_PROGRESS task of the same sequence run is reassigned in one atomic step, " +
    "this task included when it is actionable; COMPLETED and SKIPPED tasks are not affected. " +
    "The response is this task as it is afterwards. Tasks already assigned to the user " +
    "are left as they are, so repeating a request changes nothing.",
  scope: "tasks:write",
  errors: ["notFound", "preconditionFailed", "unsupportedMediaType", "business"],
  request: {
    params: TaskIdParamsSchema,
    headers: TaskChangeHeadersSchema,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: ReassignTaskBodySchema,
          example: { assignee_user_id: EXAMPLE_NEW_ASSIGNEE_ID, scope: "SEQUENCE" },
        },
      },
    },
  },
  responses: {
    200: {
      description: "The task as it is after the reassignment.",
      headers: TASK_RESPONSE_HEADERS,
      content: { "application/json": { schema: TaskSchema, example: REASSIGNED_TASK_EXAMPLE } },
    },
  },
});

export function registerReassignTask(app: OpenAPIHono<AppEnv>) {
  app.openapi(reassignTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { assignee_user_id: assigneeUserId, scope } = c.req.valid("json");
    const { "If-Match": ifMatch } = c.req.valid("header");
    const result = await reassignTasks(
      c.var.db,
      changeActorOf(c),
      id,
      assigneeUserId,
      scope,
      versionsAllowedBy(ifMatch),
      Date.now(),
    );

    switch (result.outcome) {
      case "reassigned":
        return respondWithTask(c, result.task);
      case "notFound":
        throw taskNotFound(id);
      case "preconditionFailed":
        throw taskChangedSince(id, result.version);
      case "unknownAssignee":
        throw assigneeNotInWorkspace(assigneeUserId);
      case "notAllowed":
        throw statusForbidsChange(id, result.status, ACTIONABLE_STATUSES, "reassigned with scope TASK");
    }
  });
}
