import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { PENDING_TASK_EXAMPLE } from "./examples";
import { selectTaskPage } from "./queries";
import { ListTasksQuerySchema, TaskPageSchema } from "./schemas";
import { serializeTask } from "./serialize-task";

export const listTasksRoute = defineApiRoute({
  method: "get",
  path: "/v1/tasks",
  operationId: "listTasks",
  tags: ["Tasks"],
  summary: "List tasks",
  description:
    "Returns a page of the workspace's tasks. Filters combine with AND; a repeated filter " +
    "matches any of its values. Unknown query parameters are rejected, so a misspelled " +
    "filter fails instead of silently matching everything.",
  scope: "tasks:read",
  errors: [],
  request: { query: ListTasksQuerySchema },
  responses: {
    200: {
      description: "The page of tasks and the totals across all pages.",
      content: {
        "application/json": {
          schema: TaskPageSchema,
          example: { items: [PENDING_TASK_EXAMPLE], total_count: 1, total_pages: 1, has_more: false },
        },
      },
    },
  },
});

export function registerListTasks(app: OpenAPIHono<AppEnv>) {
  app.openapi(listTasksRoute, async (c) => {
    const query = c.req.valid("query");
    const { organizationId } = c.get("caller");

    const { rows, totalCount } = await selectTaskPage(c.var.db, organizationId, query);
    const totalPages = Math.ceil(totalCount / query.size);

    return c.json(
      {
        items: rows.map(serializeTask),
        total_count: totalCount,
        total_pages: totalPages,
        has_more: query.page < totalPages,
      },
      200,
    );
  });
}
