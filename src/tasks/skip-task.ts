import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { TaskChangeHeadersSchema } from "../http/request-headers";
import { applyStatusChange, type StatusChange } from "./apply-status-change";
import { SKIPPED_TASK_EXAMPLE } from "./examples";
import { TaskIdParamsSchema, TaskSchema } from "./schemas";
import { respondWithTask, TASK_RESPONSE_HEADERS } from "./task-response";
import { ACTIONABLE_STATUSES } from "./transitions";

export const skipTaskRoute = defineApiRoute({
  method: "post",
  path: "/v1/tasks/{id}/skip",
  operationId: "skipTask",
  tags: ["Tasks"],
  summary: "Skip a task",
  description:
    "Skips an actionable task (PENDING or IN_PROGRESS), marking it SKIPPED without recording " +
    "a completion; the sequence continues to its next step. Skipping a task in any other " +
    "status is a 422 BusinessIssue whose data gives the current status.",
  scope: "tasks:write",
  errors: ["notFound", "preconditionFailed", "business"],
  request: { params: TaskIdParamsSchema, headers: TaskChangeHeadersSchema },
  responses: {
    200: {
      description: "The skipped task.",
      headers: TASK_RESPONSE_HEADERS,
      content: { "application/json": { schema: TaskSchema, example: SKIPPED_TASK_EXAMPLE } },
    },
  },
});

export const skipChange: StatusChange = {
  from: ACTIONABLE_STATUSES,
  verb: "skipped",
  set: (at) => ({ status: "SKIPPED", skippedAt: at, updatedAt: at }),
};

export function registerSkipTask(app: OpenAPIHono<AppEnv>) {
  app.openapi(skipTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { "If-Match": ifMatch } = c.req.valid("header");
    return respondWithTask(c, await applyStatusChange(c, id, ifMatch, skipChange));
  });
}
