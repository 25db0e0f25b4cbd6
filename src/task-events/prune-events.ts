import { sql } from "drizzle-orm";

import type { Database } from "../db/client";

/** Events are kept at least this long after they were recorded. */
export const TASK_EVENT_RETENTION_DAYS = 90;
export const TASK_EVENT_RETENTION_MS = TASK_EVENT_RETENTION_DAYS * 24 * 60 * 60 * 1000;

export interface PruneOptions {
  /** Events deleted per D1 batch, so no single write holds the database for long. */
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
 * and GET /v1/task-events answers 410 to one resuming from before it. The chunk is picked by
 * the recorded_at index, ties broken by rowid, so both statements pick the same rows.
 * Returns the number of events deleted.
 */
export async function pruneTaskEvents(db: Database, now: number, options: PruneOptions = {}): Promise<number> {
  const chunkSize = options.chunkSize ?? PRUNE_CHUNK_SIZE;
  const maxChunks = options.maxChunks ?? MAX_PRUNE_CHUNKS;
  const cutoff = now - TASK_EVENT_RETENTION_MS;
  const chunk = sql`SELECT rowid FROM task_events WHERE recorded_at < ${cutoff} ORDER BY recorded_at, rowid LIMIT ${chunkSize}`;

  let deleted = 0;
  for (let round = 0; round < maxChunks; round++) {
    const [, removed] = await db.batch([
      db.run(sql`
        UPDATE task_event_counters
        SET pruned_through_sequence_number = MAX(task_event_counters.pruned_through_sequence_number, pruned.through)
        FROM (
          SELECT organization_id, MAX(sequence_number) AS through
          FROM task_events
          WHERE rowid IN (${chunk})
          GROUP BY organization_id
        ) AS pruned
        WHERE task_event_counters.organization_id = pruned.organization_id`),
      db.run(sql`DELETE FROM task_events WHERE rowid IN (${chunk})`),
    ]);
    const count = removed.meta.changes;
    deleted += count;
    if (count < chunkSize) {
      break;
    }
  }
  return deleted;
}
