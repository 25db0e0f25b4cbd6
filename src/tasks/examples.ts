import {
  EXAMPLE_NEW_ASSIGNEE_ID,
  EXAMPLE_ORGANIZATION_ID,
  EXAMPLE_SEQUENCE_ID,
  EXAMPLE_TASK_ID,
  EXAMPLE_USER_ID,
} from "../common/example-ids";
import type { Task } from "./schemas";

// The task objects of the contract's examples, shown in the OpenAPI document.

export const PENDING_TASK_EXAMPLE: Task = {
  id: EXAMPLE_TASK_ID,
  organization_id: EXAMPLE_ORGANIZATION_ID,
  type: "CALL",
  priority: "HOT",
  status: "PENDING",
  sequence_id: EXAMPLE_SEQUENCE_ID,
  assignee_user_id: EXAMPLE_USER_ID,
  disposition: null,
  reopened_at: null,
  reopen_reason: null,
  skipped_at: null,
  completed_at: null,
  created_at: "2025-03-13T07:00:00Z",
  updated_at: "2025-03-13T07:00:00Z",
  version: 1,
};

export const SKIPPED_TASK_EXAMPLE: Task = {
  ...PENDING_TASK_EXAMPLE,
  status: "SKIPPED",
  skipped_at: "2025-03-13T10:05:33Z",
  updated_at: "2025-03-13T10:05:33Z",
  version: 2,
};

export const REOPENED_TASK_EXAMPLE: Task = {
  ...PENDING_TASK_EXAMPLE,
  reopened_at: "2025-03-13T10:12:00Z",
  updated_at: "2025-03-13T10:12:00Z",
  version: 3,
};

export const REASSIGNED_TASK_EXAMPLE: Task = {
  ...PENDING_TASK_EXAMPLE,
  assignee_user_id: EXAMPLE_NEW_ASSIGNEE_ID,
  updated_at: "2025-03-13T11:20:00Z",
  version: 4,
};

export const STARTED_TASK_EXAMPLE: Task = {
  ...PENDING_TASK_EXAMPLE,
  status: "IN_PROGRESS",
  updated_at: "2025-03-13T09:30:00Z",
  version: 2,
};

export const COMPLETED_TASK_EXAMPLE: Task = {
  ...PENDING_TASK_EXAMPLE,
  status: "COMPLETED",
  disposition: "ANSWERED",
  completed_at: "2025-03-13T09:42:10Z",
  updated_at: "2025-03-13T09:42:10Z",
  version: 3,
};
