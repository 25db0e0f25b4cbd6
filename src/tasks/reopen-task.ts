import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { TaskChangeHeadersSchema } from "../http/request-headers";
import { applyStatusChange, type StatusChange } from "./apply-status-change";
import { REOPENED_TASK_EXAMPLE } from "./examples";
import { TaskIdParamsSchema, TaskSchema } from "./schemas";
import { respondWithTask, TASK_RESPONSE_HEADERS } from "./task-response";
import { FINISHED_STATUSES } from "./transitions";

export const reopenTaskRoute = defineApiRoute({
  method: "post",
  path: "/v1/tasks/{id}/reopen",
  operationId: "reopenTask",
  tags: ["Tasks"],
  summary: "Reopen a task",
  description:
    "Returns a COMPLETED or SKIPPED task to PENDING so it can be actioned again. The task " +
    "becomes actionable as if new: completed_at, skipped_at and disposition are cleared, " +
    "reopened_at is set, and reopen_reason is null because REMINDER_RULE is reserved for " +
    "reopens by reminder rules. Reopening a task in any other status is a 422 BusinessIssue.",
  scope: "tasks:write",
  errors: ["notFound", "preconditionFailed", "business"],
  request: { params: TaskIdParamsSchema, headers: TaskChangeHeadersSchema },
  responses: {
    200: {
      description: "The reopened task.",
      headers: TASK_RESPONSE_HEADERS,
      content: { "application/json": { schema: TaskSchema, example: REOPENED_TASK_EXAMPLE } },
    },
  },
});

export const reopenChange: StatusChange = {
  from: FINISHED_STATUSES,
  verb: "reopened",
  set: (at) => ({
    status: "PENDING",
    reopenedAt: at,
    reopenReason: null,
    completedAt: null,
    skippedAt: null,
    disposition: null,
    updatedAt: at,
  }),
};

export function registerReopenTask(app: OpenAPIHono<AppEnv>) {
  app.openapi(reopenTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { "If-Match": ifMatch } = c.req.valid("header");
    return respondWithTask(c, await applyStatusChange(c, id, ifMatch, reopenChange));
  });
}
