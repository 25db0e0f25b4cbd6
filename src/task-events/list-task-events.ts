import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { ApiError } from "../http/errors";
import { TASK_EVENT_RETENTION_DAYS } from "./prune-events";
import { TASK_EVENT_PAGE_EXAMPLE } from "./examples";
import { selectTaskEventPage } from "./queries";
import { ListTaskEventsQuerySchema, TaskEventPageSchema } from "./schemas";
import { serializeTaskEvent } from "./serialize-task-event";

export const listTaskEventsRoute = defineApiRoute({
  method: "get",
  path: "/v1/task-events",
  operationId: "listTaskEvents",
  tags: ["Task events"],
  summary: "List task events",
  description:
    "Returns a page of the workspace's task event log, by ascending sequence_number. Every " +
    "committed change of a task (created, started, completed, skipped, reopened, reassigned) " +
    "appends one event, numbered 1, 2, 3… per workspace in commit order with no gaps, so a " +
    "consumer that stores the last sequence_number it processed misses nothing and sees nothing " +
    "twice. To follow the log, ask for after_sequence_number=N (the last number processed) with " +
    "page=1, process the items, set N to the last item's sequence_number and ask again; an empty " +
    "page means you are up to date. Filters combine with AND; unknown query parameters are rejected.\n\n" +
    `Events are kept at least ${TASK_EVENT_RETENTION_DAYS} days. When after_sequence_number is below ` +
    "the highest number that retention has deleted, events you never saw are gone, and the answer is " +
    "a 410 GoneIssue whose data.pruned_through_sequence_number is that number: resynchronise (for " +
    "example from GET /v1/tasks), then resume after it.",
  scope: "tasks:read",
  errors: ["gone"],
  request: { query: ListTaskEventsQuerySchema },
  responses: {
    200: {
      description: "The page of events and the totals across all pages.",
      content: { "application/json": { schema: TaskEventPageSchema, example: TASK_EVENT_PAGE_EXAMPLE } },
    },
  },
});

export function registerListTaskEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(listTaskEventsRoute, async (c) => {
    const query = c.req.valid("query");
    const { organizationId } = c.get("caller");

    const { rows, totalCount, prunedThrough } = await selectTaskEventPage(c.var.db, organizationId, query);
    if (query.after_sequence_number < prunedThrough) {
      throw new ApiError(
        "gone",
        `Task events up to sequence number ${prunedThrough} were deleted by retention; ` +
          `after_sequence_number ${query.after_sequence_number} is too old.`,
        { data: { pruned_through_sequence_number: prunedThrough } },
      );
    }
    const totalPages = Math.ceil(totalCount / query.size);

    return c.json(
      {
        items: rows.map(serializeTaskEvent),
        total_count: totalCount,
        total_pages: totalPages,
        has_more: query.page < totalPages,
      },
      200,
    );
  });
}
