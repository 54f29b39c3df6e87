import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Every state change, written in the same D1 batch as the change itself. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    /** Not a foreign key: a tombstoned account stays referenced, and system actions have none. */
    actorId: text("actor_id"),
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id").notNull(),
    organiserId: text("organiser_id"),
    reason: text("reason"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_object").on(t.objectType, t.objectId, t.id),
    index("audit_organiser").on(t.organiserId, t.id),
    index("audit_actor").on(t.actorId, t.id),
  ],
);
