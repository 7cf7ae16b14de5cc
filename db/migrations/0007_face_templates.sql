CREATE TABLE `face_templates` (
	`user_id` text PRIMARY KEY NOT NULL,
	`template` text NOT NULL,
	`model` text NOT NULL,
	`photo` text,
	`photo_type` text,
	`enrolled_at` integer NOT NULL,
	`enrolled_by` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
