import { asc, eq, inArray, lt, sql } from "drizzle-orm";

import type { Database } from "../db/client";
import { taskEventCounters, taskEvents } from "../db/schema";

/** Events are kept at least this long after they were recorded. */
export const TASK_EVENT_RETENTION_DAYS = 90;
export const TASK_EVENT_RETENTION_MS = TASK_EVENT_RETENTION_DAYS * 24 * 60 * 60 * 1000;

export interface PruneOptions {
  /** Events deleted per D1 batch, so that no single write keeps the database busy for long. */
  chunkSize?: number;
  /** Batches per run at most; whatever is left waits for the next run. */
  maxChunks?: number;
}

export const PRUNE_CHUNK_SIZE = 500;
export const MAX_PRUNE_CHUNKS = 40;

/**
 * Deletes events recorded before the retention period, oldest first, in chunks. Each chunk
 * is one D1 batch (one transaction): it first raises each workspace's
 * pruned_through_sequence_number to the highest number the chunk deletes, then deletes the
 * chunk. A reader therefore never finds an event missing without the counter saying so,
 * and GET /v1/task-events returns 410 to one resuming from before it. The chunk is picked by
 * the recorded_at index, ties broken by rowid, so both statements pick the same rows.
 * Returns the number of events deleted.
 */
export async function pruneTaskEvents(db: Database, now: number, options: PruneOptions = {}): Promise<number> {
  const chunkSize = options.chunkSize ?? PRUNE_CHUNK_SIZE;
  const maxChunks = options.maxChunks ?? MAX_PRUNE_CHUNKS;
  const cutoff = now - TASK_EVENT_RETENTION_MS;
  const statements = pruneChunkStatements(db, cutoff, chunkSize);

  let deleted = 0;
  for (let round = 0; round < maxChunks; round++) {
    const [, removed] = await db.batch(statements);
    const count = removed.meta.changes;
    deleted += count;
    if (count < chunkSize) {
      break;
    }
  }
  return deleted;
}

/**
 * Builds the two statements of one chunk: raise the counters to the chunk's highest number
 * per workspace, then delete the chunk. Exported for the query plan test.
 */
export function pruneChunkStatements(db: Database, cutoff: number, chunkSize: number) {
  const rowid = sql`${taskEvents}.rowid`;
  const chunk = db
    .select({ rowid })
    .from(taskEvents)
    .where(lt(taskEvents.recordedAt, cutoff))
    .orderBy(asc(taskEvents.recordedAt), asc(rowid))
    .limit(chunkSize);
  const pruned = db
    .select({
      organizationId: taskEvents.organizationId,
      through: sql<number>`MAX(${taskEvents.sequenceNumber})`.as("through"),
    })
    .from(taskEvents)
    .where(inArray(rowid, chunk))
    .groupBy(taskEvents.organizationId)
    .as("pruned");

  return [
    db
      .update(taskEventCounters)
      .set({
        prunedThroughSequenceNumber: sql`MAX(${taskEventCounters.prunedThroughSequenceNumber}, ${pruned.through})`,
      })
      .from(pruned)
      .where(eq(taskEventCounters.organizationId, pruned.organizationId)),
    db.delete(taskEvents).where(inArray(rowid, chunk)),
  ] as const;
}
