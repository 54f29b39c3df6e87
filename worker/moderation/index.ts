import { and, eq } from "drizzle-orm";
import type { Db, Statement } from "../db/client";
import { moderationItems, type ModerationTarget } from "./schema";

/**
 * What other modules use to put something into the one moderation queue. The owning module writes
 * these statements in the same batch as the change that needs a decision (a proposal submitted).
 * At most one open item per object: a second "open" is ignored (partial unique index).
 */
export function openItemStatement(
  db: Db,
  item: { organiserId: string; targetType: ModerationTarget; targetId: string; kind: "review" | "reports"; authorId: string | null; label: string },
  at = Date.now(),
): Statement {
  return db
    .insert(moderationItems)
    .values({ id: crypto.randomUUID(), ...item, label: item.label.slice(0, 140), createdAt: at })
    .onConflictDoNothing();
}

/**
 * Close the open item of an object (a decision was taken, or the author withdrew it). `reason` is the
 * moderator's reason: the public openness page lists it for hidden and rejected items.
 */
export function closeItemStatement(
  db: Db,
  targetType: ModerationTarget,
  targetId: string,
  decision: string,
  actorId: string | null,
  at = Date.now(),
  reason: string | null = null,
): Statement {
  return db
    .update(moderationItems)
    .set({ status: "closed", closedAt: at, closedBy: actorId, decision, ...(reason ? { reason: reason.slice(0, 1000) } : {}) })
    .where(and(eq(moderationItems.targetType, targetType), eq(moderationItems.targetId, targetId), eq(moderationItems.status, "open")));
}

