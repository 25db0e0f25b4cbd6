import { and, eq, exists, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";

import type { Database } from "../db/client";
import { tasks, users, type TaskRow } from "../db/schema";
import { taskInWorkspace, userInWorkspace } from "../db/workspace-scope";
import type { TaskStatus } from "../common/enums";
import { ACTIONABLE_STATUSES, isActionable } from "./transitions";

// Each change is one D1 batch, which D1 runs as a single transaction: a conditional UPDATE
// that applies only when the task is in an allowed state (and, with If-Match, at an
// allowed version), followed by a read of the task. When the UPDATE matched nothing, the
// read (same transaction) shows why: no such task in the workspace, a version that If-Match
// does not allow, or a status that forbids the change. No read precedes the write, so there
// is no window for another request to slip in between.

/** The versions a change may start from; undefined allows any. */
export type AllowedVersions = readonly number[] | undefined;

export type StatusChangeResult =
  | { outcome: "changed"; task: TaskRow }
  | { outcome: "notFound" }
  | { outcome: "preconditionFailed"; version: number }
  | { outcome: "notAllowed"; status: TaskStatus };

const nextVersion = sql`${tasks.version} + 1`;

function versionAllowed(versions: AllowedVersions, table: { version: SQLiteColumn } = tasks): SQL | undefined {
  return versions === undefined ? undefined : inArray(table.version, versions);
}

function failsPrecondition(versions: AllowedVersions, version: number): boolean {
  return versions !== undefined && !versions.includes(version);
}

/** Sets `values` on the task if its status is one of `fromStatuses` and its version is allowed. */
export async function changeTaskStatus(
  db: Database,
  organizationId: string,
  taskId: string,
  fromStatuses: readonly TaskStatus[],
  versions: AllowedVersions,
  values: Partial<TaskRow>,
): Promise<StatusChangeResult> {
  const [updated, current] = await db.batch([
    db
      .update(tasks)
      .set({ ...values, version: nextVersion })
      .where(
        and(taskInWorkspace(organizationId, taskId), inArray(tasks.status, fromStatuses), versionAllowed(versions)),
      )
      .returning(),
    db
      .select({ status: tasks.status, version: tasks.version })
      .from(tasks)
      .where(taskInWorkspace(organizationId, taskId)),
  ]);

  if (updated[0] !== undefined) {
    return { outcome: "changed", task: updated[0] };
  }
  if (current[0] === undefined) {
    return { outcome: "notFound" };
  }
  if (failsPrecondition(versions, current[0].version)) {
    return { outcome: "preconditionFailed", version: current[0].version };
  }
  return { outcome: "notAllowed", status: current[0].status };
}

export type ReassignResult =
  | { outcome: "reassigned"; task: TaskRow }
  | { outcome: "notFound" }
  | { outcome: "preconditionFailed"; version: number }
  | { outcome: "unknownAssignee" }
  | { outcome: "notAllowed"; status: TaskStatus };

/**
 * Assigns the task, or with scope SEQUENCE every actionable task of its sequence run, to a
 * user of the same workspace. Tasks already assigned to that user are left untouched, so a
 * repeated request changes nothing and keeps their updated_at and version. If-Match applies
 * to the task named in the request, which guards the whole change.
 */
export async function reassignTasks(
  db: Database,
  organizationId: string,
  taskId: string,
  assigneeUserId: string,
  scope: "TASK" | "SEQUENCE",
  versions: AllowedVersions,
  now: number,
): Promise<ReassignResult> {
  const target = alias(tasks, "target");
  const assigneeInWorkspace = exists(
    db
      .select({ one: sql`1` })
      .from(users)
      .where(userInWorkspace(organizationId, assigneeUserId)),
  );
  const targetAtAllowedVersion =
    versions === undefined
      ? undefined
      : exists(
          db
            .select({ one: sql`1` })
            .from(target)
            .where(and(taskInWorkspace(organizationId, taskId, target), versionAllowed(versions, target))),
        );
  const targetSequence = db
    .select({ sequenceId: target.sequenceId })
    .from(target)
    .where(taskInWorkspace(organizationId, taskId, target));

  const scopeCondition = scope === "TASK" ? eq(tasks.id, taskId) : eq(tasks.sequenceId, sql`(${targetSequence})`);

  const [changed, current, assignee] = await db.batch([
    db
      .update(tasks)
      .set({ assigneeUserId, updatedAt: now, version: nextVersion })
      .where(
        and(
          eq(tasks.organizationId, organizationId),
          scopeCondition,
          inArray(tasks.status, ACTIONABLE_STATUSES),
          or(isNull(tasks.assigneeUserId), ne(tasks.assigneeUserId, assigneeUserId)),
          assigneeInWorkspace,
          targetAtAllowedVersion,
        ),
      )
      .returning({ id: tasks.id }),
    db.select().from(tasks).where(taskInWorkspace(organizationId, taskId)),
    db.select({ id: users.id }).from(users).where(userInWorkspace(organizationId, assigneeUserId)),
  ]);

  const task = current[0];
  if (task === undefined) {
    return { outcome: "notFound" };
  }
  // A changed task has a new version, so the precondition is judged only when this task was
  // left as it was: then its version is the one the condition saw.
  const taskChanged = changed.some((row) => row.id === taskId);
  if (!taskChanged && failsPrecondition(versions, task.version)) {
    return { outcome: "preconditionFailed", version: task.version };
  }
  if (assignee[0] === undefined) {
    return { outcome: "unknownAssignee" };
  }
  if (scope === "TASK" && !isActionable(task.status)) {
    return { outcome: "notAllowed", status: task.status };
  }
  return { outcome: "reassigned", task };
}
