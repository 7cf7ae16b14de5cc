CREATE TABLE `live_accounts` (
	`user_id` text PRIMARY KEY NOT NULL,
	`sessions` integer NOT NULL,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL
);
