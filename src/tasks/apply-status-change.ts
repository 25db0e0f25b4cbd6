import type { Context } from "hono";

import type { TaskRow } from "../db/schema";
import type { AppEnv } from "../env";
import type { EntityTagCondition } from "../http/entity-tags";
import type { TaskStatus } from "../common/enums";
import { changeTaskStatus } from "./mutations";
import { versionsAllowedBy } from "./task-etag";
import { statusForbidsChange, taskChangedSince, taskNotFound } from "./task-errors";

export interface StatusChange {
  /** The statuses the change may start from. */
  from: readonly TaskStatus[];
  /** The past participle for messages, as in "only COMPLETED tasks can be reopened". */
  verb: string;
  /** The columns to set, given the time of the change in epoch milliseconds. */
  values: (now: number) => Partial<TaskRow>;
}

/** Applies a status change to the caller's task and returns the task as it is after the change. */
export async function applyStatusChange(
  c: Context<AppEnv>,
  taskId: string,
  ifMatch: EntityTagCondition | undefined,
  change: StatusChange,
): Promise<TaskRow> {
  const { organizationId } = c.get("caller");

  const result = await changeTaskStatus(
    c.var.db,
    organizationId,
    taskId,
    change.from,
    versionsAllowedBy(ifMatch),
    change.values(Date.now()),
  );

  switch (result.outcome) {
    case "changed":
      return result.task;
    case "notFound":
      throw taskNotFound(taskId);
    case "preconditionFailed":
      throw taskChangedSince(taskId, result.version);
    case "notAllowed":
      throw statusForbidsChange(taskId, result.status, change.from, change.verb);
  }
}
