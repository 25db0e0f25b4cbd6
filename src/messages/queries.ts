import { and, asc, eq, sql } from "drizzle-orm";

import type { Database } from "../db/client";
import { messages, tasks } from "../db/schema";

/**
 * Reads the thread of a task's sequence, oldest first, in one D1 batch. `task` is
 * undefined when the workspace has no such task, which an empty thread cannot tell apart.
 */
export async function listTaskMessages(db: Database, organizationId: string, taskId: string) {
  const taskInWorkspace = and(eq(tasks.id, taskId), eq(tasks.organizationId, organizationId));
  const taskSequence = db.select({ sequenceId: tasks.sequenceId }).from(tasks).where(taskInWorkspace);

  const [task, thread] = await db.batch([
    db.select({ id: tasks.id }).from(tasks).where(taskInWorkspace),
    db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, organizationId), eq(messages.sequenceId, sql`(${taskSequence})`)))
      .orderBy(asc(messages.sentAt), asc(messages.id)),
  ]);

  return { task: task[0], thread };
}
