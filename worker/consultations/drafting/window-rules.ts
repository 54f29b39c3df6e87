import type { FieldIssue } from "../../http/problem";
import { WINDOW_LIMITS, type CommentWindow } from "../window";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Instants outside these years are typing mistakes («0202», «20266»), not windows. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/**
 * What is wrong with a comment window the organiser set: it must close after it opens, stay open at
 * least WINDOW_LIMITS.minMinutes and at most WINDOW_LIMITS.maxDays. Pure; the issues name the
 * field to correct (the closing instant, unless the opening one is itself impossible).
 */
export function windowIssues(w: CommentWindow): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!(w.opensAt >= EARLIEST && w.opensAt < LATEST)) issues.push({ field: "opensAt", code: "consultations.drafting.field.instant" });
  if (!(w.closesAt >= EARLIEST && w.closesAt < LATEST)) issues.push({ field: "closesAt", code: "consultations.drafting.field.instant" });
  if (issues.length) return issues;
  if (w.closesAt <= w.opensAt) return [{ field: "closesAt", code: "consultations.drafting.field.closesBeforeOpens" }];
  if (w.closesAt - w.opensAt < WINDOW_LIMITS.minMinutes * MINUTE) return [{ field: "closesAt", code: "consultations.drafting.field.windowTooShort", params: { min: WINDOW_LIMITS.minMinutes } }];
  if (w.closesAt - w.opensAt > WINDOW_LIMITS.maxDays * DAY) return [{ field: "closesAt", code: "consultations.drafting.field.windowTooLong", params: { max: WINDOW_LIMITS.maxDays } }];
  return [];
}
