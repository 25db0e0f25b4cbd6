import type { Context } from "hono";

import type { TaskRow } from "../db/schema";
import type { AppEnv } from "../env";
import type { ApiError } from "../http/errors";
import type { EntityTagCondition } from "../http/entity-tags";
import type { TaskType } from "../common/enums";
import { changeTasks, type ChangeActor, type TaskChange, type TaskChangeOutcome } from "./mutations";
import { versionsAllowedBy } from "./task-etag";
import { statusForbidsChange, taskChangedSince, taskNotFound } from "./task-errors";

export interface StatusChange extends TaskChange {
  /** The past participle for messages, as in "only COMPLETED tasks can be reopened". */
  verb: string;
  /** Explains why a task in an allowed status still failed the change's condition. */
  explainCondition?: (taskId: string, type: TaskType) => ApiError;
  /** Explains why the change's requirement on the whole request failed. */
  explainRequirement?: () => ApiError;
}

export function changeActorOf(c: Context<AppEnv>): ChangeActor {
  const { organizationId, apiKeyId } = c.get("caller");
  return { organizationId, apiKeyId };
}

/** Turns what happened to one task into the task, or the error that explains why it did not change. */
export function taskOrError(taskId: string, result: TaskChangeOutcome, change: StatusChange): TaskRow | ApiError {
  switch (result.outcome) {
    case "changed":
    case "unchanged":
      return result.task;
    case "notFound":
      return taskNotFound(taskId);
    case "preconditionFailed":
      return taskChangedSince(taskId, result.version);
    case "notAllowed":
      if (change.explainCondition !== undefined && change.from.includes(result.status)) {
        return change.explainCondition(taskId, result.type);
      }
      return statusForbidsChange(taskId, result.status, change.from, change.verb);
  }
}

/** Applies a status change to the caller's task and returns the task as it is after the change. */
export async function applyStatusChange(
  c: Context<AppEnv>,
  taskId: string,
  ifMatch: EntityTagCondition | undefined,
  change: StatusChange,
): Promise<TaskRow> {
  const { outcomes } = await changeTasks(
    c.var.db,
    changeActorOf(c),
    [taskId],
    change,
    versionsAllowedBy(ifMatch),
    Date.now(),
  );

  const result = taskOrError(taskId, outcomes.get(taskId)!, change);
  if (result instanceof Error) {
    throw result;
  }
  return result;
}
