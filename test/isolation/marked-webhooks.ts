import { env } from "cloudflare:test";

import { createUuidV7 } from "../../src/common/ids";
import {
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookOutboxCursors,
  webhookSubscriptions,
  type WebhookDeliveryAttemptRow,
  type WebhookDeliveryRow,
  type WebhookSubscriptionRow,
} from "../../src/db/schema";
import { RETRY_WINDOW_MS } from "../../src/webhooks/retry-policy";
import { createWebhookSecret, secretPrefixOf } from "../../src/webhooks/signing";
import { BASE_TIME, db } from "../helpers/factories";
import { receiverUrl } from "../helpers/webhooks";

interface MarkedWebhookOptions {
  organizationId: string;
  /** Adds the workspace's label and random token to a text. */
  mark: (text: string) => string;
  /** The workspace's label in lower case and its random token, for the receiver paths. */
  slug: string;
  token: string;
  templateId: string;
}

interface RecordedEvent {
  sequence_number: number;
  id: string;
  type: WebhookDeliveryRow["eventType"];
}

/**
 * Creates an ACTIVE, a PAUSED and a DISABLED webhook for a workspace whose tasks are already
 * inserted, each with a delivery log made from the workspace's task.created events. Every
 * webhook targets the tests' loopback receiver, under a path that carries the token.
 *
 * The outbox cursor is set to the newest event, as if the outbox had already handled the
 * seeded events. Without it, the first successful write request of the workspace would turn
 * those events into new deliveries, and a snapshot of the workspace's rows would change.
 */
export async function createMarkedWebhooks(options: MarkedWebhookOptions) {
  const { organizationId, mark, slug, token } = options;
  const events = await readRecordedEvents(organizationId);
  if (events.length < 3) {
    throw new Error(`The workspace needs at least 3 task events for its delivery logs, found ${events.length}.`);
  }

  const webhookOf = (
    role: string,
    overrides: Partial<WebhookSubscriptionRow> & Pick<WebhookSubscriptionRow, "status">,
  ): WebhookSubscriptionRow => {
    const secret = createWebhookSecret();
    return {
      organizationId,
      id: createUuidV7(),
      name: mark(`${role} webhook`),
      url: receiverUrl(`/${slug}/${token}/${role.toLowerCase()}`),
      description: mark(`${role} webhook description`),
      eventTypes: ["task.created", "task.skipped"],
      sequenceTemplateIds: null,
      disabledReason: null,
      secret,
      secretPrefix: secretPrefixOf(secret),
      consecutiveFailures: 0,
      failingSince: null,
      createdAt: BASE_TIME,
      updatedAt: BASE_TIME,
      activeSince: null,
      ...overrides,
    };
  };
  const webhookRows = {
    active: webhookOf("Active", { status: "ACTIVE", sequenceTemplateIds: [options.templateId] }),
    paused: webhookOf("Paused", { status: "PAUSED" }),
    disabled: webhookOf("Disabled", {
      status: "DISABLED",
      disabledReason: mark("Disabled after 24 hours of failures"),
      consecutiveFailures: 12,
      failingSince: BASE_TIME,
    }),
  };
  await db().insert(webhookSubscriptions).values(Object.values(webhookRows));

  let deliveryCount = 0;
  const deliveryOf = (
    webhook: WebhookSubscriptionRow,
    event: RecordedEvent,
    overrides: Partial<WebhookDeliveryRow> & Pick<WebhookDeliveryRow, "status">,
  ): WebhookDeliveryRow => {
    const createdAt = BASE_TIME + ++deliveryCount * 60_000;
    return {
      organizationId,
      id: createUuidV7(createdAt),
      subscriptionId: webhook.id,
      eventSequenceNumber: event.sequence_number,
      eventId: event.id,
      eventType: event.type,
      attemptCount: 0,
      lastStatusCode: null,
      lastDurationMs: null,
      lastError: null,
      lastAttemptAt: null,
      nextAttemptAt: null,
      retryUntil: createdAt + RETRY_WINDOW_MS,
      createdAt,
      updatedAt: createdAt,
      ...overrides,
    };
  };
  const [first, second, third] = events as [RecordedEvent, RecordedEvent, RecordedEvent];
  const deliveryRows = {
    succeeded: deliveryOf(webhookRows.active, first, {
      status: "SUCCEEDED",
      attemptCount: 1,
      lastStatusCode: 200,
      lastDurationMs: 84,
      lastAttemptAt: BASE_TIME + 61_000,
    }),
    failed: deliveryOf(webhookRows.active, second, {
      status: "FAILED",
      attemptCount: 2,
      lastStatusCode: 503,
      lastDurationMs: 120,
      lastError: mark("The receiver answered 503"),
      lastAttemptAt: BASE_TIME + 3_600_000,
    }),
    // Due an hour from now, so no sweep of overdue deliveries picks it up during the tests.
    pending: deliveryOf(webhookRows.active, third, { status: "PENDING", nextAttemptAt: Date.now() + 3_600_000 }),
    pausedFailed: deliveryOf(webhookRows.paused, first, {
      status: "FAILED",
      lastError: mark("Paused before it was sent"),
    }),
    disabledFailed: deliveryOf(webhookRows.disabled, second, {
      status: "FAILED",
      attemptCount: 1,
      lastDurationMs: 10_000,
      lastError: mark("Timed out"),
      lastAttemptAt: BASE_TIME + 7_200_000,
    }),
  };
  await db().insert(webhookDeliveries).values(Object.values(deliveryRows));

  const attemptRows: WebhookDeliveryAttemptRow[] = [
    attemptOf(deliveryRows.succeeded, 1, 200, null),
    attemptOf(deliveryRows.failed, 1, null, mark("Connection refused")),
    attemptOf(deliveryRows.failed, 2, 503, deliveryRows.failed.lastError),
    attemptOf(deliveryRows.disabledFailed, 1, null, deliveryRows.disabledFailed.lastError),
  ];
  await db().insert(webhookDeliveryAttempts).values(attemptRows);

  await db()
    .insert(webhookOutboxCursors)
    .values({ organizationId, lastSequenceNumber: events.at(-1)!.sequence_number });

  const markers = [
    ...Object.values(webhookRows).flatMap((webhook) => [
      webhook.id,
      webhook.name,
      webhook.url,
      webhook.description,
      webhook.disabledReason,
      webhook.secret,
      webhook.secretPrefix,
    ]),
    ...Object.values(deliveryRows).flatMap((delivery) => [delivery.id, delivery.lastError]),
    ...attemptRows.map((attempt) => attempt.error),
    ...events.map((event) => event.id),
  ].filter((marker): marker is string => typeof marker === "string");

  return { webhooks: webhookRows, deliveries: deliveryRows, markers };
}

function attemptOf(
  delivery: WebhookDeliveryRow,
  attemptNumber: number,
  statusCode: number | null,
  error: string | null,
): WebhookDeliveryAttemptRow {
  return {
    organizationId: delivery.organizationId,
    deliveryId: delivery.id,
    attemptNumber,
    statusCode,
    durationMs: 100,
    error,
    attemptedAt: delivery.createdAt + attemptNumber * 1_000,
  };
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
