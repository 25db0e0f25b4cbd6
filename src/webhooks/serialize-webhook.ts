import { toIsoTimestamp } from "../common/timestamps";
import type { WebhookSubscriptionRow } from "../db/schema";
import type { Webhook } from "./schemas";

/** Renders a stored subscription as the public webhook object; the secret is never part of it. */
export function serializeWebhook(row: WebhookSubscriptionRow): Webhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    description: row.description,
    event_types: row.eventTypes,
    sequence_template_ids: row.sequenceTemplateIds,
    status: row.status,
    disabled_reason: row.disabledReason,
    secret_prefix: row.secretPrefix,
    created_at: toIsoTimestamp(row.createdAt),
    updated_at: toIsoTimestamp(row.updatedAt),
  };
}
