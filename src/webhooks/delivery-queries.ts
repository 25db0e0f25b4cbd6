import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";

import type { Database } from "../db/client";
import {
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookSubscriptions,
  type WebhookDeliveryAttemptRow,
  type WebhookDeliveryRow,
} from "../db/schema";
import type { WebhookDeliveryStatus } from "../common/enums";
import { RETRY_WINDOW_MS } from "./retry-policy";

// Queries of the delivery log. Each names the workspace and the webhook beside the
// delivery's id, so a delivery is found only through its own webhook in the caller's workspace.

function webhookInWorkspace(organizationId: string, webhookId: string): SQL {
  return and(eq(webhookSubscriptions.organizationId, organizationId), eq(webhookSubscriptions.id, webhookId))!;
}

function deliveriesOf(organizationId: string, webhookId: string, status?: WebhookDeliveryStatus): SQL {
  return and(
    eq(webhookDeliveries.organizationId, organizationId),
    eq(webhookDeliveries.subscriptionId, webhookId),
    status === undefined ? undefined : eq(webhookDeliveries.status, status),
  )!;
}

export interface DeliveryPage {
  webhookExists: boolean;
  rows: WebhookDeliveryRow[];
  attempts: WebhookDeliveryAttemptRow[];
  totalCount: number;
}

/** Selects a page of a webhook's deliveries, newest first, with their attempts and the total, in one round trip. */
export async function selectDeliveryPage(
  db: Database,
  organizationId: string,
  webhookId: string,
  query: { status?: WebhookDeliveryStatus; page: number; size: number },
): Promise<DeliveryPage> {
  const condition = deliveriesOf(organizationId, webhookId, query.status);
  const newestFirst = [desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)];
  const offset = (query.page - 1) * query.size;
  const pageIds = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(condition)
    .orderBy(...newestFirst)
    .limit(query.size)
    .offset(offset);

  const [webhooks, rows, [total], attempts] = await db.batch([
    db
      .select({ id: webhookSubscriptions.id })
      .from(webhookSubscriptions)
      .where(webhookInWorkspace(organizationId, webhookId)),
    db
      .select()
      .from(webhookDeliveries)
      .where(condition)
      .orderBy(...newestFirst)
      .limit(query.size)
      .offset(offset),
    db.select({ value: count() }).from(webhookDeliveries).where(condition),
    db
      .select()
      .from(webhookDeliveryAttempts)
      .where(
        and(
          eq(webhookDeliveryAttempts.organizationId, organizationId),
          inArray(webhookDeliveryAttempts.deliveryId, pageIds),
        ),
      )
      .orderBy(asc(webhookDeliveryAttempts.deliveryId), asc(webhookDeliveryAttempts.attemptNumber)),
  ]);
  return {
    webhookExists: webhooks.length > 0,
    rows,
    attempts,
    totalCount: total?.value ?? 0,
  };
}

/** Selects a webhook's status and one of its deliveries, in one round trip. */
export async function selectWebhookAndDelivery(
  db: Database,
  organizationId: string,
  webhookId: string,
  deliveryId: string,
) {
  const [webhooks, deliveries] = await db.batch([
    db
      .select({ status: webhookSubscriptions.status })
      .from(webhookSubscriptions)
      .where(webhookInWorkspace(organizationId, webhookId)),
    db
      .select()
      .from(webhookDeliveries)
      .where(and(deliveriesOf(organizationId, webhookId), eq(webhookDeliveries.id, deliveryId))),
  ]);
  return { webhook: webhooks[0], delivery: deliveries[0] };
}

/**
 * Puts a finished delivery back to PENDING with a fresh 24-hour retry window, only if it is
 * still as `delivery` shows it, and returns it with its attempts. Undefined means another
 * request changed it first.
 */
export async function reopenDelivery(db: Database, delivery: WebhookDeliveryRow, now: number) {
  const [reopened, attempts] = await db.batch([
    db
      .update(webhookDeliveries)
      .set({ status: "PENDING", nextAttemptAt: now, retryUntil: now + RETRY_WINDOW_MS, updatedAt: now })
      .where(
        and(
          eq(webhookDeliveries.organizationId, delivery.organizationId),
          eq(webhookDeliveries.id, delivery.id),
          eq(webhookDeliveries.status, delivery.status),
          eq(webhookDeliveries.attemptCount, delivery.attemptCount),
        ),
      )
      .returning(),
    db
      .select()
      .from(webhookDeliveryAttempts)
      .where(
        and(
          eq(webhookDeliveryAttempts.organizationId, delivery.organizationId),
          eq(webhookDeliveryAttempts.deliveryId, delivery.id),
        ),
      )
      .orderBy(asc(webhookDeliveryAttempts.attemptNumber)),
  ]);
  return reopened[0] === undefined ? undefined : { delivery: reopened[0], attempts };
}
