import { and, asc, count, eq, inArray, type SQL } from "drizzle-orm";

import type { Database } from "../db/client";
import { sequenceTemplates, webhookSubscriptions, type WebhookSubscriptionRow } from "../db/schema";

// Every statement here names the workspace next to the id, so no request reaches another
// workspace's webhook.

type SubscriptionInsert = typeof webhookSubscriptions.$inferInsert;
type SubscriptionChange = Partial<Omit<SubscriptionInsert, "organizationId" | "id" | "createdAt" | "activeSince">> & {
  activeSince?: SQL;
};

function inWorkspace(organizationId: string, webhookId: string) {
  return and(eq(webhookSubscriptions.organizationId, organizationId), eq(webhookSubscriptions.id, webhookId))!;
}

/** Returns the ids among `templateIds` that are not templates of the workspace. */
export async function findUnknownTemplates(
  db: Database,
  organizationId: string,
  templateIds: readonly string[],
): Promise<string[]> {
  const known = await db
    .select({ id: sequenceTemplates.id })
    .from(sequenceTemplates)
    .where(and(eq(sequenceTemplates.organizationId, organizationId), inArray(sequenceTemplates.id, [...templateIds])));
  const knownIds = new Set(known.map((row) => row.id));
  return templateIds.filter((id) => !knownIds.has(id));
}

/**
 * Tells, in one round trip, whether the workspace has the webhook and which of
 * `templateIds` are not templates of the workspace.
 */
export async function findWebhookAndUnknownTemplates(
  db: Database,
  organizationId: string,
  webhookId: string,
  templateIds: readonly string[],
): Promise<{ webhookExists: boolean; unknownTemplateIds: string[] }> {
  const [webhooks, known] = await db.batch([
    db.select({ id: webhookSubscriptions.id }).from(webhookSubscriptions).where(inWorkspace(organizationId, webhookId)),
    db
      .select({ id: sequenceTemplates.id })
      .from(sequenceTemplates)
      .where(
        and(eq(sequenceTemplates.organizationId, organizationId), inArray(sequenceTemplates.id, [...templateIds])),
      ),
  ]);
  const knownIds = new Set(known.map((row) => row.id));
  return { webhookExists: webhooks.length > 0, unknownTemplateIds: templateIds.filter((id) => !knownIds.has(id)) };
}

export async function insertWebhook(db: Database, row: SubscriptionInsert): Promise<WebhookSubscriptionRow> {
  const [inserted] = await db.insert(webhookSubscriptions).values(row).returning();
  return inserted!;
}

export async function selectWebhook(
  db: Database,
  organizationId: string,
  webhookId: string,
): Promise<WebhookSubscriptionRow | undefined> {
  const [row] = await db.select().from(webhookSubscriptions).where(inWorkspace(organizationId, webhookId));
  return row;
}

/** Selects one page of the workspace's webhooks, oldest first, and the total, in one round trip. */
export async function selectWebhookPage(db: Database, organizationId: string, page: number, size: number) {
  const [rows, [total]] = await db.batch([
    db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.organizationId, organizationId))
      .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id))
      .limit(size)
      .offset((page - 1) * size),
    db
      .select({ value: count() })
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.organizationId, organizationId)),
  ]);
  return { rows, totalCount: total?.value ?? 0 };
}

/** Applies a change and returns the webhook after it, or undefined when the workspace has no such webhook. */
export async function updateWebhook(
  db: Database,
  organizationId: string,
  webhookId: string,
  change: SubscriptionChange,
): Promise<WebhookSubscriptionRow | undefined> {
  const [row] = await db
    .update(webhookSubscriptions)
    .set(change)
    .where(inWorkspace(organizationId, webhookId))
    .returning();
  return row;
}

/** Deletes a webhook with its deliveries and attempts (by cascade), and reports whether it existed. */
export async function deleteWebhook(db: Database, organizationId: string, webhookId: string): Promise<boolean> {
  const deleted = await db
    .delete(webhookSubscriptions)
    .where(inWorkspace(organizationId, webhookId))
    .returning({ id: webhookSubscriptions.id });
  return deleted.length > 0;
}
