CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`sequence_id` text NOT NULL,
	`channel` text NOT NULL,
	`direction` text NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`sent_at` integer NOT NULL,
	`sender_id` text,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`,`sequence_id`) REFERENCES `sequences`(`organization_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`,`sender_id`) REFERENCES `users`(`organization_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "messages_channel_check" CHECK(channel IN ('EMAIL', 'LINKEDIN', 'MANUAL', 'CALENDAR')),
	CONSTRAINT "messages_direction_check" CHECK(direction IN ('INBOUND', 'OUTBOUND'))
);
--> statement-breakpoint
CREATE INDEX `messages_org_sequence_sent_idx` ON `messages` (`organization_id`,`sequence_id`,`sent_at`,`id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sequence_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sequence_templates_organization_id_id_unique` ON `sequence_templates` (`organization_id`,`id`);--> statement-breakpoint
CREATE TABLE `sequences` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`sequence_template_id` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_email` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`,`sequence_template_id`) REFERENCES `sequence_templates`(`organization_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sequences_organization_id_id_unique` ON `sequences` (`organization_id`,`id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`sequence_id` text NOT NULL,
	`sequence_template_id` text NOT NULL,
	`type` text NOT NULL,
	`priority` text NOT NULL,
	`status` text NOT NULL,
	`assignee_user_id` text,
	`disposition` text,
	`reopened_at` integer,
	`reopen_reason` text,
	`skipped_at` integer,
	`completed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`,`sequence_id`) REFERENCES `sequences`(`organization_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`,`sequence_template_id`) REFERENCES `sequence_templates`(`organization_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`,`assignee_user_id`) REFERENCES `users`(`organization_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tasks_type_check" CHECK(type IN ('CALL', 'EMAIL_REPLY', 'LINKEDIN_REPLY', 'NEW_LEAD_REVIEW')),
	CONSTRAINT "tasks_priority_check" CHECK(priority IN ('HOT', 'TODAY', 'EXTRA')),
	CONSTRAINT "tasks_status_check" CHECK(status IN ('PENDING', 'IN_PROGRESS', 'COMPLETED', 'SKIPPED')),
	CONSTRAINT "tasks_disposition_check" CHECK(disposition IN ('ANSWERED', 'VOICEMAIL_LEFT', 'NO_ANSWER')),
	CONSTRAINT "tasks_reopen_reason_check" CHECK(reopen_reason IN ('REMINDER_RULE'))
);
--> statement-breakpoint
CREATE INDEX `tasks_org_created_idx` ON `tasks` (`organization_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_updated_idx` ON `tasks` (`organization_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_status_created_idx` ON `tasks` (`organization_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_status_updated_idx` ON `tasks` (`organization_id`,`status`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_assignee_status_created_idx` ON `tasks` (`organization_id`,`assignee_user_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_sequence_created_idx` ON `tasks` (`organization_id`,`sequence_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_template_created_idx` ON `tasks` (`organization_id`,`sequence_template_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_type_status_created_idx` ON `tasks` (`organization_id`,`type`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_organization_id_id_unique` ON `users` (`organization_id`,`id`);