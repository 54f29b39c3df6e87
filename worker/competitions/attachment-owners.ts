import { and, eq } from "drizzle-orm";
import type { AttachmentOwnerAdapter } from "../attachments/targets";
import { competitionAccess, entryAccess } from "./access";
import { competitionFacts } from "./data";
import { assignments, competitions, entries, experts } from "./schema";

/**
 * Files of a competition (the rules' signed document): public once the competition is published;
 * the organiser's admins add and remove them while the setup may change.
 */
export const competitionAttachmentOwner: AttachmentOwnerAdapter = {
  async access(db, ownerId, viewer) {
    const [c] = await db.select().from(competitions).where(eq(competitions.id, ownerId));
    if (!c) return { exists: false, canRead: false, canEdit: false, organiserId: null };
    const a = competitionAccess(competitionFacts(c), viewer, Date.now());
    return { exists: true, canRead: a.read, canEdit: a.editSetup, organiserId: c.organiserId, isPublic: a.published };
  },
};

/**
 * Files of an entry (photos, reports of a practice) follow the entry: whoever may read it sees them;
 * an expert reads the files of the entries assigned to them (an expert of the competition is not
 * thereby a reader of entries still waiting for the check); the entrant changes them while the entry
 * waits for the check in the entry stage. One select by key.
 */
export const entryAttachmentOwner: AttachmentOwnerAdapter = {
  async access(db, ownerId, viewer) {
    // Not a batch: a single joined select comes back as arrays, so same-named columns are safe here.
    const [row] = await db
      .select({ e: entries, c: competitions, expert: experts.userId, assigned: assignments.expertId })
      .from(entries)
      .innerJoin(competitions, eq(competitions.id, entries.competitionId))
      .leftJoin(experts, and(eq(experts.competitionId, entries.competitionId), eq(experts.userId, viewer?.id ?? "")))
      .leftJoin(assignments, and(eq(assignments.entryId, entries.id), eq(assignments.expertId, viewer?.id ?? "")))
      .where(eq(entries.id, ownerId));
    if (!row) return { exists: false, canRead: false, canEdit: false, organiserId: null };
    const { e, c } = row;
    const expert = viewer !== null && row.expert !== null;
    const a = competitionAccess(competitionFacts(c), viewer, Date.now(), expert);
    const ea = entryAccess(a, e, viewer);
    const assigned = viewer !== null && row.assigned !== null;
    return { exists: true, canRead: ea.read || assigned, canEdit: ea.editFiles, organiserId: c.organiserId, isPublic: ea.isPublic };
  },
};
