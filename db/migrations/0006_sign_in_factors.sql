ALTER TABLE `users` ADD `mfa_web_login` text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `mfa_app_login` text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `mfa_app_unlock` text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `app_lock_minutes` integer DEFAULT 5 NOT NULL;