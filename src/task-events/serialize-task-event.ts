import { toIsoTimestamp } from "../common/timestamps";
import type { TaskEventRow, TaskRow } from "../db/schema";
import { serializeTask } from "../tasks/serialize-task";
import type { TaskEvent, TaskEventChanges } from "./schemas";

/** Renders a stored value for the API: a field named *_at stores epoch milliseconds and becomes ISO 8601. */
function renderValue(field: string, value: unknown): unknown {
  return field.endsWith("_at") && typeof value === "number" ? toIsoTimestamp(value) : value;
}

/** Renders a stored event as the API's event object, its task as the task object renders it. */
export function serializeTaskEvent(row: TaskEventRow): TaskEvent {
  const changes = Object.fromEntries(
    Object.entries(row.changes).map(([field, [previous, current]]) => [
      field,
      { previous: renderValue(field, previous), current: renderValue(field, current) },
    ]),
  ) as TaskEventChanges;

  return {
    id: row.id,
    sequence_number: row.sequenceNumber,
    type: row.type,
    task_id: row.taskId,
    sequence_id: row.sequenceId,
    task_version: row.taskVersion,
    changes,
    // The trigger writes the snapshot with the keys and stored values of a task row.
    task: serializeTask(row.task as unknown as TaskRow),
    actor: { type: row.actorType, api_key_id: row.actorApiKeyId },
    occurred_at: toIsoTimestamp(row.occurredAt),
  };
}
