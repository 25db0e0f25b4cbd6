// The enum values of the Tasks API contract, in the order the contract lists them.

export const TASK_TYPES = ["CALL", "EMAIL_REPLY", "LINKEDIN_REPLY", "NEW_LEAD_REVIEW"] as const;
export const TASK_PRIORITIES = ["HOT", "TODAY", "EXTRA"] as const;
export const TASK_STATUSES = ["PENDING", "IN_PROGRESS", "COMPLETED", "SKIPPED"] as const;
export const TASK_DISPOSITIONS = ["ANSWERED", "VOICEMAIL_LEFT", "NO_ANSWER"] as const;
export const REOPEN_REASONS = ["REMINDER_RULE"] as const;
export const REASSIGN_SCOPES = ["TASK", "SEQUENCE"] as const;

// Additions of this API beyond the contract's enums.
export const TASK_EVENT_TYPES = [
  "task.created",
  "task.started",
  "task.completed",
  "task.skipped",
  "task.reopened",
  "task.reassigned",
] as const;
export const TASK_EVENT_ACTOR_TYPES = ["API_KEY", "SEQUENCE"] as const;
export const WEBHOOK_STATUSES = ["ACTIVE", "PAUSED", "DISABLED"] as const;
export const WEBHOOK_DELIVERY_STATUSES = ["PENDING", "SUCCEEDED", "FAILED"] as const;
export const BULK_TASK_ACTIONS = ["skip", "reopen", "start", "complete", "reassign"] as const;

export const MESSAGE_CHANNELS = ["EMAIL", "LINKEDIN", "MANUAL", "CALENDAR"] as const;
export const MESSAGE_DIRECTIONS = ["INBOUND", "OUTBOUND"] as const;

export type TaskType = (typeof TASK_TYPES)[number];
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TaskDisposition = (typeof TASK_DISPOSITIONS)[number];
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];
export type TaskEventActorType = (typeof TASK_EVENT_ACTOR_TYPES)[number];
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
export type BulkTaskAction = (typeof BULK_TASK_ACTIONS)[number];
