import { and, asc, count, desc, eq, gt, inArray, lt, type SQL } from "drizzle-orm";

import type { Database } from "../db/client";
import { tasks } from "../db/schema";
import { taskInWorkspace } from "../db/workspace-scope";
import type { ListTasksQuery } from "./schemas";

/** Builds the WHERE clause of a list: the workspace and every filter given, joined by AND. */
function listConditions(organizationId: string, query: ListTasksQuery): SQL {
  const conditions: SQL[] = [eq(tasks.organizationId, organizationId)];

  if (query.status !== undefined) {
    conditions.push(eq(tasks.status, query.status));
  }
  if (query.assignee_user_id !== undefined) {
    conditions.push(eq(tasks.assigneeUserId, query.assignee_user_id));
  }
  if (query.sequence_id !== undefined) {
    conditions.push(eq(tasks.sequenceId, query.sequence_id));
  }
  if (query.sequence_template_ids !== undefined) {
    conditions.push(inArray(tasks.sequenceTemplateId, query.sequence_template_ids));
  }
  if (query.types !== undefined) {
    conditions.push(inArray(tasks.type, query.types));
  }
  if (query.priorities !== undefined) {
    conditions.push(inArray(tasks.priority, query.priorities));
  }
  if (query.created_at_after !== undefined) {
    conditions.push(gt(tasks.createdAt, query.created_at_after.floor));
  }
  if (query.created_at_before !== undefined) {
    conditions.push(lt(tasks.createdAt, query.created_at_before.ceil));
  }
  if (query.updated_at_after !== undefined) {
    conditions.push(gt(tasks.updatedAt, query.updated_at_after.floor));
  }
  if (query.updated_at_before !== undefined) {
    conditions.push(lt(tasks.updatedAt, query.updated_at_before.ceil));
  }

  return and(...conditions)!;
}

/**
 * Reads one page of a workspace's tasks and the number of all matches, in one D1 batch.
 *
 * NOTE: without statistics from PRAGMA optimize, SQLite prefers an index that gives the sort
 * order over one that matches a selective filter. An assignee or sequence filter sorted by
 * updated_at then walks the workspace's sort index until the page is full. With statistics
 * SQLite picks the filter's index, and the development loader gathers them after loading.
 */
export async function selectTaskPage(db: Database, organizationId: string, query: ListTasksQuery) {
  const [rows, totals] = await db.batch(taskPageQueries(db, organizationId, query));

  return { rows, totalCount: totals[0]?.total ?? 0 };
}

/** Builds the two statements of a list request: its page and the count of all matches. */
export function taskPageQueries(db: Database, organizationId: string, query: ListTasksQuery) {
  const where = listConditions(organizationId, query);
  const direction = query.sort_order === "desc" ? desc : asc;
  const sortColumn = query.sort_by === "updated_at" ? tasks.updatedAt : tasks.createdAt;

  return [
    db
      .select()
      .from(tasks)
      .where(where)
      .orderBy(direction(sortColumn), direction(tasks.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    db.select({ total: count() }).from(tasks).where(where),
  ] as const;
}

export async function findTask(db: Database, organizationId: string, taskId: string) {
  const rows = await db.select().from(tasks).where(taskInWorkspace(organizationId, taskId)).limit(1);

  return rows[0];
}
