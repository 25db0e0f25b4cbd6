import type { OpenAPIHono } from "@hono/zod-openapi";
import { eq, ne } from "drizzle-orm";

import { tasks } from "../db/schema";
import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { ApiError } from "../http/errors";
import { TaskChangeHeadersSchema } from "../http/request-headers";
import type { TaskDisposition } from "../common/enums";
import { applyStatusChange, type StatusChange } from "./apply-status-change";
import { COMPLETED_TASK_EXAMPLE } from "./examples";
import { CompleteTaskBodySchema, TaskIdParamsSchema, TaskSchema } from "./schemas";
import { respondWithTask, TASK_RESPONSE_HEADERS } from "./task-response";
import { ACTIONABLE_STATUSES } from "./transitions";

export const completeTaskRoute = defineApiRoute({
  method: "post",
  path: "/v1/tasks/{id}/complete",
  operationId: "completeTask",
  tags: ["Tasks"],
  summary: "Complete a task",
  description:
    "Marks a PENDING or IN_PROGRESS task COMPLETED and sets completed_at. A CALL task needs " +
    "the call's outcome in disposition; any other type must be completed without one, and " +
    "then the body may be left out. Completing a task in another status, a CALL task without " +
    "a disposition, or another type with one, is a 422 BusinessIssue.",
  scope: "tasks:write",
  errors: ["notFound", "preconditionFailed", "unsupportedMediaType", "business"],
  request: {
    params: TaskIdParamsSchema,
    headers: TaskChangeHeadersSchema,
    body: {
      required: false,
      content: {
        "application/json": { schema: CompleteTaskBodySchema, example: { disposition: "ANSWERED" } },
      },
    },
  },
  responses: {
    200: {
      description: "The completed task.",
      headers: TASK_RESPONSE_HEADERS,
      content: { "application/json": { schema: TaskSchema, example: COMPLETED_TASK_EXAMPLE } },
    },
  },
});

/** Completion with the given call outcome, or without one; only CALL tasks take an outcome. */
export function completeChange(disposition: TaskDisposition | undefined): StatusChange {
  return {
    from: ACTIONABLE_STATUSES,
    verb: "completed",
    set: (at) => ({ status: "COMPLETED", completedAt: at, disposition: disposition ?? null, updatedAt: at }),
    condition: disposition === undefined ? ne(tasks.type, "CALL") : eq(tasks.type, "CALL"),
    explainCondition: (taskId, type) =>
      disposition === undefined
        ? new ApiError("business", `Task ${taskId} is a CALL task; completing it needs a disposition.`, {
            data: { task_id: taskId, type, field: "disposition" },
          })
        : new ApiError(
            "business",
            `Task ${taskId} is ${/^[AEIOU]/.test(type) ? "an" : "a"} ${type} task; only CALL tasks take a disposition.`,
            {
              data: { task_id: taskId, type, field: "disposition" },
            },
          ),
  };
}

export function registerCompleteTask(app: OpenAPIHono<AppEnv>) {
  app.openapi(completeTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { "If-Match": ifMatch } = c.req.valid("header");
    const { disposition } = c.req.valid("json");
    return respondWithTask(c, await applyStatusChange(c, id, ifMatch, completeChange(disposition)));
  });
}
