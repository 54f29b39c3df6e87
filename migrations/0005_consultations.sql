CREATE TABLE `commitment_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`commitment_id` text NOT NULL,
	`author_id` text NOT NULL,
	`noted_on` text NOT NULL,
	`body` text NOT NULL,
	`status` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`commitment_id`) REFERENCES `commitments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `commitment_notes_commitment` ON `commitment_notes` (`commitment_id`,`noted_on`,`created_at`);--> statement-breakpoint
CREATE TABLE `commitments` (
	`id` text PRIMARY KEY NOT NULL,
	`consultation_id` text NOT NULL,
	`organiser_id` text NOT NULL,
	`version_id` text NOT NULL,
	`clause_id` text NOT NULL,
	`clause_position` integer NOT NULL,
	`addressee` text NOT NULL,
	`responsible` text DEFAULT '' NOT NULL,
	`due_on` text,
	`status` text DEFAULT 'not_started' NOT NULL,
	`status_changed_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `consultation_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clause_id`) REFERENCES `consultation_clauses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `commitments_consultation` ON `commitments` (`consultation_id`,`clause_position`,`id`);--> statement-breakpoint
CREATE INDEX `commitments_due` ON `commitments` (`due_on`,`id`);--> statement-breakpoint
CREATE INDEX `commitments_addressee` ON `commitments` (`addressee`,`due_on`,`id`);--> statement-breakpoint
CREATE INDEX `commitments_status` ON `commitments` (`status`,`due_on`,`id`);--> statement-breakpoint
CREATE TABLE `consultation_clauses` (
	`id` text PRIMARY KEY NOT NULL,
	`version_id` text NOT NULL,
	`consultation_id` text NOT NULL,
	`position` integer NOT NULL,
	`depth` integer DEFAULT 0 NOT NULL,
	`kind` text DEFAULT 'clause' NOT NULL,
	`number` text DEFAULT '' NOT NULL,
	`text` text NOT NULL,
	`addressees` text DEFAULT '[]' NOT NULL,
	`lineage` text NOT NULL,
	`remark_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `consultation_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultation_clauses_order` ON `consultation_clauses` (`version_id`,`position`);--> statement-breakpoint
CREATE INDEX `consultation_clauses_lineage` ON `consultation_clauses` (`consultation_id`,`lineage`);--> statement-breakpoint
CREATE TABLE `consultation_events` (
	`id` text PRIMARY KEY NOT NULL,
	`consultation_id` text NOT NULL,
	`organiser_id` text NOT NULL,
	`kind` text NOT NULL,
	`params` text NOT NULL,
	`url` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `consultation_events_feed` ON `consultation_events` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `consultation_events_consultation` ON `consultation_events` (`consultation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `consultation_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`consultation_id` text NOT NULL,
	`number` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`source_text` text DEFAULT '' NOT NULL,
	`clause_count` integer DEFAULT 0 NOT NULL,
	`remark_count` integer DEFAULT 0 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`published_at` integer,
	`summary_published_at` integer,
	`adopted_on` text,
	`adopted_by` text,
	`adopted_at` integer,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultation_versions_number` ON `consultation_versions` (`consultation_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `consultation_versions_one_draft` ON `consultation_versions` (`consultation_id`) WHERE status = 'draft';--> statement-breakpoint
CREATE TABLE `consultations` (
	`id` text PRIMARY KEY NOT NULL,
	`organiser_id` text NOT NULL,
	`title` text NOT NULL,
	`adopting_body` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`current_version` integer DEFAULT 0 NOT NULL,
	`remark_count` integer DEFAULT 0 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consultations_list` ON `consultations` (`status`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `consultations_organiser` ON `consultations` (`organiser_id`,`status`,`published_at`,`id`);--> statement-breakpoint
CREATE TABLE `remark_links` (
	`remark_id` text NOT NULL,
	`clause_id` text NOT NULL,
	PRIMARY KEY(`remark_id`, `clause_id`),
	FOREIGN KEY (`remark_id`) REFERENCES `remarks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`clause_id`) REFERENCES `consultation_clauses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `remark_links_clause` ON `remark_links` (`clause_id`);--> statement-breakpoint
CREATE TABLE `remark_supports` (
	`remark_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`remark_id`, `user_id`),
	FOREIGN KEY (`remark_id`) REFERENCES `remarks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `remark_supports_user` ON `remark_supports` (`user_id`);--> statement-breakpoint
CREATE TABLE `remarks` (
	`id` text PRIMARY KEY NOT NULL,
	`consultation_id` text NOT NULL,
	`version_id` text NOT NULL,
	`clause_id` text,
	`clause_position` integer DEFAULT -1 NOT NULL,
	`organiser_id` text NOT NULL,
	`author_id` text NOT NULL,
	`organisation_id` text,
	`shown_as` text DEFAULT 'name' NOT NULL,
	`kind` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`proposed_text` text,
	`status` text DEFAULT 'visible' NOT NULL,
	`support_count` integer DEFAULT 0 NOT NULL,
	`reply_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`disposition` text,
	`disposition_reason` text,
	`disposed_at` integer,
	`disposed_by` text,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `consultation_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`clause_id`) REFERENCES `consultation_clauses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`disposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `remarks_clause` ON `remarks` (`clause_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `remarks_version_order` ON `remarks` (`version_id`,`clause_position`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `remarks_version_disposition` ON `remarks` (`version_id`,`disposition`,`clause_position`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `remarks_version_kind` ON `remarks` (`version_id`,`kind`,`clause_position`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `remarks_version_status` ON `remarks` (`version_id`,`status`,`disposition`);--> statement-breakpoint
CREATE INDEX `remarks_author` ON `remarks` (`author_id`,`created_at`);--> statement-breakpoint
-- A published version never changes: its clauses cannot be edited, added or removed, and the
-- version cannot go back to draft. Counters (remark_count) stay writable. Written by hand:
-- drizzle-kit does not model triggers.
CREATE TRIGGER `consultation_clauses_frozen_update` BEFORE UPDATE OF `version_id`, `position`, `depth`, `kind`, `number`, `text`, `addressees`, `lineage` ON `consultation_clauses`
WHEN (SELECT `status` FROM `consultation_versions` WHERE `id` = OLD.`version_id`) = 'published'
BEGIN SELECT RAISE(ABORT, 'published version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `consultation_clauses_frozen_insert` BEFORE INSERT ON `consultation_clauses`
WHEN (SELECT `status` FROM `consultation_versions` WHERE `id` = NEW.`version_id`) = 'published'
BEGIN SELECT RAISE(ABORT, 'published version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `consultation_clauses_frozen_delete` BEFORE DELETE ON `consultation_clauses`
WHEN (SELECT `status` FROM `consultation_versions` WHERE `id` = OLD.`version_id`) = 'published'
BEGIN SELECT RAISE(ABORT, 'published version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `consultation_versions_frozen` BEFORE UPDATE OF `number`, `source_text`, `consultation_id`, `status`, `published_at` ON `consultation_versions`
WHEN OLD.`status` = 'published'
BEGIN SELECT RAISE(ABORT, 'published version is immutable'); END;
