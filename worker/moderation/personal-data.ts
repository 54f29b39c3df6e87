import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { reports } from "./schema";

/** 152-ФЗ export: the reports the person made. */
export const reportExportQuery = (db: Db, userId: string) =>
  db
    .select({ targetType: reports.targetType, targetId: reports.targetId, reason: reports.reason, details: reports.details, status: reports.status, createdAt: reports.createdAt })
    .from(reports)
    .where(eq(reports.reporterId, userId))
    .orderBy(reports.createdAt);
