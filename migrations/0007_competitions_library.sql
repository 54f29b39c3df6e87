CREATE TABLE `competition_assignments` (
	`entry_id` text NOT NULL,
	`expert_id` text NOT NULL,
	`competition_id` text NOT NULL,
	`reason` text DEFAULT 'initial' NOT NULL,
	`status` text DEFAULT 'assigned' NOT NULL,
	`total` real,
	`assigned_at` integer NOT NULL,
	`assigned_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	PRIMARY KEY(`entry_id`, `expert_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `competition_assignments_expert` ON `competition_assignments` (`competition_id`,`expert_id`,`status`);--> statement-breakpoint
CREATE INDEX `competition_assignments_competition` ON `competition_assignments` (`competition_id`,`entry_id`);--> statement-breakpoint
CREATE TABLE `competitions` (
	`id` text PRIMARY KEY NOT NULL,
	`organiser_id` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`rules_text` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`stage` text DEFAULT 'announced' NOT NULL,
	`eligibility` text DEFAULT '["resident"]' NOT NULL,
	`entry_limit` integer DEFAULT 1 NOT NULL,
	`entry_opens_at` integer NOT NULL,
	`entry_closes_at` integer NOT NULL,
	`check_closes_at` integer NOT NULL,
	`evaluation_closes_at` integer NOT NULL,
	`voting_closes_at` integer NOT NULL,
	`min_experts` integer DEFAULT 3 NOT NULL,
	`spread_threshold` real DEFAULT 20 NOT NULL,
	`precision` integer DEFAULT 2 NOT NULL,
	`jury_weight` integer DEFAULT 70 NOT NULL,
	`public_weight` integer DEFAULT 30 NOT NULL,
	`jury_normalisation` text DEFAULT 'scale' NOT NULL,
	`public_normalisation` text DEFAULT 'leader' NOT NULL,
	`tie_break` text DEFAULT '["jury","public","earlier"]' NOT NULL,
	`winners` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	`results_computed_at` integer,
	`results_published_at` integer,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `competitions_list` ON `competitions` (`status`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `competitions_stage` ON `competitions` (`status`,`stage`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `competitions_organiser` ON `competitions` (`organiser_id`,`status`,`published_at`,`id`);--> statement-breakpoint
CREATE TABLE `competition_conflicts` (
	`competition_id` text NOT NULL,
	`expert_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`declared_at` integer NOT NULL,
	PRIMARY KEY(`expert_id`, `entry_id`),
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`expert_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `competition_conflicts_competition` ON `competition_conflicts` (`competition_id`,`expert_id`);--> statement-breakpoint
CREATE TABLE `competition_criteria` (
	`id` text PRIMARY KEY NOT NULL,
	`competition_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`weight` integer NOT NULL,
	`scale_min` integer DEFAULT 0 NOT NULL,
	`scale_max` integer DEFAULT 10 NOT NULL,
	`levels` text DEFAULT '[]' NOT NULL,
	`comment_below` integer,
	`position` integer NOT NULL,
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `competition_criteria_order` ON `competition_criteria` (`competition_id`,`position`);--> statement-breakpoint
CREATE TABLE `competition_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`competition_id` text NOT NULL,
	`nomination_id` text NOT NULL,
	`organiser_id` text NOT NULL,
	`kind` text NOT NULL,
	`proposal_id` text,
	`submitted_by` text NOT NULL,
	`organisation_id` text,
	`participant` text NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`title` text NOT NULL,
	`problem` text DEFAULT '' NOT NULL,
	`actions` text DEFAULT '' NOT NULL,
	`results` text DEFAULT '' NOT NULL,
	`period` text DEFAULT '' NOT NULL,
	`budget` integer,
	`contact` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`hidden_at` integer,
	`reason` text,
	`decided_at` integer,
	`decided_by` text,
	`vote_count` integer DEFAULT 0 NOT NULL,
	`jury_experts` integer DEFAULT 0 NOT NULL,
	`jury_score` real,
	`jury_spread` real,
	`flagged` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`withdrawn_at` integer,
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nomination_id`) REFERENCES `competition_nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `competition_entries_nomination` ON `competition_entries` (`nomination_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `competition_entries_votes` ON `competition_entries` (`nomination_id`,`status`,`vote_count`,`id`);--> statement-breakpoint
CREATE INDEX `competition_entries_competition` ON `competition_entries` (`competition_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `competition_entries_participant` ON `competition_entries` (`nomination_id`,`participant`,`status`);--> statement-breakpoint
CREATE INDEX `competition_entries_submitter` ON `competition_entries` (`submitted_by`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `competition_entries_proposal` ON `competition_entries` (`competition_id`,`proposal_id`) WHERE proposal_id IS NOT NULL AND status IN ('submitted', 'admitted');--> statement-breakpoint
CREATE INDEX `competition_entries_flagged` ON `competition_entries` (`competition_id`,`flagged`);--> statement-breakpoint
CREATE TABLE `competition_experts` (
	`competition_id` text NOT NULL,
	`user_id` text NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	`declared_at` integer,
	`assigned_count` integer DEFAULT 0 NOT NULL,
	`submitted_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`competition_id`, `user_id`),
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `competition_experts_user` ON `competition_experts` (`user_id`);--> statement-breakpoint
CREATE TABLE `competition_nominations` (
	`id` text PRIMARY KEY NOT NULL,
	`competition_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	`entry_count` integer DEFAULT 0 NOT NULL,
	`vote_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `competition_nominations_order` ON `competition_nominations` (`competition_id`,`position`);--> statement-breakpoint
CREATE TABLE `competition_results` (
	`nomination_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`competition_id` text NOT NULL,
	`jury_score` real,
	`jury_experts` integer DEFAULT 0 NOT NULL,
	`votes` integer DEFAULT 0 NOT NULL,
	`jury_part` real DEFAULT 0 NOT NULL,
	`public_part` real DEFAULT 0 NOT NULL,
	`total` real DEFAULT 0 NOT NULL,
	`rank` integer NOT NULL,
	`winner` integer DEFAULT false NOT NULL,
	`decided_by` text,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`nomination_id`, `entry_id`),
	FOREIGN KEY (`nomination_id`) REFERENCES `competition_nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `competition_results_rank` ON `competition_results` (`nomination_id`,`rank`,`entry_id`);--> statement-breakpoint
CREATE INDEX `competition_results_competition` ON `competition_results` (`competition_id`);--> statement-breakpoint
CREATE TABLE `competition_scores` (
	`entry_id` text NOT NULL,
	`expert_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `expert_id`, `criterion_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`criterion_id`) REFERENCES `competition_criteria`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `competition_vote_log` (
	`id` text PRIMARY KEY NOT NULL,
	`competition_id` text NOT NULL,
	`nomination_id` text NOT NULL,
	`voter_id` text NOT NULL,
	`event` text NOT NULL,
	`entry_id` text NOT NULL,
	`previous_entry_id` text,
	`receipt` text,
	`network` text DEFAULT '' NOT NULL,
	`account_created_at` integer NOT NULL,
	`actor_id` text,
	`reason` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nomination_id`) REFERENCES `competition_nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `competition_vote_log_receipt` ON `competition_vote_log` (`receipt`) WHERE receipt IS NOT NULL;--> statement-breakpoint
CREATE INDEX `competition_vote_log_hour` ON `competition_vote_log` (`nomination_id`,`at`);--> statement-breakpoint
CREATE INDEX `competition_vote_log_network` ON `competition_vote_log` (`nomination_id`,`network`,`at`);--> statement-breakpoint
CREATE INDEX `competition_vote_log_voter` ON `competition_vote_log` (`voter_id`,`at`);--> statement-breakpoint
CREATE TABLE `competition_votes` (
	`nomination_id` text NOT NULL,
	`voter_id` text NOT NULL,
	`competition_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`status` text DEFAULT 'counted' NOT NULL,
	`receipt` text NOT NULL,
	`cast_at` integer NOT NULL,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`nomination_id`, `voter_id`),
	FOREIGN KEY (`nomination_id`) REFERENCES `competition_nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `competition_votes_entry` ON `competition_votes` (`entry_id`,`status`);--> statement-breakpoint
CREATE INDEX `competition_votes_voter` ON `competition_votes` (`voter_id`);--> statement-breakpoint
CREATE TABLE `practices` (
	`id` text PRIMARY KEY NOT NULL,
	`organiser_id` text NOT NULL,
	`source` text NOT NULL,
	`competition_id` text,
	`entry_id` text,
	`nomination` text DEFAULT '' NOT NULL,
	`place` integer,
	`city` text NOT NULL,
	`country` text DEFAULT '' NOT NULL,
	`title` text NOT NULL,
	`theme` text DEFAULT '' NOT NULL,
	`year` integer NOT NULL,
	`problem` text DEFAULT '' NOT NULL,
	`actions` text DEFAULT '' NOT NULL,
	`results` text DEFAULT '' NOT NULL,
	`period` text DEFAULT '' NOT NULL,
	`budget` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`hidden_at` integer,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `practices_year` ON `practices` (`year`,`id`) WHERE hidden_at IS NULL;--> statement-breakpoint
CREATE INDEX `practices_city` ON `practices` (`city`,`year`,`id`) WHERE hidden_at IS NULL;--> statement-breakpoint
CREATE INDEX `practices_theme` ON `practices` (`theme`,`year`,`id`) WHERE hidden_at IS NULL;--> statement-breakpoint
CREATE INDEX `practices_nomination` ON `practices` (`nomination`,`year`,`id`) WHERE hidden_at IS NULL;--> statement-breakpoint
CREATE INDEX `practices_competition` ON `practices` (`competition_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `practices_entry` ON `practices` (`entry_id`) WHERE entry_id IS NOT NULL;--> statement-breakpoint
-- Full-text search of the library (hand-written: drizzle does not describe virtual tables).
-- `words` holds the practice's text reduced to stems by worker/library/stemming.ts, so unicode61
-- only has to split and case-fold; the stemming that makes «детских площадок» match «детская
-- площадка» happens in the worker, on both the text and the query (see worker/library/search.ts).
CREATE VIRTUAL TABLE `practices_fts` USING fts5(`practice_id` UNINDEXED, `words`, tokenize = 'unicode61 remove_diacritics 2');
