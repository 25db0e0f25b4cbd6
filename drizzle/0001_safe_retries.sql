CREATE TABLE `idempotency_keys` (
	`api_key_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`response_status` integer,
	`response_body` text,
	`response_headers` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`api_key_id`, `key`),
	FOREIGN KEY (`api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_expires_idx` ON `idempotency_keys` (`expires_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_tasks` (
	`id` text NOT NULL,
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
	`version` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`organization_id`, `id`),
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
-- The old table has no version column, so the copy leaves it out and every existing task
-- starts at its default, 1. (Selecting it would copy the string 'version' instead, because
-- SQLite reads an unknown double-quoted name as a string.)
INSERT INTO `__new_tasks`("id", "organization_id", "sequence_id", "sequence_template_id", "type", "priority", "status", "assignee_user_id", "disposition", "reopened_at", "reopen_reason", "skipped_at", "completed_at", "created_at", "updated_at") SELECT "id", "organization_id", "sequence_id", "sequence_template_id", "type", "priority", "status", "assignee_user_id", "disposition", "reopened_at", "reopen_reason", "skipped_at", "completed_at", "created_at", "updated_at" FROM `tasks`;--> statement-breakpoint
DROP TABLE `tasks`;--> statement-breakpoint
ALTER TABLE `__new_tasks` RENAME TO `tasks`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `tasks_org_created_idx` ON `tasks` (`organization_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_updated_idx` ON `tasks` (`organization_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_status_created_idx` ON `tasks` (`organization_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_status_updated_idx` ON `tasks` (`organization_id`,`status`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_assignee_status_created_idx` ON `tasks` (`organization_id`,`assignee_user_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_sequence_created_idx` ON `tasks` (`organization_id`,`sequence_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_template_created_idx` ON `tasks` (`organization_id`,`sequence_template_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_type_status_created_idx` ON `tasks` (`organization_id`,`type`,`status`,`created_at`,`id`);