import { and, eq, sql } from "drizzle-orm";

import { createDatabase, type Database } from "../db/client";
import {
  taskEvents,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookSubscriptions,
  type WebhookDeliveryRow,
} from "../db/schema";
import type { Bindings } from "../env";
import { serializeTaskEvent } from "../task-events/serialize-task-event";
import type { DeliveryMessage } from "./delivery-queue";
import { DELIVERY_TIMEOUT_MS, postWebhook, type AttemptOutcome } from "./post-webhook";
import type { UrlSafetyOptions } from "./url-safety";
import { webhookUrlRules } from "./webhook-url";
import { DISABLE_AFTER_FAILING_MS, disabledReasonOf, retryDelaySeconds } from "./retry-policy";

// The queue consumer: one message is one attempt of one delivery. It claims the attempt,
// POSTs the signed event, records the attempt and either finishes the delivery or sends a
// new message with a delay for the next attempt. Retries use that delayed send, not
// message.retry(), because the next message must carry the new attempt count; see
// delivery-queue.ts for why messages carry it.

/** While an attempt runs, the sweep leaves its delivery alone for this long. */
const CLAIM_HOLD_MS = DELIVERY_TIMEOUT_MS + 60_000;

/** The delay before the queue hands a message back after the consumer itself failed. */
const CONSUMER_ERROR_RETRY_SECONDS = 60;

function deliveryIs(message: DeliveryMessage) {
  return and(
    eq(webhookDeliveries.organizationId, message.organization_id),
    eq(webhookDeliveries.id, message.delivery_id),
  )!;
}

/**
 * Claims the attempt that the message names and reads the delivery's webhook and event, in
 * one round trip. The claim is empty when the delivery is gone, finished, or already past
 * that attempt.
 */
async function claimAttempt(db: Database, message: DeliveryMessage, now: number) {
  const ofDelivery = (column: string) =>
    sql`(SELECT ${sql.raw(column)} FROM webhook_deliveries WHERE organization_id = ${message.organization_id} AND id = ${message.delivery_id})`;

  const [claimed, subscriptions, events] = await db.batch([
    db
      .update(webhookDeliveries)
      .set({
        attemptCount: sql`${webhookDeliveries.attemptCount} + 1`,
        lastAttemptAt: now,
        nextAttemptAt: now + CLAIM_HOLD_MS,
        updatedAt: now,
      })
      .where(
        and(
          deliveryIs(message),
          eq(webhookDeliveries.status, "PENDING"),
          eq(webhookDeliveries.attemptCount, message.attempt_count),
        ),
      )
      .returning(),
    db
      .select()
      .from(webhookSubscriptions)
      .where(
        and(
          eq(webhookSubscriptions.organizationId, message.organization_id),
          eq(webhookSubscriptions.id, ofDelivery("subscription_id")),
        ),
      ),
    db
      .select()
      .from(taskEvents)
      .where(
        and(
          eq(taskEvents.organizationId, message.organization_id),
          eq(taskEvents.sequenceNumber, ofDelivery("event_sequence_number")),
        ),
      ),
  ]);
  return { delivery: claimed[0], subscription: subscriptions[0], event: events[0] };
}

/** Ends a claimed delivery without sending it, and gives back the attempt it did not make. */
async function failWithoutSending(db: Database, delivery: WebhookDeliveryRow, reason: string, now: number) {
  await db
    .update(webhookDeliveries)
    .set({
      status: "FAILED",
      attemptCount: delivery.attemptCount - 1,
      lastError: reason,
      nextAttemptAt: null,
      updatedAt: now,
    })
    .where(and(eq(webhookDeliveries.organizationId, delivery.organizationId), eq(webhookDeliveries.id, delivery.id)));
}

/** Works out the delivery's next state after an attempt: finished, or PENDING until its next attempt. */
function nextStateOf(delivery: WebhookDeliveryRow, outcome: AttemptOutcome, now: number) {
  if (outcome.succeeded) {
    return { status: "SUCCEEDED" as const, nextAttemptAt: null, delaySeconds: undefined };
  }
  if (now >= delivery.retryUntil) {
    return { status: "FAILED" as const, nextAttemptAt: null, delaySeconds: undefined };
  }
  const delaySeconds = retryDelaySeconds(delivery.attemptCount);
  return { status: "PENDING" as const, nextAttemptAt: now + delaySeconds * 1000, delaySeconds };
}

/**
 * Records an attempt on the delivery and on its webhook's failure history. A webhook whose
 * attempts have all failed since 24 hours or more becomes DISABLED; the condition is checked
 * in the UPDATE itself, so a success recorded meanwhile by another attempt wins.
 */
async function recordAttempt(
  db: Database,
  delivery: WebhookDeliveryRow,
  outcome: AttemptOutcome,
  state: ReturnType<typeof nextStateOf>,
  failingSince: number,
  now: number,
) {
  const subscription = and(
    eq(webhookSubscriptions.organizationId, delivery.organizationId),
    eq(webhookSubscriptions.id, delivery.subscriptionId),
  )!;
  const disableNow = sql`(${webhookSubscriptions.status} = 'ACTIVE' AND COALESCE(${webhookSubscriptions.failingSince}, ${now}) <= ${now - DISABLE_AFTER_FAILING_MS})`;

  const subscriptionUpdate = outcome.succeeded
    ? db.update(webhookSubscriptions).set({ consecutiveFailures: 0, failingSince: null }).where(subscription)
    : db
        .update(webhookSubscriptions)
        .set({
          consecutiveFailures: sql`${webhookSubscriptions.consecutiveFailures} + 1`,
          failingSince: sql`COALESCE(${webhookSubscriptions.failingSince}, ${now})`,
          status: sql`CASE WHEN ${disableNow} THEN 'DISABLED' ELSE ${webhookSubscriptions.status} END`,
          disabledReason: sql`CASE WHEN ${disableNow} THEN ${disabledReasonOf(failingSince, outcome.error ?? "")} ELSE ${webhookSubscriptions.disabledReason} END`,
          updatedAt: sql`CASE WHEN ${disableNow} THEN ${now} ELSE ${webhookSubscriptions.updatedAt} END`,
        })
        .where(subscription);

  await db.batch([
    db.insert(webhookDeliveryAttempts).values({
      organizationId: delivery.organizationId,
      deliveryId: delivery.id,
      attemptNumber: delivery.attemptCount,
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      error: outcome.error,
      attemptedAt: now,
    }),
    db
      .update(webhookDeliveries)
      .set({
        status: state.status,
        lastStatusCode: outcome.statusCode,
        lastDurationMs: outcome.durationMs,
        lastError: outcome.error,
        nextAttemptAt: state.nextAttemptAt,
        updatedAt: Date.now(),
      })
      .where(
        and(
          eq(webhookDeliveries.organizationId, delivery.organizationId),
          eq(webhookDeliveries.id, delivery.id),
          eq(webhookDeliveries.attemptCount, delivery.attemptCount),
        ),
      ),
    subscriptionUpdate,
  ]);
}

async function deliveryExists(db: Database, delivery: WebhookDeliveryRow): Promise<boolean> {
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.organizationId, delivery.organizationId), eq(webhookDeliveries.id, delivery.id)));
  return rows.length > 0;
}

/** Makes the attempt that one message names. Throws only when D1 or the queue fails. */
export async function processDeliveryMessage(
  db: Database,
  queue: Queue<DeliveryMessage>,
  message: DeliveryMessage,
  now: number,
  rules: UrlSafetyOptions,
): Promise<void> {
  const { delivery, subscription, event } = await claimAttempt(db, message, now);
  if (delivery === undefined) {
    return;
  }
  if (subscription === undefined || subscription.status !== "ACTIVE") {
    const status = subscription?.status ?? "deleted";
    await failWithoutSending(db, delivery, `Not sent: the webhook was ${status} when the delivery was due.`, now);
    return;
  }
  if (event === undefined) {
    await failWithoutSending(db, delivery, "Not sent: the event is no longer in the task event log.", now);
    return;
  }

  const body = JSON.stringify({ ...serializeTaskEvent(event), webhook_id: subscription.id, delivery_id: delivery.id });
  const outcome = await postWebhook(subscription.url, subscription.secret, event.id, body, rules);
  const state = nextStateOf(delivery, outcome, now);
  try {
    await recordAttempt(db, delivery, outcome, state, subscription.failingSince ?? now, now);
  } catch (error) {
    // Deleting a webhook deletes its deliveries, so an attempt that was under way has no row
    // left to record into. That is not a failure to retry.
    if (await deliveryExists(db, delivery)) {
      throw error;
    }
    console.log(
      JSON.stringify({
        level: "info",
        message: "webhook deleted during a delivery attempt; the attempt is not recorded",
        organization_id: delivery.organizationId,
        delivery_id: delivery.id,
      }),
    );
    return;
  }

  console.log(
    JSON.stringify({
      level: outcome.succeeded ? "info" : "warn",
      message: "webhook delivery attempt",
      organization_id: delivery.organizationId,
      webhook_id: subscription.id,
      delivery_id: delivery.id,
      event_id: event.id,
      attempt: delivery.attemptCount,
      status_code: outcome.statusCode,
      duration_ms: outcome.durationMs,
      error: outcome.error,
      next_status: state.status,
      retry_in_seconds: state.delaySeconds ?? null,
    }),
  );

  // If this send fails, the delivery stays PENDING with next_attempt_at set, and the
  // scheduled sweep sends it once that time is well past.
  if (state.delaySeconds !== undefined) {
    await queue.send(
      { organization_id: delivery.organizationId, delivery_id: delivery.id, attempt_count: delivery.attemptCount },
      { delaySeconds: state.delaySeconds, contentType: "json" },
    );
  }
}

/** The queue handler: each message is handled on its own, so one failure holds back no other. */
export async function handleDeliveryBatch(batch: MessageBatch<DeliveryMessage>, env: Bindings): Promise<void> {
  const db = createDatabase(env.DB);

  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        await processDeliveryMessage(db, env.WEBHOOK_DELIVERIES, message.body, Date.now(), webhookUrlRules(env));
        message.ack();
      } catch (error) {
        console.error(
          JSON.stringify({
            level: "error",
            message: "handling a webhook delivery message failed; the queue will retry it",
            delivery_id: message.body.delivery_id,
            error: String(error),
            stack: error instanceof Error ? error.stack : undefined,
          }),
        );
        message.retry({ delaySeconds: CONSUMER_ERROR_RETRY_SECONDS });
      }
    }),
  );
}
