ALTER TABLE `moderation_items` ADD `reason` text;--> statement-breakpoint
ALTER TABLE `moderation_items` ADD `auto_hidden_at` integer;--> statement-breakpoint
CREATE INDEX `moderation_items_public` ON `moderation_items` (`closed_at`,`id`) WHERE status = 'closed' AND decision IN ('hide', 'reject');--> statement-breakpoint
CREATE INDEX `moderation_items_public_organiser` ON `moderation_items` (`organiser_id`,`closed_at`,`id`) WHERE status = 'closed' AND decision IN ('hide', 'reject');--> statement-breakpoint
CREATE INDEX `moderation_items_author` ON `moderation_items` (`organiser_id`,`author_id`);