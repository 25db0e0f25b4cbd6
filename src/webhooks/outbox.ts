import { and, asc, eq, gt, sql } from "drizzle-orm";

import type { Database } from "../db/client";
import {
  taskEventCounters,
  taskEvents,
  webhookDeliveries,
  webhookOutboxCursors,
  webhookSubscriptions,
  type TaskEventRow,
  type WebhookSubscriptionRow,
} from "../db/schema";
import { createUuidV7 } from "../common/ids";
import { sendDeliveryMessages, type DeliveryMessage } from "./delivery-queue";
import { RETRY_WINDOW_MS } from "./retry-policy";

// The outbox step. The task event log commits with each task change, so it is the outbox.
// This step reads a workspace's events after its cursor and inserts one delivery per event
// and matching ACTIVE webhook. Then it moves the cursor and queues the new deliveries. It
// runs after each task change and on the cron trigger. Two runs may race: the unique
// (subscription, event) pair lets only one of them insert a delivery, and only the run that
// inserted it sends it.

/** Events read per round; D1 returns them in one response. */
export const OUTBOX_PAGE_SIZE = 100;

export interface DispatchResult {
  events: number;
  deliveries: number;
  /** Whether the workspace had an active webhook when the outbox last looked. */
  hasActiveWebhook: boolean;
}

function matches(subscription: WebhookSubscriptionRow, event: TaskEventRow): boolean {
  const templates = subscription.sequenceTemplateIds;
  return (
    subscription.eventTypes.includes(event.type) &&
    (templates === null || templates.includes(event.sequenceTemplateId)) &&
    // A webhook receives only events recorded since it was created or last set ACTIVE, even
    // when the cursor lags behind a pause.
    event.recordedAt >= (subscription.activeSince ?? subscription.createdAt)
  );
}

function advanceCursor(db: Database, organizationId: string, sequenceNumber: number) {
  return db
    .insert(webhookOutboxCursors)
    .values({ organizationId, lastSequenceNumber: sequenceNumber })
    .onConflictDoUpdate({
      target: webhookOutboxCursors.organizationId,
      set: { lastSequenceNumber: sql`MAX(${webhookOutboxCursors.lastSequenceNumber}, ${sequenceNumber})` },
    });
}

/**
 * Inserts the deliveries in one statement: the rows travel as one JSON parameter, because a
 * multi-row VALUES list would pass D1's limit of 100 bound parameters after nine rows.
 * Returns only the rows that this statement inserted.
 */
function insertDeliveries(db: Database, organizationId: string, rows: object[], now: number) {
  // Drizzle inserts a raw SELECT into every column in the schema's order, so the SELECT lists
  // all of them. SQLite needs the WHERE to tell the ON CONFLICT clause from a join constraint.
  const fromJson = sql`
    SELECT ${organizationId}, json_extract(value, '$.id'), json_extract(value, '$.subscription_id'),
      json_extract(value, '$.sequence_number'), json_extract(value, '$.event_id'), json_extract(value, '$.event_type'),
      'PENDING', 0, NULL, NULL, NULL, NULL, ${now}, ${now + RETRY_WINDOW_MS}, ${now}, ${now}
    FROM json_each(${JSON.stringify(rows)})
    WHERE true`;
  return db
    .insert(webhookDeliveries)
    .select(fromJson)
    .onConflictDoNothing({ target: [webhookDeliveries.subscriptionId, webhookDeliveries.eventId] })
    .returning({ id: webhookDeliveries.id });
}

/** Runs one round of the outbox for a workspace: at most OUTBOX_PAGE_SIZE events. */
async function dispatchPage(
  db: Database,
  queue: Queue<DeliveryMessage>,
  organizationId: string,
  now: number,
): Promise<DispatchResult> {
  const cursor = sql`COALESCE((SELECT ${webhookOutboxCursors.lastSequenceNumber} FROM ${webhookOutboxCursors} WHERE ${webhookOutboxCursors.organizationId} = ${organizationId}), 0)`;
  const [subscriptions, events, counters] = await db.batch([
    db
      .select()
      .from(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.organizationId, organizationId), eq(webhookSubscriptions.status, "ACTIVE"))),
    db
      .select()
      .from(taskEvents)
      .where(and(eq(taskEvents.organizationId, organizationId), gt(taskEvents.sequenceNumber, cursor)))
      .orderBy(asc(taskEvents.sequenceNumber))
      .limit(OUTBOX_PAGE_SIZE),
    db
      .select({ last: taskEventCounters.lastSequenceNumber })
      .from(taskEventCounters)
      .where(eq(taskEventCounters.organizationId, organizationId)),
  ]);

  const hasActiveWebhook = subscriptions.length > 0;
  if (events.length === 0) {
    return { events: 0, deliveries: 0, hasActiveWebhook };
  }

  // Without an active webhook nothing is delivered, so the cursor skips to the newest event
  // that the same snapshot saw: paused webhooks never get these events later.
  if (subscriptions.length === 0) {
    await advanceCursor(db, organizationId, counters[0]?.last ?? events.at(-1)!.sequenceNumber);
    return { events: events.length, deliveries: 0, hasActiveWebhook };
  }

  const rows = events.flatMap((event) =>
    subscriptions
      .filter((subscription) => matches(subscription, event))
      .map((subscription) => ({
        id: createUuidV7(now),
        subscription_id: subscription.id,
        sequence_number: event.sequenceNumber,
        event_id: event.id,
        event_type: event.type,
      })),
  );

  const lastSequenceNumber = events.at(-1)!.sequenceNumber;
  if (rows.length === 0) {
    await advanceCursor(db, organizationId, lastSequenceNumber);
    return { events: events.length, deliveries: 0, hasActiveWebhook };
  }

  const [inserted] = await db.batch([
    insertDeliveries(db, organizationId, rows, now),
    advanceCursor(db, organizationId, lastSequenceNumber),
  ]);
  const insertedIds = inserted.map((row) => row.id);

  // A failed send leaves the deliveries PENDING with next_attempt_at in the past, and the
  // scheduled sweep sends them again, so the error is logged and not raised.
  try {
    await sendDeliveryMessages(
      queue,
      insertedIds.map((id) => ({ organization_id: organizationId, delivery_id: id, attempt_count: 0 })),
    );
  } catch (error) {
    console.error(
      JSON.stringify({
        level: "error",
        message: "sending webhook deliveries to the queue failed; the scheduled sweep will send them again",
        organization_id: organizationId,
        deliveries: insertedIds.length,
        error: String(error),
      }),
    );
  }
  return { events: events.length, deliveries: insertedIds.length, hasActiveWebhook };
}

/** Runs the outbox for a workspace until its cursor reaches the newest event or `maxRounds` rounds ran. */
export async function dispatchWorkspaceEvents(
  db: Database,
  queue: Queue<DeliveryMessage>,
  organizationId: string,
  now: number,
  maxRounds = 10,
): Promise<DispatchResult> {
  const total = { events: 0, deliveries: 0, hasActiveWebhook: false };
  for (let round = 0; round < maxRounds; round++) {
    const result = await dispatchPage(db, queue, organizationId, now);
    total.events += result.events;
    total.deliveries += result.deliveries;
    total.hasActiveWebhook = result.hasActiveWebhook;
    if (result.events < OUTBOX_PAGE_SIZE) {
      break;
    }
  }
  return total;
}
