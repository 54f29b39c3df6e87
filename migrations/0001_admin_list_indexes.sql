CREATE INDEX `members_status_age` ON `organisation_members` (`status`,`requested_at`);--> statement-breakpoint
CREATE INDEX `role_grants_recent` ON `role_grants` (`granted_at`,`id`);