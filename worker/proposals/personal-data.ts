import { and, eq, inArray } from "drizzle-orm";
import type { Db, Statement } from "../db/client";
import { proposalSupports, proposals } from "./schema";

/** 152-ФЗ export: the person's proposals in full (every state) and what they supported. */
export function proposalExportQueries(db: Db, userId: string) {
  return [
    db.select().from(proposals).where(eq(proposals.authorId, userId)).orderBy(proposals.createdAt),
    db.select({ proposalId: proposalSupports.proposalId, createdAt: proposalSupports.createdAt }).from(proposalSupports).where(eq(proposalSupports.userId, userId)),
  ] as const;
}

/** Drafts never left their author: they go with the account. Submitted or published ones stay, under «удалённый пользователь». */
export const draftsOf = (db: Db, userId: string) =>
  db.select({ id: proposals.id }).from(proposals).where(and(eq(proposals.authorId, userId), eq(proposals.status, "draft")));

export function draftDeletionStatements(db: Db, draftIds: string[]): Statement[] {
  if (draftIds.length === 0) return [];
  // Supports cannot exist on a draft; the cascade on proposal_supports covers it anyway.
  return [db.delete(proposals).where(and(inArray(proposals.id, draftIds), eq(proposals.status, "draft")))];
}
