import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import {
  MESSAGE_CHANNELS,
  MESSAGE_DIRECTIONS,
  REOPEN_REASONS,
  TASK_DISPOSITIONS,
  TASK_EVENT_ACTOR_TYPES,
  TASK_EVENT_TYPES,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TASK_TYPES,
  type TaskEventType,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_STATUSES,
} from "../common/enums";

// Every timestamp is an INTEGER of milliseconds since the Unix epoch (UTC), so rows keep
// millisecond order and compare as numbers in indexes. The API renders them as ISO 8601.

function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} IN (${values.map((value) => `'${value}'`).join(", ")})`);
}

export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    name: text("name").notNull(),
    email: text("email").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [
    // The target of the composite foreign keys below: a task can only point at a user of its own workspace.
    uniqueIndex("users_organization_id_id_unique").on(table.organizationId, table.id),
  ],
);

export const sequenceTemplates = sqliteTable(
  "sequence_templates",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [uniqueIndex("sequence_templates_organization_id_id_unique").on(table.organizationId, table.id)],
);

export const sequences = sqliteTable(
  "sequences",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    sequenceTemplateId: text("sequence_template_id").notNull(),
    contactName: text("contact_name").notNull(),
    contactEmail: text("contact_email"),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [
    uniqueIndex("sequences_organization_id_id_unique").on(table.organizationId, table.id),
    foreignKey({
      columns: [table.organizationId, table.sequenceTemplateId],
      foreignColumns: [sequenceTemplates.organizationId, sequenceTemplates.id],
    }),
  ],
);

export const tasks = sqliteTable(
  "tasks",
  {
    id: text("id").notNull(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    sequenceId: text("sequence_id").notNull(),
    // Copied from the sequence run, which never changes template, so the template filter
    // needs no join and has an index of its own.
    sequenceTemplateId: text("sequence_template_id").notNull(),
    type: text("type", { enum: TASK_TYPES }).notNull(),
    priority: text("priority", { enum: TASK_PRIORITIES }).notNull(),
    status: text("status", { enum: TASK_STATUSES }).notNull(),
    assigneeUserId: text("assignee_user_id"),
    disposition: text("disposition", { enum: TASK_DISPOSITIONS }),
    reopenedAt: integer("reopened_at"),
    reopenReason: text("reopen_reason", { enum: REOPEN_REASONS }),
    skippedAt: integer("skipped_at"),
    completedAt: integer("completed_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    // Goes up by one with every change, so it distinguishes two states even when both
    // changes fall in the same millisecond. The ETag is built from it.
    version: integer("version").notNull().default(1),
    // The API key that made the latest change, or null while the task is as its sequence
    // created it. Every UPDATE sets it, and the event trigger copies it into the event.
    changedByApiKeyId: text("changed_by_api_key_id"),
  },
  (table) => [
    // The key starts with the workspace, so a lookup by id never reaches another workspace's
    // row: a task of another workspace costs no row read, exactly like one that does not
    // exist, and D1's rows_read (which Server-Timing reports) cannot tell the two apart.
    primaryKey({ columns: [table.organizationId, table.id] }),
    foreignKey({
      columns: [table.organizationId, table.sequenceId],
      foreignColumns: [sequences.organizationId, sequences.id],
    }),
    foreignKey({
      columns: [table.organizationId, table.sequenceTemplateId],
      foreignColumns: [sequenceTemplates.organizationId, sequenceTemplates.id],
    }),
    foreignKey({
      columns: [table.organizationId, table.assigneeUserId],
      foreignColumns: [users.organizationId, users.id],
    }),
    check("tasks_type_check", oneOf("type", TASK_TYPES)),
    check("tasks_priority_check", oneOf("priority", TASK_PRIORITIES)),
    check("tasks_status_check", oneOf("status", TASK_STATUSES)),
    check("tasks_disposition_check", oneOf("disposition", TASK_DISPOSITIONS)),
    check("tasks_reopen_reason_check", oneOf("reopen_reason", REOPEN_REASONS)),

    // Each list index starts with the workspace, so no query scans another workspace's rows,
    // and ends with the sort column and the id, so pages come in index order with the same
    // tie-break that the queries use. Every index costs a row write on every task write,
    // so only the common views get one.

    // The default list (created_at) and created_at ranges.
    index("tasks_org_created_idx").on(table.organizationId, table.createdAt, table.id),
    // Lists sorted by updated_at.
    index("tasks_org_updated_idx").on(table.organizationId, table.updatedAt, table.id),
    // The queue views: one status, in either sort order.
    index("tasks_org_status_created_idx").on(table.organizationId, table.status, table.createdAt, table.id),
    index("tasks_org_status_updated_idx").on(table.organizationId, table.status, table.updatedAt, table.id),
    // A rep's queue: one assignee, usually with a status.
    index("tasks_org_assignee_status_created_idx").on(
      table.organizationId,
      table.assigneeUserId,
      table.status,
      table.createdAt,
      table.id,
    ),
    // One sequence run's tasks, for the sequence filter and the SEQUENCE reassignment. The
    // index ends in created_at so the filter also serves the default sort. Otherwise SQLite
    // walks the whole workspace in created_at order to fill a page.
    index("tasks_org_sequence_created_idx").on(table.organizationId, table.sequenceId, table.createdAt, table.id),
    // The template filter.
    index("tasks_org_template_created_idx").on(
      table.organizationId,
      table.sequenceTemplateId,
      table.createdAt,
      table.id,
    ),
    // Task types within a status, such as pending calls.
    index("tasks_org_type_status_created_idx").on(
      table.organizationId,
      table.type,
      table.status,
      table.createdAt,
      table.id,
    ),
  ],
);

export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    sequenceId: text("sequence_id").notNull(),
    channel: text("channel", { enum: MESSAGE_CHANNELS }).notNull(),
    direction: text("direction", { enum: MESSAGE_DIRECTIONS }).notNull(),
    subject: text("subject"),
    // Inbound bodies are stored with quoted reply history already removed.
    body: text("body").notNull(),
    sentAt: integer("sent_at").notNull(),
    senderId: text("sender_id"),
  },
  (table) => [
    foreignKey({
      columns: [table.organizationId, table.sequenceId],
      foreignColumns: [sequences.organizationId, sequences.id],
    }),
    foreignKey({
      columns: [table.organizationId, table.senderId],
      foreignColumns: [users.organizationId, users.id],
    }),
    check("messages_channel_check", oneOf("channel", MESSAGE_CHANNELS)),
    check("messages_direction_check", oneOf("direction", MESSAGE_DIRECTIONS)),
    // A thread is read whole and oldest first.
    index("messages_org_sequence_sent_idx").on(table.organizationId, table.sequenceId, table.sentAt, table.id),
  ],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    name: text("name").notNull(),
    // The first characters of the key, shown in listings so a person can tell keys apart.
    prefix: text("prefix").notNull(),
    // Hex SHA-256 of the whole key. The key itself is never stored.
    keyHash: text("key_hash").notNull(),
    // A JSON array of scope names, such as ["tasks:read"].
    scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at"),
    revokedAt: integer("revoked_at"),
    lastUsedAt: integer("last_used_at"),
  },
  (table) => [uniqueIndex("api_keys_key_hash_unique").on(table.keyHash)],
);

// The first response to each Idempotency-Key, so a retry gets it again instead of
// applying the change twice. A row whose response_status is null belongs to a request
// that is still running.
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    apiKeyId: text("api_key_id")
      .notNull()
      .references(() => apiKeys.id),
    key: text("key").notNull(),
    // Hex SHA-256 of the method, path, query and body of the first request.
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    responseHeaders: text("response_headers", { mode: "json" }).$type<Record<string, string>>(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.apiKeyId, table.key] }),
    // The scheduled pruning deletes by expiry.
    index("idempotency_keys_expires_idx").on(table.expiresAt),
  ],
);

// The task event log. Triggers on tasks (drizzle/0003_task_event_triggers.sql) append one
// event per insert and per version change, inside the statement that made the change, so an
// event exists exactly when its change was committed. Events are numbered per workspace from
// task_event_counters, which the same triggers advance: numbers follow commit order and
// leave no gaps.
export const taskEvents = sqliteTable(
  "task_events",
  {
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    sequenceNumber: integer("sequence_number").notNull(),
    id: text("id").notNull(),
    type: text("type", { enum: TASK_EVENT_TYPES }).notNull(),
    taskId: text("task_id").notNull(),
    sequenceId: text("sequence_id").notNull(),
    sequenceTemplateId: text("sequence_template_id").notNull(),
    taskVersion: integer("task_version").notNull(),
    // {"field": [previous, new]} for each task field the change set, with stored values
    // (timestamps in milliseconds).
    changes: text("changes", { mode: "json" }).$type<Record<string, [unknown, unknown]>>().notNull(),
    // The whole task row after the change, keyed like TaskRow.
    task: text("task", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    actorType: text("actor_type", { enum: TASK_EVENT_ACTOR_TYPES }).notNull(),
    actorApiKeyId: text("actor_api_key_id"),
    // The task's updated_at after the change (created_at for a created task).
    occurredAt: integer("occurred_at").notNull(),
    // The database clock when the event was written; retention counts from it.
    recordedAt: integer("recorded_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.sequenceNumber] }),
    check("task_events_type_check", oneOf("type", TASK_EVENT_TYPES)),
    check("task_events_actor_type_check", oneOf("actor_type", TASK_EVENT_ACTOR_TYPES)),
    // One task's history, for the task_id filter.
    index("task_events_org_task_idx").on(table.organizationId, table.taskId, table.sequenceNumber),
    // The scheduled pruning deletes by age.
    index("task_events_recorded_idx").on(table.recordedAt),
  ],
);

// Per workspace: the last event number handed out, and the last one pruned by retention, so
// a reader resuming from before the retained log gets a 410 instead of skipping events.
export const taskEventCounters = sqliteTable("task_event_counters", {
  organizationId: text("organization_id")
    .primaryKey()
    .references(() => organizations.id),
  lastSequenceNumber: integer("last_sequence_number").notNull().default(0),
  prunedThroughSequenceNumber: integer("pruned_through_sequence_number").notNull().default(0),
});

// Webhook subscriptions of a workspace. Like tasks, the primary key starts with the
// workspace, so a lookup by id never reaches another workspace's row.
export const webhookSubscriptions = sqliteTable(
  "webhook_subscriptions",
  {
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: text("id").notNull(),
    name: text("name").notNull(),
    url: text("url").notNull(),
    description: text("description"),
    // A JSON array of task event types, such as ["task.completed"].
    eventTypes: text("event_types", { mode: "json" }).$type<TaskEventType[]>().notNull(),
    // A JSON array of template ids, or null for every template.
    sequenceTemplateIds: text("sequence_template_ids", { mode: "json" }).$type<string[] | null>(),
    status: text("status", { enum: WEBHOOK_STATUSES }).notNull(),
    disabledReason: text("disabled_reason"),
    // The signing secret in plain text. Deliveries compute HMAC-SHA256 with it, and an HMAC
    // key cannot be recovered from a hash, so unlike an API key it has to be stored as is.
    secret: text("secret").notNull(),
    // The first characters of the secret, shown so a person can tell which secret is current.
    secretPrefix: text("secret_prefix").notNull(),
    // Failed attempts since the last successful one, and when the first of them happened.
    // The consumer disables the subscription when failingSince is 24 hours old.
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    failingSince: integer("failing_since"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    // When the subscription last became ACTIVE: events recorded before it, while it was
    // paused or disabled, are never delivered. Null means since its creation.
    activeSince: integer("active_since"),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    check("webhook_subscriptions_status_check", oneOf("status", WEBHOOK_STATUSES)),
    // The list, newest last, and the outbox's lookup of a workspace's active subscriptions.
    index("webhook_subscriptions_org_created_idx").on(table.organizationId, table.createdAt, table.id),
    index("webhook_subscriptions_org_status_idx").on(table.organizationId, table.status),
  ],
);

// Per workspace: the last task event that the webhook outbox has turned into deliveries.
export const webhookOutboxCursors = sqliteTable("webhook_outbox_cursors", {
  organizationId: text("organization_id")
    .primaryKey()
    .references(() => organizations.id),
  lastSequenceNumber: integer("last_sequence_number").notNull().default(0),
});

// One row per event and matching subscription. The unique (subscription, event) pair lets
// racing outbox runs insert the same deliveries without creating duplicates.
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    organizationId: text("organization_id").notNull(),
    id: text("id").notNull(),
    subscriptionId: text("subscription_id").notNull(),
    eventSequenceNumber: integer("event_sequence_number").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type", { enum: TASK_EVENT_TYPES }).notNull(),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull(),
    // Raised by the consumer when it claims an attempt. A queue message names the count it
    // expects, so a duplicate or stale message finds a different count and sends nothing.
    attemptCount: integer("attempt_count").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastDurationMs: integer("last_duration_ms"),
    lastError: text("last_error"),
    lastAttemptAt: integer("last_attempt_at"),
    // When the queue should next hand this delivery to the consumer. The scheduled sweep
    // sends a PENDING delivery again when this is well past, for example after a failed send.
    nextAttemptAt: integer("next_attempt_at"),
    // Failed attempts are retried until this time, 24 hours after the delivery was queued.
    retryUntil: integer("retry_until").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    uniqueIndex("webhook_deliveries_subscription_event_unique").on(table.subscriptionId, table.eventId),
    foreignKey({
      columns: [table.organizationId, table.subscriptionId],
      foreignColumns: [webhookSubscriptions.organizationId, webhookSubscriptions.id],
    }).onDelete("cascade"),
    check("webhook_deliveries_status_check", oneOf("status", WEBHOOK_DELIVERY_STATUSES)),
    check("webhook_deliveries_event_type_check", oneOf("event_type", TASK_EVENT_TYPES)),
    // One subscription's delivery log, newest first.
    index("webhook_deliveries_org_subscription_created_idx").on(
      table.organizationId,
      table.subscriptionId,
      table.createdAt,
      table.id,
    ),
    // The scheduled sweep of deliveries whose queue message went missing.
    index("webhook_deliveries_status_next_attempt_idx").on(table.status, table.nextAttemptAt),
  ],
);

// Every HTTP attempt of a delivery, for the delivery log.
export const webhookDeliveryAttempts = sqliteTable(
  "webhook_delivery_attempts",
  {
    organizationId: text("organization_id").notNull(),
    deliveryId: text("delivery_id").notNull(),
    attemptNumber: integer("attempt_number").notNull(),
    // Null when no response arrived: a timeout, a refused connection or an invalid URL.
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
    attemptedAt: integer("attempted_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.deliveryId, table.attemptNumber] }),
    foreignKey({
      columns: [table.organizationId, table.deliveryId],
      foreignColumns: [webhookDeliveries.organizationId, webhookDeliveries.id],
    }).onDelete("cascade"),
  ],
);

export type TaskRow = typeof tasks.$inferSelect;
export type TaskEventRow = typeof taskEvents.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type WebhookSubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookDeliveryAttemptRow = typeof webhookDeliveryAttempts.$inferSelect;

export type OrganizationInsert = typeof organizations.$inferInsert;
export type UserInsert = typeof users.$inferInsert;
export type SequenceTemplateInsert = typeof sequenceTemplates.$inferInsert;
export type SequenceInsert = typeof sequences.$inferInsert;
export type TaskInsert = typeof tasks.$inferInsert;
export type MessageInsert = typeof messages.$inferInsert;
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
export type ApiKeyInsert = typeof apiKeys.$inferInsert;
