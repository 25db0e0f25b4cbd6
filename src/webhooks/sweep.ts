import { sql } from "drizzle-orm";

import type { Database } from "../db/client";
import { sendDeliveryMessages, type DeliveryMessage } from "./delivery-queue";

// The safety net of the cron trigger. A delivery whose queue send failed, or whose message
// the queue dropped after its own retries, stays PENDING with next_attempt_at in the past.
// The sweep sends such deliveries again; the attempt count in each message keeps a late
// original message and the resent one from both sending.

/** How long past its next_attempt_at a PENDING delivery must be before the sweep resends it. */
export const SWEEP_GRACE_MS = 15 * 60 * 1000;

const SWEEP_BATCH_SIZE = 500;

/** Returns up to `limit` workspaces whose newest task event is past their outbox cursor. */
export async function selectWorkspacesWithUndispatchedEvents(db: Database, limit = 100): Promise<string[]> {
  const rows = await db.all<{ organization_id: string }>(sql`
    SELECT counters.organization_id
    FROM task_event_counters AS counters
    LEFT JOIN webhook_outbox_cursors AS cursors ON cursors.organization_id = counters.organization_id
    WHERE counters.last_sequence_number > COALESCE(cursors.last_sequence_number, 0)
    LIMIT ${limit}
  `);
  return rows.map((row) => row.organization_id);
}

/** Sends overdue PENDING deliveries to the queue again and returns how many it sent. */
export async function resendOverdueDeliveries(
  db: Database,
  queue: Queue<DeliveryMessage>,
  now: number,
): Promise<number> {
  // Moving next_attempt_at first means a second sweep that runs meanwhile skips these rows.
  const overdue = await db.all<DeliveryMessage>(sql`
    UPDATE webhook_deliveries SET next_attempt_at = ${now}, updated_at = ${now}
    WHERE rowid IN (
      SELECT rowid FROM webhook_deliveries
      WHERE status = 'PENDING' AND next_attempt_at <= ${now - SWEEP_GRACE_MS}
      LIMIT ${SWEEP_BATCH_SIZE}
    )
    RETURNING organization_id, id AS delivery_id, attempt_count
  `);
  await sendDeliveryMessages(queue, overdue);
  return overdue.length;
}
