CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`actor_username` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`company_path` text NOT NULL,
	`summary` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_company_path_idx` ON `audit_log` (`company_path`,`id`);--> statement-breakpoint
CREATE INDEX `audit_target_idx` ON `audit_log` (`target_id`);--> statement-breakpoint
DROP INDEX `users_company_idx`;--> statement-breakpoint
CREATE INDEX `users_related_company_idx` ON `users` (`related_company_id`);--> statement-breakpoint
CREATE INDEX `users_company_idx` ON `users` (`company_id`,`username_key`);