import { can, type Actor } from "../roles/rules";
import type { ModeratedObject, ModerationAction } from "./targets";

/**
 * The queue's own rules, pure: no database, no clock of their own. The services ask them before
 * writing; the unit tests check them without a database.
 */

/** What applies when an organiser has no settings row. */
export const DEFAULT_SETTINGS = { reportThreshold: 3, staleAfterHours: 48 } as const;

export const LIMITS = {
  reportDetails: 1000,
  reason: 1000,
  templateText: 300,
  /** Templates per organiser: a list to pick from, not a second rule book. */
  templatesPerOrganiser: 30,
  threshold: { min: 1, max: 50 },
  staleAfterHours: { min: 1, max: 720 },
  blockDays: { min: 1, max: 365 },
  /** Queue and public page size. */
  page: 20,
  /** Free-text report details shown per queue item (the counts by reason cover all reports). */
  detailsPerItem: 5,
} as const;

/** Actions the queue offers on top of the owning module's: close a reports item leaving the object as it is. */
export type QueueAction = ModerationAction | "dismiss";
export const TEMPLATE_ACTIONS = ["return", "reject", "hide", "block"] as const;
export type TemplateAction = (typeof TEMPLATE_ACTIONS)[number];

/** Hidden until a moderator decides, once this many distinct people have open reports on it. */
export const thresholdReached = (distinctOpenReporters: number, threshold: number) => distinctOpenReporters >= threshold;

/**
 * What a decision means for the reports that led to it: the object was taken down (or sent back),
 * so the reporters were right; or it stays up, so their reports are dismissed.
 */
export function reportOutcome(action: QueueAction): "upheld" | "dismissed" {
  return action === "hide" || action === "reject" || action === "return" ? "upheld" : "dismissed";
}

/** The reason stored: typed text wins; a chosen template fills in when nothing was typed. */
export function chooseReason(freeText: string | null | undefined, templateText: string | null | undefined): string | null {
  const typed = (freeText ?? "").trim();
  if (typed) return typed;
  const t = (templateText ?? "").trim();
  return t || null;
}

/** States every owning module uses for "out in public" when the adapter does not say it itself. */
const PUBLIC_STATES = ["published", "archived", "visible"];
export const isPubliclyReadable = (o: Pick<ModeratedObject, "state" | "hidden" | "public">) => o.public ?? (PUBLIC_STATES.includes(o.state) && !o.hidden);

/**
 * A person may report only what they can see: a public object, their own, or one their role lets
 * them read. Anything else is "not found" to them, so reports cannot probe for hidden objects.
 */
export function mayReport(o: ModeratedObject, viewer: Actor): boolean {
  return isPubliclyReadable(o) || o.authorId === viewer.id || can(viewer, "moderation.decide", { organiserId: o.organiserId });
}

/** The buttons of a queue item: the owning module's decisions, plus "dismiss" for reports on an object that is still up. */
export function queueActions(item: { kind: "review" | "reports" }, object: Pick<ModeratedObject, "actions" | "hidden"> | null): QueueAction[] {
  if (!object) return ["dismiss"];
  const own: QueueAction[] = [...object.actions];
  if (item.kind === "reports" && !object.hidden) own.push("dismiss");
  return own;
}

/** A reminder is due when the oldest open item waited longer than the period and none was sent within it. */
export function staleReminderDue(s: { oldestOpenAt: number | null; staleAfterHours: number; lastReminderAt: number | null }, now: number): boolean {
  const period = s.staleAfterHours * 3600_000;
  if (s.oldestOpenAt === null || now - s.oldestOpenAt < period) return false;
  return s.lastReminderAt === null || now - s.lastReminderAt >= period;
}
