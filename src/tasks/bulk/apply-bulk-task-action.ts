import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../../env";
import { defineApiRoute } from "../../http/define-route";
import { ChangeHeadersSchema } from "../../http/request-headers";
import { changeActorOf } from "../apply-status-change";
import { changeTasks } from "../mutations";
import { changeOfBulkAction } from "./action-changes";
import { BULK_ACTION_REQUEST_EXAMPLE, BULK_ACTION_RESPONSE_EXAMPLE } from "./examples";
import { buildBulkResponse } from "./results";
import { BulkTaskActionRequestSchema, BulkTaskActionResponseSchema, MAX_BULK_TASK_IDS } from "./schemas";

export const BULK_TASK_ACTIONS_PATH = "/v1/tasks/bulk-actions";

export const applyBulkTaskActionRoute = defineApiRoute({
  method: "post",
  path: BULK_TASK_ACTIONS_PATH,
  operationId: "applyBulkTaskAction",
  tags: ["Tasks"],
  summary: "Apply an action to many tasks",
  description:
    `Skips, reopens, starts, completes or reassigns up to ${MAX_BULK_TASK_IDS} tasks in one request. ` +
    "Each task changes on its own, exactly as its single-task operation would change it, and a " +
    "task that cannot change does not hold back the others. The response is 200 with one result " +
    "per task, in request order: the task after the change, or the status and error body that " +
    "the single-task operation would have returned (404 for a task that does not exist or " +
    "belongs to another workspace, 422 for one whose status or type does not allow the action). " +
    "A reassignment to a user outside the workspace is a 422 for the whole request, and no task changes.",
  scope: "tasks:write",
  errors: ["unsupportedMediaType", "business"],
  request: {
    headers: ChangeHeadersSchema,
    body: {
      required: true,
      content: {
        "application/json": { schema: BulkTaskActionRequestSchema, example: BULK_ACTION_REQUEST_EXAMPLE },
      },
    },
  },
  responses: {
    200: {
      description: "The result for each task.",
      content: {
        "application/json": { schema: BulkTaskActionResponseSchema, example: BULK_ACTION_RESPONSE_EXAMPLE },
      },
    },
  },
});

export function registerApplyBulkTaskAction(app: OpenAPIHono<AppEnv>) {
  app.openapi(applyBulkTaskActionRoute, async (c) => {
    const request = c.req.valid("json");
    const actor = changeActorOf(c);
    const change = changeOfBulkAction(c.var.db, actor.organizationId, request);

    // Bulk actions take no If-Match, so every version is allowed.
    const { requirementMet, outcomes } = await changeTasks(
      c.var.db,
      actor,
      request.task_ids,
      change,
      undefined,
      Date.now(),
    );

    if (!requirementMet && change.explainRequirement !== undefined) {
      throw change.explainRequirement();
    }
    return c.json(buildBulkResponse(request.task_ids, outcomes, change, c.get("requestId")), 200);
  });
}
