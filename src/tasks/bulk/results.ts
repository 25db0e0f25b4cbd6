import type { TaskRow } from "../../db/schema";
import { errorBodyOf } from "../../http/error-body";
import { ApiError } from "../../http/errors";
import { taskOrError, type StatusChange } from "../apply-status-change";
import type { TaskChangeOutcome } from "../mutations";
import { serializeTask } from "../serialize-task";
import type { BulkTaskActionResponse, BulkTaskActionResult } from "./schemas";

function resultOf(taskId: string, taskOrFailure: TaskRow | ApiError, requestId: string): BulkTaskActionResult {
  if (taskOrFailure instanceof ApiError) {
    return {
      task_id: taskId,
      status_code: taskOrFailure.status,
      task: null,
      error: errorBodyOf(taskOrFailure, requestId),
    };
  }
  return { task_id: taskId, status_code: 200, task: serializeTask(taskOrFailure), error: null };
}

/**
 * Builds the response of a bulk action: for each id, in request order, the task or the
 * error body that the single-task operation would have returned for it.
 */
export function buildBulkResponse(
  taskIds: readonly string[],
  outcomes: ReadonlyMap<string, TaskChangeOutcome>,
  change: StatusChange,
  requestId: string,
): BulkTaskActionResponse {
  const results = taskIds.map((taskId) =>
    resultOf(taskId, taskOrError(taskId, outcomes.get(taskId)!, change), requestId),
  );
  const succeededCount = results.filter((result) => result.error === null).length;

  return { results, succeeded_count: succeededCount, failed_count: results.length - succeededCount };
}
