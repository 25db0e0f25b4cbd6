import { and, asc, count, eq, gt, inArray, type SQL } from "drizzle-orm";

import type { Database } from "../db/client";
import { taskEventCounters, taskEvents } from "../db/schema";
import type { ListTaskEventsQuery } from "./schemas";

/** Builds the WHERE clause of a list: the workspace, the resume point and every filter given. */
function eventConditions(organizationId: string, query: ListTaskEventsQuery): SQL {
  const conditions: SQL[] = [
    eq(taskEvents.organizationId, organizationId),
    gt(taskEvents.sequenceNumber, query.after_sequence_number),
  ];
  if (query.task_id !== undefined) {
    conditions.push(eq(taskEvents.taskId, query.task_id));
  }
  if (query.types !== undefined) {
    conditions.push(inArray(taskEvents.type, query.types));
  }
  return and(...conditions)!;
}

/**
 * Builds the two statements of a list request: its page, by ascending sequence number, and
 * the count of all matches. Both start from the primary key (organization_id,
 * sequence_number), or from task_events_org_task_idx with a task_id.
 */
export function taskEventPageQueries(db: Database, organizationId: string, query: ListTaskEventsQuery) {
  const where = eventConditions(organizationId, query);

  return [
    db
      .select()
      .from(taskEvents)
      .where(where)
      .orderBy(asc(taskEvents.sequenceNumber))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    db.select({ total: count() }).from(taskEvents).where(where),
  ] as const;
}

/**
 * Reads one page of a workspace's events, the number of all matches and how far retention
 * has deleted the log, in one D1 batch, which D1 runs as one transaction: the three agree.
 */
export async function selectTaskEventPage(db: Database, organizationId: string, query: ListTaskEventsQuery) {
  const [page, count] = taskEventPageQueries(db, organizationId, query);
  const [rows, totals, counters] = await db.batch([
    page,
    count,
    db
      .select({ prunedThrough: taskEventCounters.prunedThroughSequenceNumber })
      .from(taskEventCounters)
      .where(eq(taskEventCounters.organizationId, organizationId)),
  ]);

  return {
    rows,
    totalCount: totals[0]?.total ?? 0,
    // A workspace without events has no counter row yet, and nothing pruned.
    prunedThrough: counters[0]?.prunedThrough ?? 0,
  };
}
