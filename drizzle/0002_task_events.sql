CREATE TABLE `task_event_counters` (
	`organization_id` text PRIMARY KEY NOT NULL,
	`last_sequence_number` integer DEFAULT 0 NOT NULL,
	`pruned_through_sequence_number` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `task_events` (
	`organization_id` text NOT NULL,
	`sequence_number` integer NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`task_id` text NOT NULL,
	`sequence_id` text NOT NULL,
	`sequence_template_id` text NOT NULL,
	`task_version` integer NOT NULL,
	`changes` text NOT NULL,
	`task` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_api_key_id` text,
	`occurred_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `sequence_number`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "task_events_type_check" CHECK(type IN ('task.created', 'task.started', 'task.completed', 'task.skipped', 'task.reopened', 'task.reassigned')),
	CONSTRAINT "task_events_actor_type_check" CHECK(actor_type IN ('API_KEY', 'SEQUENCE'))
);
--> statement-breakpoint
CREATE INDEX `task_events_org_task_idx` ON `task_events` (`organization_id`,`task_id`,`sequence_number`);--> statement-breakpoint
CREATE INDEX `task_events_recorded_idx` ON `task_events` (`recorded_at`);--> statement-breakpoint
ALTER TABLE `tasks` ADD `changed_by_api_key_id` text;