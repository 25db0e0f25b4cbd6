// The enum values of the Tasks API contract, in the order the contract lists them.

export const TASK_TYPES = ["CALL", "EMAIL_REPLY", "LINKEDIN_REPLY", "NEW_LEAD_REVIEW"] as const;
export const TASK_PRIORITIES = ["HOT", "TODAY", "EXTRA"] as const;
export const TASK_STATUSES = ["PENDING", "IN_PROGRESS", "COMPLETED", "SKIPPED"] as const;
export const TASK_DISPOSITIONS = ["ANSWERED", "VOICEMAIL_LEFT", "NO_ANSWER"] as const;
export const REOPEN_REASONS = ["REMINDER_RULE"] as const;
export const REASSIGN_SCOPES = ["TASK", "SEQUENCE"] as const;

export const MESSAGE_CHANNELS = ["EMAIL", "LINKEDIN", "MANUAL", "CALENDAR"] as const;
export const MESSAGE_DIRECTIONS = ["INBOUND", "OUTBOUND"] as const;

export type TaskType = (typeof TASK_TYPES)[number];
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
