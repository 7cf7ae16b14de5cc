CREATE TABLE `expiry_changes` (
	`entry_id` text NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer,
	`refused` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `user_id`)
);
