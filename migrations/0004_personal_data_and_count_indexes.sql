CREATE INDEX `proposals_organiser_supports` ON `proposals` (`organiser_id`,`status`,`support_count`,`id`);--> statement-breakpoint
CREATE INDEX `proposals_organiser_comments` ON `proposals` (`organiser_id`,`status`,`comment_count`,`id`);--> statement-breakpoint
CREATE INDEX `comment_votes_user` ON `comment_votes` (`user_id`);--> statement-breakpoint
CREATE INDEX `comments_target_status` ON `comments` (`target_type`,`target_id`,`status`);--> statement-breakpoint
CREATE INDEX `attachments_uploader` ON `attachments` (`uploaded_by`);