import { and, asc, eq, sql } from "drizzle-orm";

import type { Database } from "../db/client";
import { messages, tasks } from "../db/schema";
import { taskInWorkspace } from "../db/workspace-scope";

/**
 * Reads the thread of a task's sequence, oldest first, in one D1 batch. `task` is
 * undefined when the workspace has no such task, which an empty thread cannot tell apart.
 */
export async function selectTaskThread(db: Database, organizationId: string, taskId: string) {
  const task = taskInWorkspace(organizationId, taskId);
  const taskSequence = db.select({ sequenceId: tasks.sequenceId }).from(tasks).where(task);

  const [found, thread] = await db.batch([
    db.select({ id: tasks.id }).from(tasks).where(task),
    db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, organizationId), eq(messages.sequenceId, sql`(${taskSequence})`)))
      .orderBy(asc(messages.sentAt), asc(messages.id)),
  ]);

  return { task: found[0], thread };
}
