import { toIsoTimestamp, toIsoTimestampOrNull } from "../common/timestamps";
import type { WebhookDeliveryAttemptRow, WebhookDeliveryRow } from "../db/schema";
import type { Delivery } from "./schemas";

/** Renders a delivery with its attempts, which must be this delivery's, oldest first. */
export function serializeDelivery(row: WebhookDeliveryRow, attempts: readonly WebhookDeliveryAttemptRow[]): Delivery {
  return {
    id: row.id,
    webhook_id: row.subscriptionId,
    event_id: row.eventId,
    event_type: row.eventType,
    status: row.status,
    attempt_count: row.attemptCount,
    last_status_code: row.lastStatusCode,
    last_duration_ms: row.lastDurationMs,
    last_error: row.lastError,
    last_attempt_at: toIsoTimestampOrNull(row.lastAttemptAt),
    next_attempt_at: row.status === "PENDING" ? toIsoTimestampOrNull(row.nextAttemptAt) : null,
    created_at: toIsoTimestamp(row.createdAt),
    updated_at: toIsoTimestamp(row.updatedAt),
    attempts: attempts.map((attempt) => ({
      attempt_number: attempt.attemptNumber,
      status_code: attempt.statusCode,
      duration_ms: attempt.durationMs,
      error: attempt.error,
      attempted_at: toIsoTimestamp(attempt.attemptedAt),
    })),
  };
}
