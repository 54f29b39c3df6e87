import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { organisers } from "./schema";

export const listOrganisers = (db: Db) => db.select().from(organisers).orderBy(asc(organisers.slug));
export const getOrganiser = (db: Db, id: string) => db.select().from(organisers).where(eq(organisers.id, id));
export const upsertOrganiser = (db: Db, o: typeof organisers.$inferInsert) =>
  db.insert(organisers).values(o).onConflictDoUpdate({ target: organisers.id, set: { nameRu: o.nameRu, nameEn: o.nameEn, shortName: o.shortName } });
export { organisers };
