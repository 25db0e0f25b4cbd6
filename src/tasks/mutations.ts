import { and, eq, exists, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import type { Database } from "../db/client";
import { tasks, users, type TaskRow } from "../db/schema";
import { taskInWorkspace, userInWorkspace } from "../db/workspace-scope";
import type { TaskStatus } from "../common/enums";
import { ACTIONABLE_STATUSES, isActionable } from "./transitions";

// Each change is one D1 batch, which D1 runs as a single transaction: a conditional UPDATE
// that applies only when the task is in an allowed state, followed by a read of the task.
// When the UPDATE matched nothing, the read (same transaction) shows why: no such task in
// the workspace, or a task whose status forbids the change. No read precedes the write,
// so there is no window for another request to slip in between.

export type StatusChangeResult =
  | { outcome: "changed"; task: TaskRow }
  | { outcome: "notFound" }
  | { outcome: "notAllowed"; status: TaskStatus };

/** Sets `values` on the task if its status is one of `fromStatuses`. */
export async function changeTaskStatus(
  db: Database,
  organizationId: string,
  taskId: string,
  fromStatuses: readonly TaskStatus[],
  values: Partial<TaskRow>,
): Promise<StatusChangeResult> {
  const [updated, current] = await db.batch([
    db
      .update(tasks)
      .set(values)
      .where(and(taskInWorkspace(organizationId, taskId), inArray(tasks.status, fromStatuses)))
      .returning(),
    db.select({ status: tasks.status }).from(tasks).where(taskInWorkspace(organizationId, taskId)),
  ]);

  if (updated[0] !== undefined) {
    return { outcome: "changed", task: updated[0] };
  }
  if (current[0] === undefined) {
    return { outcome: "notFound" };
  }
  return { outcome: "notAllowed", status: current[0].status };
}

export type ReassignResult =
  | { outcome: "reassigned"; task: TaskRow }
  | { outcome: "notFound" }
  | { outcome: "unknownAssignee" }
  | { outcome: "notAllowed"; status: TaskStatus };

/**
 * Assigns the task, or with scope SEQUENCE every actionable task of its sequence run, to a
 * user of the same workspace. Tasks already assigned to that user are left untouched, so a
 * repeated request changes nothing and keeps their updated_at.
 */
export async function reassignTasks(
  db: Database,
  organizationId: string,
  taskId: string,
  assigneeUserId: string,
  scope: "TASK" | "SEQUENCE",
  now: number,
): Promise<ReassignResult> {
  const target = alias(tasks, "target");
  const assigneeInWorkspace = exists(
    db.select({ one: sql`1` }).from(users).where(userInWorkspace(organizationId, assigneeUserId)),
  );
  const targetSequence = db
    .select({ sequenceId: target.sequenceId })
    .from(target)
    .where(taskInWorkspace(organizationId, taskId, target));

  const scopeCondition =
    scope === "TASK" ? eq(tasks.id, taskId) : eq(tasks.sequenceId, sql`(${targetSequence})`);

  const [, current, assignee] = await db.batch([
    db
      .update(tasks)
      .set({ assigneeUserId, updatedAt: now })
      .where(
        and(
          eq(tasks.organizationId, organizationId),
          scopeCondition,
          inArray(tasks.status, ACTIONABLE_STATUSES),
          or(isNull(tasks.assigneeUserId), ne(tasks.assigneeUserId, assigneeUserId)),
          assigneeInWorkspace,
        ),
      ),
    db.select().from(tasks).where(taskInWorkspace(organizationId, taskId)),
    db.select({ id: users.id }).from(users).where(userInWorkspace(organizationId, assigneeUserId)),
  ]);

  const task = current[0];
  if (task === undefined) {
    return { outcome: "notFound" };
  }
  if (assignee[0] === undefined) {
    return { outcome: "unknownAssignee" };
  }
  if (scope === "TASK" && !isActionable(task.status)) {
    return { outcome: "notAllowed", status: task.status };
  }
  return { outcome: "reassigned", task };
}
