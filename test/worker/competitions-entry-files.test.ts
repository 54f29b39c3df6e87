import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { competitionAttachmentOwner, entryAttachmentOwner } from "../../worker/competitions/attachment-owners";
import { makeDb } from "../../worker/db/client";
import { createOrganiser, createUser } from "./fixtures";
import { seedAssignments, seedCompetition, seedEntries, seedExpert } from "./competition-fixtures";
import { sessionUser } from "./proposals-helpers";

// Who may see and change the files of an entry and of a competition (the attachments module asks these).
describe("files of entries and competitions", () => {
  const db = makeDb((env as any).DB);

  it("an entry's files: the entrant edits while it waits for the check; an expert reads only assigned entries", async () => {
    const admin = await createUser();
    const organiserId = await createOrganiser();
    const c = await seedCompetition({ organiserId, createdBy: admin.id, stage: "entry" });
    const [entrant, assignedExpert, otherExpert, resident] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
    const [waiting, admitted] = await seedEntries(c, [
      { nominationId: c.nominationIds[0], submittedBy: entrant.id, status: "submitted" },
      { nominationId: c.nominationIds[0], submittedBy: entrant.id, status: "admitted" },
    ]);
    await seedExpert(c, assignedExpert.id, admin.id);
    await seedExpert(c, otherExpert.id, admin.id);
    await seedAssignments(c, assignedExpert.id, [waiting], admin.id);

    const own = await entryAttachmentOwner.access(db, waiting, sessionUser(entrant));
    expect(own).toMatchObject({ exists: true, canRead: true, canEdit: true, isPublic: false });
    expect(await entryAttachmentOwner.access(db, waiting, sessionUser(assignedExpert))).toMatchObject({ canRead: true, canEdit: false });
    expect(await entryAttachmentOwner.access(db, waiting, sessionUser(otherExpert))).toMatchObject({ canRead: false, canEdit: false });
    expect(await entryAttachmentOwner.access(db, waiting, sessionUser(resident))).toMatchObject({ canRead: false, canEdit: false });
    expect(await entryAttachmentOwner.access(db, waiting, null)).toMatchObject({ canRead: false, canEdit: false });
    expect(await entryAttachmentOwner.access(db, waiting, sessionUser(admin, [{ role: "organiser_admin", organiserId }]))).toMatchObject({ canRead: true, canEdit: false });
    // An admitted entry is public; its files are no longer the entrant's to change.
    expect(await entryAttachmentOwner.access(db, admitted, null)).toMatchObject({ canRead: true, canEdit: false, isPublic: true });
    expect(await entryAttachmentOwner.access(db, admitted, sessionUser(entrant))).toMatchObject({ canEdit: false });
    expect(await entryAttachmentOwner.access(db, "no-such-entry", sessionUser(entrant))).toMatchObject({ exists: false, canRead: false });
  });

  it("a competition's rules document: public once published, changed by its organiser's admins while the setup may change", async () => {
    const admin = await createUser();
    const organiserId = await createOrganiser();
    const other = await createOrganiser();
    const draft = await seedCompetition({ organiserId, createdBy: admin.id, status: "draft" });
    const running = await seedCompetition({ organiserId, createdBy: admin.id, stage: "evaluation" });
    const owner = sessionUser(admin, [{ role: "organiser_admin", organiserId }]);
    const stranger = sessionUser(await createUser(), [{ role: "organiser_admin", organiserId: other }]);
    expect(await competitionAttachmentOwner.access(db, draft.id, owner)).toMatchObject({ canRead: true, canEdit: true, isPublic: false });
    expect(await competitionAttachmentOwner.access(db, draft.id, stranger)).toMatchObject({ canRead: false, canEdit: false });
    expect(await competitionAttachmentOwner.access(db, draft.id, null)).toMatchObject({ canRead: false });
    expect(await competitionAttachmentOwner.access(db, running.id, null)).toMatchObject({ canRead: true, canEdit: false, isPublic: true });
    expect(await competitionAttachmentOwner.access(db, running.id, owner)).toMatchObject({ canEdit: false });
  });
});
