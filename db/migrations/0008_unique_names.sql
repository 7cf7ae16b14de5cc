ALTER TABLE `companies` ADD `name_key` text GENERATED ALWAYS AS (lower(trim(name))) VIRTUAL;--> statement-breakpoint
-- Siblings that already share a name (from before names were unique) are kept, the later ones
-- with their id appended, so that the unique index can be built.
UPDATE `companies` SET `name` = `name` || ' (' || `id` || ')' WHERE EXISTS (
  SELECT 1 FROM `companies` o WHERE o.`parent_id` = `companies`.`parent_id`
    AND o.`name_key` = `companies`.`name_key`
    AND (o.`created_at` < `companies`.`created_at` OR (o.`created_at` = `companies`.`created_at` AND o.`id` < `companies`.`id`)));--> statement-breakpoint
CREATE UNIQUE INDEX `companies_sibling_name_idx` ON `companies` (`parent_id`,`name_key`);--> statement-breakpoint
ALTER TABLE `roles` ADD `name_key` text GENERATED ALWAYS AS (lower(trim(name))) VIRTUAL;--> statement-breakpoint
UPDATE `roles` SET `name` = `name` || ' (' || `id` || ')' WHERE EXISTS (
  SELECT 1 FROM `roles` o WHERE o.`company_id` = `roles`.`company_id`
    AND o.`name_key` = `roles`.`name_key`
    AND (o.`created_at` < `roles`.`created_at` OR (o.`created_at` = `roles`.`created_at` AND o.`id` < `roles`.`id`)));--> statement-breakpoint
CREATE UNIQUE INDEX `roles_company_name_idx` ON `roles` (`company_id`,`name_key`);
