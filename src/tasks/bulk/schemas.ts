import { z } from "@hono/zod-openapi";

import { EXAMPLE_NEW_ASSIGNEE_ID, EXAMPLE_TASK_ID } from "../../common/example-ids";
import { uuidSchema } from "../../common/schemas";
import { TASK_DISPOSITIONS } from "../../common/enums";
import { ErrorBodySchema } from "../../http/error-body";
import { TaskSchema } from "../schemas";
import { BULK_ACTION_RESPONSE_EXAMPLE, EXAMPLE_SECOND_TASK_ID } from "./examples";

/**
 * The maximum number of task ids in one bulk action. The ids travel to D1 as one JSON
 * parameter, so this limit does not bound the SQL parameters. It keeps a request's body,
 * work and response small.
 */
export const MAX_BULK_TASK_IDS = 100;

/** Adds an issue for each id that an earlier element of the list already gave. */
function rejectRepeatedIds(taskIds: string[], context: z.RefinementCtx) {
  const seen = new Set<string>();
  taskIds.forEach((taskId, index) => {
    if (seen.has(taskId)) {
      context.addIssue({ code: "custom", path: [index], message: `repeats ${taskId}; list each task once` });
    }
    seen.add(taskId);
  });
}

const taskIdsSchema = z
  .array(uuidSchema(EXAMPLE_TASK_ID))
  .min(1)
  .max(MAX_BULK_TASK_IDS)
  .superRefine(rejectRepeatedIds)
  .openapi({
    description:
      `The tasks to act on: 1 to ${MAX_BULK_TASK_IDS} distinct ids, in any letter case. ` +
      "The response has one result per id, in this order. An id given twice, in any letter case, is a 400.",
    uniqueItems: true,
    example: [EXAMPLE_TASK_ID, EXAMPLE_SECOND_TASK_ID],
  });

/** Builds the literal that selects one variant of the request body. */
function actionSchema<const Action extends string>(action: Action, description: string) {
  return z.literal(action).openapi({ description, example: action });
}

const BulkSkipRequestSchema = z
  .strictObject({
    action: actionSchema("skip", "Skips each PENDING or IN_PROGRESS task, as POST /v1/tasks/{id}/skip does."),
    task_ids: taskIdsSchema,
  })
  .openapi("BulkSkipRequest");

const BulkReopenRequestSchema = z
  .strictObject({
    action: actionSchema("reopen", "Reopens each COMPLETED or SKIPPED task, as POST /v1/tasks/{id}/reopen does."),
    task_ids: taskIdsSchema,
  })
  .openapi("BulkReopenRequest");

const BulkStartRequestSchema = z
  .strictObject({
    action: actionSchema("start", "Starts each PENDING task, as POST /v1/tasks/{id}/start does."),
    task_ids: taskIdsSchema,
  })
  .openapi("BulkStartRequest");

const BulkCompleteRequestSchema = z
  .strictObject({
    action: actionSchema(
      "complete",
      "Completes each PENDING or IN_PROGRESS task, as POST /v1/tasks/{id}/complete does.",
    ),
    task_ids: taskIdsSchema,
    disposition: z
      .enum(TASK_DISPOSITIONS)
      .optional()
      .openapi({
        description:
          "The outcome of the calls, recorded on every task. With it only CALL tasks complete; " +
          "without it only tasks of other types do. Each other task fails with a 422.",
        example: "ANSWERED",
      }),
  })
  .openapi("BulkCompleteRequest");

const BulkReassignRequestSchema = z
  .strictObject({
    action: actionSchema(
      "reassign",
      "Assigns each PENDING or IN_PROGRESS task to the user, as PATCH /v1/tasks/{id}/assignee does with scope TASK.",
    ),
    task_ids: taskIdsSchema,
    assignee_user_id: uuidSchema(EXAMPLE_NEW_ASSIGNEE_ID).openapi({
      description:
        "The workspace user to assign the tasks to. A user outside the workspace makes the whole " +
        "request a 422, and no task changes.",
    }),
  })
  .openapi("BulkReassignRequest");

export const BulkTaskActionRequestSchema = z
  .discriminatedUnion("action", [
    BulkSkipRequestSchema,
    BulkReopenRequestSchema,
    BulkStartRequestSchema,
    BulkCompleteRequestSchema,
    BulkReassignRequestSchema,
  ])
  .openapi("BulkTaskActionRequest", {
    description: "One action and the tasks to apply it to. The action decides which other fields the body takes.",
  });

export type BulkTaskActionRequest = z.output<typeof BulkTaskActionRequestSchema>;

export const BulkTaskActionResultSchema = z
  .object({
    task_id: z.string().openapi({
      format: "uuid",
      description: "The id from the request, in lower case.",
      example: EXAMPLE_TASK_ID,
    }),
    status_code: z.int().openapi({
      description:
        "The HTTP status that the single-task operation would have returned for this task: 200 when " +
        "the action applied (or the task already was as it would leave it), 404 or 422 when it failed.",
      example: 200,
    }),
    task: z.union([TaskSchema, z.null()]).openapi({
      description: "The task after the action when it succeeded; null when it failed.",
    }),
    error: z.union([ErrorBodySchema, z.null()]).openapi({
      description:
        "The error body that the single-task operation would have returned, with this request's " +
        "request_id; null when the action succeeded.",
    }),
  })
  .openapi("BulkTaskActionResult");

export const BulkTaskActionResponseSchema = z
  .object({
    results: z.array(BulkTaskActionResultSchema).openapi({
      description: "One result per id of the request, in the request's order.",
      example: BULK_ACTION_RESPONSE_EXAMPLE.results,
    }),
    succeeded_count: z.int().openapi({ description: "Number of results with status_code 200.", example: 1 }),
    failed_count: z.int().openapi({ description: "Number of results with an error.", example: 1 }),
  })
  .openapi("BulkTaskActionResponse");

export type BulkTaskActionResponse = z.output<typeof BulkTaskActionResponseSchema>;
export type BulkTaskActionResult = z.output<typeof BulkTaskActionResultSchema>;
