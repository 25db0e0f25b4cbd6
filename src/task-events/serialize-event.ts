import type { TaskEventActorType, TaskEventType } from "../common/enums";
import { toIsoTimestamp } from "../common/timestamps";
import type { TaskEventRow, TaskRow } from "../db/schema";
import type { Task } from "../tasks/schemas";
import { serializeTask } from "../tasks/serialize-task";

// Task fields stored as epoch milliseconds, which the public event renders as ISO 8601 like the task object.
const TIMESTAMP_FIELDS = new Set(["reopened_at", "skipped_at", "completed_at", "created_at", "updated_at"]);

export interface TaskEvent {
  id: string;
  sequence_number: number;
  type: TaskEventType;
  task_id: string;
  sequence_id: string;
  task_version: number;
  changes: Record<string, { previous: unknown; current: unknown }>;
  task: Task;
  actor: { type: TaskEventActorType; api_key_id: string | null };
  occurred_at: string;
}

function renderValue(field: string, value: unknown): unknown {
  return TIMESTAMP_FIELDS.has(field) && typeof value === "number" ? toIsoTimestamp(value) : value;
}

/** Renders a stored task event as the public event object. */
export function serializeTaskEvent(row: TaskEventRow): TaskEvent {
  const changes = Object.fromEntries(
    Object.entries(row.changes).map(([field, [previous, current]]) => [
      field,
      { previous: renderValue(field, previous), current: renderValue(field, current) },
    ]),
  );

  return {
    id: row.id,
    sequence_number: row.sequenceNumber,
    type: row.type,
    task_id: row.taskId,
    sequence_id: row.sequenceId,
    task_version: row.taskVersion,
    changes,
    // The triggers write the snapshot with TaskRow's keys and stored values.
    task: serializeTask(row.task as unknown as TaskRow),
    actor: { type: row.actorType, api_key_id: row.actorApiKeyId },
    occurred_at: toIsoTimestamp(row.occurredAt),
  };
}
