import {
  EXAMPLE_API_KEY_ID,
  EXAMPLE_EVENT_ID,
  EXAMPLE_NEW_ASSIGNEE_ID,
  EXAMPLE_REASSIGNED_EVENT_ID,
  EXAMPLE_REOPENED_EVENT_ID,
  EXAMPLE_SEQUENCE_ID,
  EXAMPLE_TASK_ID,
  EXAMPLE_USER_ID,
} from "../common/example-ids";
import { REOPENED_TASK_EXAMPLE, SKIPPED_TASK_EXAMPLE } from "../tasks/examples";
import type { TaskEvent } from "./schemas";

// The history of the contract's example task after it was created: skipped, reopened, then
// handed to another rep, all with the same key. Shown in the OpenAPI document.

const ACTOR = { type: "API_KEY", api_key_id: EXAMPLE_API_KEY_ID } as const;

export const SKIPPED_EVENT_EXAMPLE: TaskEvent = {
  id: EXAMPLE_EVENT_ID,
  sequence_number: 1042,
  type: "task.skipped",
  task_id: EXAMPLE_TASK_ID,
  sequence_id: EXAMPLE_SEQUENCE_ID,
  task_version: 2,
  changes: {
    status: { previous: "PENDING", current: "SKIPPED" },
    skipped_at: { previous: null, current: "2025-03-13T10:05:33Z" },
  },
  task: SKIPPED_TASK_EXAMPLE,
  actor: ACTOR,
  occurred_at: "2025-03-13T10:05:33Z",
};

export const REOPENED_EVENT_EXAMPLE: TaskEvent = {
  id: EXAMPLE_REOPENED_EVENT_ID,
  sequence_number: 1043,
  type: "task.reopened",
  task_id: EXAMPLE_TASK_ID,
  sequence_id: EXAMPLE_SEQUENCE_ID,
  task_version: 3,
  changes: {
    status: { previous: "SKIPPED", current: "PENDING" },
    reopened_at: { previous: null, current: "2025-03-13T10:12:00Z" },
    skipped_at: { previous: "2025-03-13T10:05:33Z", current: null },
  },
  task: REOPENED_TASK_EXAMPLE,
  actor: ACTOR,
  occurred_at: "2025-03-13T10:12:00Z",
};

export const REASSIGNED_EVENT_EXAMPLE: TaskEvent = {
  id: EXAMPLE_REASSIGNED_EVENT_ID,
  sequence_number: 1044,
  type: "task.reassigned",
  task_id: EXAMPLE_TASK_ID,
  sequence_id: EXAMPLE_SEQUENCE_ID,
  task_version: 4,
  changes: { assignee_user_id: { previous: EXAMPLE_USER_ID, current: EXAMPLE_NEW_ASSIGNEE_ID } },
  task: {
    ...REOPENED_TASK_EXAMPLE,
    assignee_user_id: EXAMPLE_NEW_ASSIGNEE_ID,
    updated_at: "2025-03-13T11:20:00Z",
    version: 4,
  },
  actor: ACTOR,
  occurred_at: "2025-03-13T11:20:00Z",
};

export const TASK_EVENT_PAGE_EXAMPLE = {
  items: [SKIPPED_EVENT_EXAMPLE, REOPENED_EVENT_EXAMPLE, REASSIGNED_EVENT_EXAMPLE],
  total_count: 3,
  total_pages: 1,
  has_more: false,
};
