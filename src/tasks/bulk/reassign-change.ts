import type { Database } from "../../db/client";
import type { StatusChange } from "../apply-status-change";
import { assignedElsewhere, assigneeInWorkspace } from "../mutations";
import { assigneeNotInWorkspace } from "../task-errors";
import { ACTIONABLE_STATUSES, isActionable } from "../transitions";

/**
 * Reassigns each task on its own, as PATCH /v1/tasks/{id}/assignee does with scope TASK: an
 * actionable task already assigned to the user succeeds unchanged, and a finished task fails.
 * The assignee is a requirement of the whole request, so an unknown user changes no task.
 */
export function reassignChange(db: Database, organizationId: string, assigneeUserId: string): StatusChange {
  return {
    from: ACTIONABLE_STATUSES,
    verb: "reassigned with scope TASK",
    set: (at) => ({ assigneeUserId, updatedAt: at }),
    condition: assignedElsewhere(assigneeUserId),
    alreadyApplied: (task) => task.assigneeUserId === assigneeUserId && isActionable(task.status),
    requirement: assigneeInWorkspace(db, organizationId, assigneeUserId),
    explainRequirement: () => assigneeNotInWorkspace(assigneeUserId),
  };
}
