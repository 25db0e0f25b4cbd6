import { and, eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

import { tasks, users } from "./schema";

// Conditions that pin a row to the caller's workspace. Every lookup by id goes through
// one of these, so no query can reach another workspace's task or user by its id alone.

/** `table` may be an alias of tasks, as in a subquery on the same table. */
export function taskInWorkspace(
  organizationId: string,
  taskId: string,
  table: { id: SQLiteColumn; organizationId: SQLiteColumn } = tasks,
): SQL {
  return and(eq(table.id, taskId), eq(table.organizationId, organizationId))!;
}

export function userInWorkspace(organizationId: string, userId: string): SQL {
  return and(eq(users.id, userId), eq(users.organizationId, organizationId))!;
}
