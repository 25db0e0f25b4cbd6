import { and, eq, exists, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { alias, type SQLiteColumn, type SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";

import type { Database } from "../db/client";
import { tasks, users, type TaskRow } from "../db/schema";
import { taskInWorkspace, userInWorkspace } from "../db/workspace-scope";
import type { TaskStatus, TaskType } from "../common/enums";
import { ACTIONABLE_STATUSES, isActionable } from "./transitions";

// Each change is one D1 batch, which D1 runs as a single transaction: a conditional UPDATE
// that applies only when the task is in an allowed state (and, with If-Match, at an
// allowed version), followed by a read of the task. When the UPDATE matched nothing, the
// read (same transaction) shows why: no such task in the workspace, a version that If-Match
// does not allow, or a status that forbids the change. No read precedes the write, so there
// is no window for another request to slip in between. The triggers on tasks append each
// change's event inside the same UPDATE.

/** The versions a change may start from; undefined allows any. */
export type AllowedVersions = readonly number[] | undefined;

/** The author of a change: the calling key, within its workspace. */
export interface ChangeActor {
  organizationId: string;
  apiKeyId: string;
}

const nextVersion = sql`${tasks.version} + 1`;

function versionAllowed(versions: AllowedVersions, table: { version: SQLiteColumn } = tasks): SQL | undefined {
  return versions === undefined ? undefined : inArray(table.version, versions);
}

function failsPrecondition(versions: AllowedVersions, version: number): boolean {
  return versions !== undefined && !versions.includes(version);
}

/**
 * Builds the time a change is stamped with: the request's clock, or one millisecond after
 * the workspace's latest updated_at when that is not earlier. It is evaluated inside the UPDATE, so
 * updated_at never goes backwards in commit order within a workspace, even when two
 * isolates' clocks disagree or a request that started earlier commits later. A reader that
 * has seen a task at updated_at T therefore never misses a later change stamped before T.
 */
function changeTime(organizationId: string, now: number): SQL {
  const latest = sql`(SELECT MAX(${tasks.updatedAt}) FROM ${tasks} WHERE ${tasks.organizationId} = ${organizationId})`;
  return sql`MAX(${now}, COALESCE(${latest}, 0) + 1)`;
}

export interface TaskChange {
  /** The statuses the change may start from. */
  from: readonly TaskStatus[];
  /** The columns to set, given the SQL time of the change in epoch milliseconds. */
  set: (at: SQL) => SQLiteUpdateSetSource<typeof tasks>;
  /** A further condition on the task, such as its type; a task that fails it is not allowed the change. */
  condition?: SQL;
  /** Tells a task that already is as the change would leave it, which then counts as done, unchanged. */
  alreadyApplied?: (task: TaskRow) => boolean;
  /**
   * A condition on the request as a whole, such as the new assignee being a user of the
   * workspace. When it fails, no task changes.
   */
  requirement?: SQL;
}

export type TaskChangeOutcome =
  | { outcome: "changed"; task: TaskRow }
  | { outcome: "unchanged"; task: TaskRow }
  | { outcome: "notFound" }
  | { outcome: "preconditionFailed"; version: number }
  | { outcome: "notAllowed"; status: TaskStatus; type: TaskType };

export interface TaskChangeResults {
  /** True when the change's requirement held, and always for a change without one. */
  requirementMet: boolean;
  /** The outcome for each task, by id, in the order the ids were given. */
  outcomes: Map<string, TaskChangeOutcome>;
}

/**
 * Applies one change to each of the given tasks (distinct ids) in one batch, and reports
 * for each id what happened. Every task changes on its own, atomically: one that may not
 * change is left as it is and does not hold back the others. The ids travel as one JSON
 * parameter, so the statements bind the same few parameters for one id or a hundred.
 */
export async function changeTasks(
  db: Database,
  actor: ChangeActor,
  taskIds: readonly string[],
  change: TaskChange,
  versions: AllowedVersions,
  now: number,
): Promise<TaskChangeResults> {
  const idList = JSON.stringify(taskIds);
  const listed = sql`${tasks.id} IN (SELECT value FROM json_each(${idList}))`;
  // Each task's place in the list is added to the change time, so tasks changed together
  // still get distinct updated_at values and list in request order.
  const place = sql`(SELECT key FROM json_each(${idList}) WHERE value = ${tasks.id})`;
  const at = sql`${changeTime(actor.organizationId, now)} + ${place}`;
  const inWorkspace = and(eq(tasks.organizationId, actor.organizationId), listed);

  const [updated, current] = await db.batch([
    db
      .update(tasks)
      .set({ ...change.set(at), version: nextVersion, changedByApiKeyId: actor.apiKeyId })
      .where(
        and(
          inWorkspace,
          inArray(tasks.status, change.from),
          versionAllowed(versions),
          change.condition,
          change.requirement,
        ),
      )
      .returning(),
    // Joined onto a single row, so the requirement is read even when none of the tasks
    // exists. Its column needs a name: D1 returns rows as objects, and a key such as "1"
    // would sort before the others and shift every column that Drizzle maps by position.
    db
      .select({
        task: tasks,
        requirementMet: sql<number>`${change.requirement ?? sql`1`}`.as("requirement_met"),
      })
      .from(sql`(SELECT 1)`)
      .leftJoin(tasks, inWorkspace),
  ]);

  const changedById = new Map(updated.map((task) => [task.id, task]));
  const currentById = new Map(current.flatMap(({ task }) => (task === null ? [] : [[task.id, task] as const])));
  const requirementMet = current[0]?.requirementMet === 1;

  const outcomes = new Map(
    taskIds.map((taskId): [string, TaskChangeOutcome] => {
      const changed = changedById.get(taskId);
      if (changed !== undefined) {
        return [taskId, { outcome: "changed", task: changed }];
      }
      const task = currentById.get(taskId);
      if (task === undefined) {
        return [taskId, { outcome: "notFound" }];
      }
      if (failsPrecondition(versions, task.version)) {
        return [taskId, { outcome: "preconditionFailed", version: task.version }];
      }
      if (change.alreadyApplied?.(task)) {
        return [taskId, { outcome: "unchanged", task }];
      }
      return [taskId, { outcome: "notAllowed", status: task.status, type: task.type }];
    }),
  );
  return { requirementMet, outcomes };
}

/** Builds the condition that a user belongs to the workspace, for an UPDATE that assigns them. */
export function assigneeInWorkspace(db: Database, organizationId: string, assigneeUserId: string): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(users)
      .where(userInWorkspace(organizationId, assigneeUserId)),
  );
}

/** Builds the condition that a task is not already assigned to the user. */
export function assignedElsewhere(assigneeUserId: string): SQL {
  return or(isNull(tasks.assigneeUserId), ne(tasks.assigneeUserId, assigneeUserId))!;
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
  actor: ChangeActor,
  taskId: string,
  assigneeUserId: string,
  scope: "TASK" | "SEQUENCE",
  versions: AllowedVersions,
  now: number,
): Promise<ReassignResult> {
  const { organizationId } = actor;
  const target = alias(tasks, "target");
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

  // The tasks of one run change in one statement; counting the run's actionable tasks with
  // a smaller id gives each its own millisecond. Status does not change here, so the count
  // is the same whichever row SQLite updates first.
  const runner = alias(tasks, "runner");
  const place = sql`(SELECT COUNT(*) FROM ${tasks} ${runner} WHERE ${runner.organizationId} = ${organizationId} AND ${runner.sequenceId} = ${tasks.sequenceId} AND ${inArray(runner.status, ACTIONABLE_STATUSES)} AND ${runner.id} < ${tasks.id})`;

  const [changed, current, assignee] = await db.batch([
    db
      .update(tasks)
      .set({
        assigneeUserId,
        updatedAt: sql`${changeTime(organizationId, now)} + ${place}`,
        version: nextVersion,
        changedByApiKeyId: actor.apiKeyId,
      })
      .where(
        and(
          eq(tasks.organizationId, organizationId),
          scopeCondition,
          inArray(tasks.status, ACTIONABLE_STATUSES),
          assignedElsewhere(assigneeUserId),
          assigneeInWorkspace(db, organizationId, assigneeUserId),
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
