CREATE TABLE `webhook_deliveries` (
	`organization_id` text NOT NULL,
	`id` text NOT NULL,
	`subscription_id` text NOT NULL,
	`event_sequence_number` integer NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`status` text NOT NULL,
	`attempt_count` integer DEFAULT 0 NOT NULL,
	`last_status_code` integer,
	`last_duration_ms` integer,
	`last_error` text,
	`last_attempt_at` integer,
	`next_attempt_at` integer,
	`retry_until` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `id`),
	FOREIGN KEY (`organization_id`,`subscription_id`) REFERENCES `webhook_subscriptions`(`organization_id`,`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "webhook_deliveries_status_check" CHECK(status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
	CONSTRAINT "webhook_deliveries_event_type_check" CHECK(event_type IN ('task.created', 'task.started', 'task.completed', 'task.skipped', 'task.reopened', 'task.reassigned'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_subscription_event_unique` ON `webhook_deliveries` (`subscription_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_org_subscription_created_idx` ON `webhook_deliveries` (`organization_id`,`subscription_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_status_next_attempt_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `webhook_delivery_attempts` (
	`organization_id` text NOT NULL,
	`delivery_id` text NOT NULL,
	`attempt_number` integer NOT NULL,
	`status_code` integer,
	`duration_ms` integer NOT NULL,
	`error` text,
	`attempted_at` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `delivery_id`, `attempt_number`),
	FOREIGN KEY (`organization_id`,`delivery_id`) REFERENCES `webhook_deliveries`(`organization_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `webhook_outbox_cursors` (
	`organization_id` text PRIMARY KEY NOT NULL,
	`last_sequence_number` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `webhook_subscriptions` (
	`organization_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`url` text NOT NULL,
	`description` text,
	`event_types` text NOT NULL,
	`sequence_template_ids` text,
	`status` text NOT NULL,
	`disabled_reason` text,
	`secret` text NOT NULL,
	`secret_prefix` text NOT NULL,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`failing_since` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `id`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "webhook_subscriptions_status_check" CHECK(status IN ('ACTIVE', 'PAUSED', 'DISABLED'))
);
--> statement-breakpoint
CREATE INDEX `webhook_subscriptions_org_created_idx` ON `webhook_subscriptions` (`organization_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `webhook_subscriptions_org_status_idx` ON `webhook_subscriptions` (`organization_id`,`status`);