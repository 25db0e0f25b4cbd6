import { ApiError } from "../http/errors";
import type { TaskStatus } from "../common/enums";
import { taskETag } from "./task-etag";
import { describeStatuses } from "./transitions";

/** Builds the 404 for a task that does not exist or belongs to another workspace, which look alike. */
export function taskNotFound(taskId: string): ApiError {
  return new ApiError("notFound", `Task ${taskId} was not found.`, { data: { task_id: taskId } });
}

/** Builds the 422 for a change that the task's current status does not allow. */
export function statusForbidsChange(
  taskId: string,
  currentStatus: TaskStatus,
  allowedStatuses: readonly TaskStatus[],
  change: string,
): ApiError {
  return new ApiError(
    "business",
    `Task ${taskId} is ${currentStatus}; only ${describeStatuses(allowedStatuses)} tasks can be ${change}.`,
    { data: { task_id: taskId, current_status: currentStatus, allowed_statuses: [...allowedStatuses] } },
  );
}

/** Builds the 412 for a change whose If-Match names none of the task's current version. */
export function taskChangedSince(taskId: string, currentVersion: number): ApiError {
  const etag = taskETag(currentVersion);
  return new ApiError("preconditionFailed", `Task ${taskId} is at ETag ${etag}, not one that If-Match names.`, {
    data: { task_id: taskId, current_etag: etag },
  });
}

/** Builds the 422 for an assignee who is not a user of the caller's workspace. */
export function assigneeNotInWorkspace(assigneeUserId: string): ApiError {
  return new ApiError("business", `User ${assigneeUserId} is not a user of this workspace.`, {
    data: { assignee_user_id: assigneeUserId },
  });
}
