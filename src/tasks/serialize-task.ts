import type { TaskRow } from "../db/schema";
import { toIsoTimestamp, toIsoTimestampOrNull } from "../common/timestamps";
import type { Task } from "./schemas";

/** Renders a stored task as the contract's task object, fields in the contract's order. */
export function serializeTask(row: TaskRow): Task {
  return {
    id: row.id,
    organization_id: row.organizationId,
    type: row.type,
    priority: row.priority,
    status: row.status,
    sequence_id: row.sequenceId,
    assignee_user_id: row.assigneeUserId,
    disposition: row.disposition,
    reopened_at: toIsoTimestampOrNull(row.reopenedAt),
    reopen_reason: row.reopenReason,
    skipped_at: toIsoTimestampOrNull(row.skippedAt),
    completed_at: toIsoTimestampOrNull(row.completedAt),
    created_at: toIsoTimestamp(row.createdAt),
    updated_at: toIsoTimestamp(row.updatedAt),
    version: row.version,
  };
}
