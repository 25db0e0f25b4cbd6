import { env } from "cloudflare:test";

import { createUuidV7 } from "../../src/common/ids";
import {
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookSubscriptions,
  type WebhookDeliveryRow,
  type WebhookSubscriptionRow,
} from "../../src/db/schema";
import { RETRY_WINDOW_MS } from "../../src/webhooks/retry-policy";
import { createWebhookSecret, secretPrefixOf } from "../../src/webhooks/signing";
import { BASE_TIME, db } from "../helpers/factories";
import { receiverUrl } from "../helpers/webhooks";

/** A webhook that the suite's requests name, with the deliveries in its log. */
export interface WebhookFixture {
  id: string;
  organizationId: string;
  /**
   * True for webhooks that no request deletes, so a request that names one can expect it to
   * exist. Only DELETE requests name the others, and those may already be gone.
   */
  kept: boolean;
  deliveryIds: string[];
}

// Disposable webhooks per workspace. Valid deletes beyond these get a 404, which the
// suite expects for a disposable webhook anyway.
const DISPOSABLE_WEBHOOKS = 4;

interface RecordedEvent {
  sequence_number: number;
  id: string;
  type: WebhookDeliveryRow["eventType"];
}

function webhookRow(organizationId: string, status: WebhookSubscriptionRow["status"], index: number) {
  const secret = createWebhookSecret();
  return {
    organizationId,
    id: createUuidV7(),
    name: `property webhook ${index}`,
    url: receiverUrl(`/property/${index}`),
    description: null,
    eventTypes: ["task.created", "task.skipped", "task.completed"],
    sequenceTemplateIds: null,
    status,
    secret,
    secretPrefix: secretPrefixOf(secret),
    createdAt: BASE_TIME + index,
    updatedAt: BASE_TIME + index,
  } satisfies typeof webhookSubscriptions.$inferInsert;
}

/** Returns the receiver's status code for the attempts of a delivery in this status. */
function statusCodeOf(status: WebhookDeliveryRow["status"]): number {
  return status === "SUCCEEDED" ? 200 : 503;
}

function deliveryRow(
  webhook: { organizationId: string; id: string },
  event: RecordedEvent,
  status: WebhookDeliveryRow["status"],
  attemptCount: number,
) {
  const createdAt = BASE_TIME + 60_000 + event.sequence_number;
  return {
    organizationId: webhook.organizationId,
    id: createUuidV7(createdAt),
    subscriptionId: webhook.id,
    eventSequenceNumber: event.sequence_number,
    eventId: event.id,
    eventType: event.type,
    status,
    attemptCount,
    lastStatusCode: attemptCount === 0 ? null : statusCodeOf(status),
    lastAttemptAt: attemptCount === 0 ? null : createdAt + 1_000,
    // A PENDING delivery is due an hour from now, so no sweep of overdue deliveries sends it.
    nextAttemptAt: status === "PENDING" ? Date.now() + 3_600_000 : null,
    retryUntil: createdAt + RETRY_WINDOW_MS,
    createdAt,
    updatedAt: createdAt,
  } satisfies typeof webhookDeliveries.$inferInsert;
}

/**
 * Creates a workspace's webhooks, all aimed at the tests' loopback receiver: an ACTIVE one
 * with a SUCCEEDED, a FAILED and a PENDING delivery, a PAUSED one with a FAILED delivery,
 * and disposable ACTIVE ones with a SUCCEEDED delivery each. The deliveries carry the
 * workspace's task.created events, so its tasks must exist first.
 */
export async function createWebhookFixtures(organizationId: string): Promise<WebhookFixture[]> {
  const events = await readRecordedEvents(organizationId);
  if (events.length < 3) {
    throw new Error(`The workspace needs at least 3 task events for its delivery logs, found ${events.length}.`);
  }
  const [first, second, third] = events as [RecordedEvent, RecordedEvent, RecordedEvent];

  const active = webhookRow(organizationId, "ACTIVE", 0);
  const paused = webhookRow(organizationId, "PAUSED", 1);
  const disposable = Array.from({ length: DISPOSABLE_WEBHOOKS }, (_, index) =>
    webhookRow(organizationId, "ACTIVE", index + 2),
  );
  await db()
    .insert(webhookSubscriptions)
    .values([active, paused, ...disposable]);

  const deliveries = {
    active: [
      deliveryRow(active, first, "SUCCEEDED", 1),
      deliveryRow(active, second, "FAILED", 2),
      deliveryRow(active, third, "PENDING", 0),
    ],
    paused: [deliveryRow(paused, first, "FAILED", 1)],
    disposable: disposable.map((webhook) => [deliveryRow(webhook, first, "SUCCEEDED", 1)]),
  };
  const allDeliveries = [...deliveries.active, ...deliveries.paused, ...deliveries.disposable.flat()];
  // One row per statement, because a multi-row insert would pass D1's limit of 100 bound parameters.
  for (const delivery of allDeliveries) {
    await db().insert(webhookDeliveries).values(delivery);
  }

  // One attempt row per attempt that a delivery counts, numbered from 1.
  const attempts = allDeliveries.flatMap((delivery) =>
    Array.from({ length: delivery.attemptCount }, (_, index) => ({
      organizationId,
      deliveryId: delivery.id,
      attemptNumber: index + 1,
      statusCode: delivery.lastStatusCode,
      durationMs: 90,
      error: delivery.status === "SUCCEEDED" ? null : "The receiver answered 503.",
      attemptedAt: delivery.createdAt + (index + 1) * 1_000,
    })),
  );
  for (const attempt of attempts) {
    await db().insert(webhookDeliveryAttempts).values(attempt);
  }

  const fixtureOf = (webhook: { id: string }, kept: boolean, rows: { id: string }[]): WebhookFixture => ({
    id: webhook.id,
    organizationId,
    kept,
    deliveryIds: rows.map((row) => row.id),
  });
  return [
    fixtureOf(active, true, deliveries.active),
    fixtureOf(paused, true, deliveries.paused),
    ...disposable.map((webhook, index) => fixtureOf(webhook, false, deliveries.disposable[index]!)),
  ];
}

/** Reads the workspace's task events, oldest first, which the triggers on tasks wrote. */
async function readRecordedEvents(organizationId: string): Promise<RecordedEvent[]> {
  const { results } = await env.DB.prepare(
    "SELECT sequence_number, id, type FROM task_events WHERE organization_id = ? ORDER BY sequence_number",
  )
    .bind(organizationId)
    .all<RecordedEvent>();
  return results;
}
