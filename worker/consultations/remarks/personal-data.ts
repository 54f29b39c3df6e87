import { eq, sql } from "drizzle-orm";
import type { Db, Statement } from "../../db/client";
import { remarks, remarkSupports } from "../schema";

/** 152-ФЗ export: the person's remarks in full (every state, with how they chose to be shown) and the remarks they supported. */
export function remarkExportQueries(db: Db, userId: string) {
  return [
    db
      .select({
        id: remarks.id,
        consultationId: remarks.consultationId,
        versionId: remarks.versionId,
        clauseId: remarks.clauseId,
        kind: remarks.kind,
        shownAs: remarks.shownAs,
        organisationId: remarks.organisationId,
        body: remarks.body,
        proposedText: remarks.proposedText,
        status: remarks.status,
        createdAt: remarks.createdAt,
        disposition: remarks.disposition,
        dispositionReason: remarks.dispositionReason,
      })
      .from(remarks)
      .where(eq(remarks.authorId, userId))
      .orderBy(remarks.createdAt),
    db.select({ remarkId: remarkSupports.remarkId, createdAt: remarkSupports.createdAt }).from(remarkSupports).where(eq(remarkSupports.userId, userId)),
  ] as const;
}

/**
 * Account deletion: the person's supports of remarks go, and the counters of the remarks they
 * supported are recounted in the same batch — first recounted without this person's rows (while the
 * rows still say which remarks they are), then the rows deleted. Their remarks stay (the summary of
 * proposals must stay whole), shown under «удалённый пользователь» unless they were anonymous.
 */
export function remarkDeletionStatements(db: Db, userId: string): Statement[] {
  return [
    db
      .update(remarks)
      .set({ supportCount: sql`(SELECT count(*) FROM remark_supports AS s WHERE s.remark_id = ${remarks.id} AND s.user_id <> ${userId})` })
      .where(sql`${remarks.id} IN (SELECT remark_id FROM remark_supports WHERE user_id = ${userId})`),
    db.delete(remarkSupports).where(eq(remarkSupports.userId, userId)),
  ];
}
