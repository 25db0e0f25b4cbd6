import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { applyStatusChange, type StatusChange } from "./apply-status-change";
import { SKIPPED_TASK_EXAMPLE } from "./examples";
import { TaskIdParamsSchema, TaskSchema } from "./schemas";
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
  errors: ["notFound", "business"],
  request: { params: TaskIdParamsSchema },
  responses: {
    200: {
      description: "The skipped task.",
      content: { "application/json": { schema: TaskSchema, example: SKIPPED_TASK_EXAMPLE } },
    },
  },
});

const skip: StatusChange = {
  from: ACTIONABLE_STATUSES,
  verb: "skipped",
  values: (now) => ({ status: "SKIPPED", skippedAt: now, updatedAt: now }),
};

export function registerSkipTask(app: OpenAPIHono<AppEnv>) {
  app.openapi(skipTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await applyStatusChange(c, id, skip), 200);
  });
}
