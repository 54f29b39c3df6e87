import type { SQL } from "drizzle-orm";
import type { Ctx } from "../accounts/service";
import type { SessionUser } from "../accounts/session-user";
import type { Db, Statement } from "../db/client";
import type { ModerationTarget } from "./schema";

/** What a moderator can decide on an item of the queue. Which ones apply depends on the object. */
export const MODERATION_ACTIONS = ["publish", "return", "reject", "hide", "restore", "archive"] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** An object as the queue shows it: never its full content, only what a decision needs. */
export interface ModeratedObject {
  organiserId: string;
  authorId: string | null;
  /** Title of a proposal, the first words of a comment. */
  label: string;
  /** Where to read it in full (moderators can open hidden and unpublished objects). */
  url: string;
  /** The owning module's state name ("submitted", "visible" …) and whether it is hidden now. */
  state: string;
  hidden: boolean;
  /**
   * Whether anyone may read it now (published and not hidden; a visible comment on a readable page).
   * Reports need it: a person may report only what they can see. When absent, the queue assumes
   * "published", "archived" and "visible" states are public unless hidden.
   */
  public?: boolean;
  /** Decisions that make sense now (drives the buttons; `decide` checks again). */
  actions: ModerationAction[];
}

/**
 * Each module whose objects go through the queue implements this (proposals, comments; later
 * competition entries and consultation remarks). The moderation module checks the moderator's role
 * for the object's organiser and the "not your own content" rule before calling `decide`.
 */
export interface ModerationAdapter {
  load(db: Db, id: string): Promise<ModeratedObject | null>;
  /**
   * Apply a decision: the object's change, its audit record, the author's notification and
   * `closeItemStatement` in one batch. Throws a Problem (409 wrong state, 422 reason required).
   * `extra` (optional, from the queue): statements to append AT THE END of that same batch — the
   * reports' outcome, the reporters' notifications and the decision's reason on the queue item —
   * so that a decision and its consequences are written together. An adapter that ignores it still
   * works: the queue then writes them in a second batch right after.
   */
  decide(ctx: Ctx, actor: SessionUser, id: string, action: ModerationAction, reason: string | null, extra?: Statement[]): Promise<void>;
  /** Hide the object if `condition` holds when the batch runs (reports reached the threshold). */
  hideWhenStatement(db: Db, id: string, condition: SQL): Statement;
  /**
   * Optional: statements written right after `hideWhenStatement` in the report's batch — counters
   * of what it may have hidden, recounted (competition entries keep their nomination's entry_count).
   */
  hideWhenFollowUps?(db: Db, id: string): Statement[];
  /**
   * Optional: when reports reaching the threshold may hide the object at all (SQL, evaluated in the
   * report's batch). Without it, always. Competition entries are hidden by reports only during the
   * entry and check stages; the queue item is then not marked auto-hidden and no auto-hide is audited.
   */
  autoHideAllowed?(db: Db, id: string): SQL;
}

export type ModerationAdapters = Record<Extract<ModerationTarget, "proposal" | "comment" | "remark" | "entry">, ModerationAdapter>;
