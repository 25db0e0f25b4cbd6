import type { TaskStatus } from "../common/enums";

// The statuses each change may start from. Every change is one conditional UPDATE whose
// WHERE clause carries these statuses, so two concurrent requests cannot both apply it.

/** Statuses a person can still act on: skip it, or reassign it. */
export const ACTIONABLE_STATUSES = ["PENDING", "IN_PROGRESS"] as const satisfies readonly TaskStatus[];

/** Statuses a task can be reopened from. */
export const FINISHED_STATUSES = ["COMPLETED", "SKIPPED"] as const satisfies readonly TaskStatus[];

export function isActionable(status: TaskStatus): boolean {
  return ACTIONABLE_STATUSES.some((actionable) => actionable === status);
}

export function describeStatuses(statuses: readonly TaskStatus[]): string {
  return statuses.join(" or ");
}
