import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { TaskIdParamsSchema } from "../tasks/schemas";
import { taskNotFound } from "../tasks/task-errors";
import { EXAMPLE_THREAD } from "./examples";
import { selectTaskThread } from "./queries";
import { MessageListSchema } from "./schemas";
import { serializeMessage } from "./serialize-message";

export const listTaskMessagesRoute = defineApiRoute({
  method: "get",
  path: "/v1/tasks/{id}/messages",
  operationId: "listTaskMessages",
  tags: ["Tasks"],
  summary: "List task messages",
  description:
    "Returns every message of the contact thread of the task's sequence run, oldest first, " +
    "in one response (not paginated): emails, LinkedIn messages, manual notes and calendar " +
    "messages sent and received, " +
    "so the assignee has the context without switching to the Topo UI.",
  scope: "tasks:read",
  errors: ["notFound"],
  request: { params: TaskIdParamsSchema },
  responses: {
    200: {
      description: "The thread, oldest first.",
      content: {
        "application/json": {
          schema: MessageListSchema,
          example: EXAMPLE_THREAD,
        },
      },
    },
  },
});

export function registerListTaskMessages(app: OpenAPIHono<AppEnv>) {
  app.openapi(listTaskMessagesRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { organizationId } = c.get("caller");

    const { task, thread } = await selectTaskThread(c.var.db, organizationId, id);
    if (task === undefined) {
      throw taskNotFound(id);
    }

    return c.json(thread.map(serializeMessage), 200);
  });
}
