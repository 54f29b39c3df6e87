import type { Db } from "../db/client";
import { publicDecisions } from "./data";
import { LIMITS } from "./rules";

/**
 * The openness page's list: what was hidden or rejected, when, by which organiser and why — never
 * the label or the content, and never who wrote it. Paginated by (decision time, id), newest first.
 */
export async function listPublicDecisions(db: Db, opts: { organiserId?: string; after?: { at: number; id: string } }) {
  const rows = await publicDecisions(db, { organiserId: opts.organiserId, before: opts.after, limit: LIMITS.page + 1 });
  const page = rows.slice(0, LIMITS.page);
  const items = page.map((r) => ({
    id: r.id,
    organiserId: r.organiserId,
    targetType: r.targetType,
    decision: r.decision as "hide" | "reject",
    reason: r.reason,
    decidedAt: r.closedAt ?? 0,
  }));
  const last = items[items.length - 1];
  return { items, next: rows.length > LIMITS.page && last ? { at: last.decidedAt, id: last.id } : null };
}
