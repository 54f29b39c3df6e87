import { describe, expect, it } from "vitest";
import { count, createOrganiser, createUser, db, row, signedIn } from "./fixtures";
import { seedAssignments, seedCompetition, seedEntries, seedExpert } from "./competition-fixtures";

// 152-ФЗ for voters and experts: what the export gives them, and what account deletion takes away.
describe("personal data of voters and experts", () => {
  it("a voter's export lists their vote and its log; deleting the account keeps the vote counted and clears the network hash", async () => {
    const admin = await createUser();
    const organiserId = await createOrganiser();
    const c = await seedCompetition({ organiserId, createdBy: admin.id, stage: "voting" });
    const [entry] = await seedEntries(c, [{ nominationId: c.nominationIds[0], submittedBy: admin.id }]);
    const voter = await signedIn(await createUser());
    const cast = await voter.api(`/competitions/${c.id}/votes`, { json: { entryId: entry } });
    expect(cast.status).toBeLessThan(300);
    const exported = (await (await voter.api("/me/export")).json()) as { competitionVotes: { entryId: string; receipt: string; status: string }[]; competitionVoteLog: { event: string; entryId: string }[] };
    expect(exported.competitionVotes).toEqual([expect.objectContaining({ entryId: entry, status: "counted", receipt: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) })]);
    expect(exported.competitionVoteLog).toEqual([expect.objectContaining({ event: "cast", entryId: entry })]);
    expect(JSON.stringify(exported)).not.toContain("network");

    await db.prepare("UPDATE competition_vote_log SET network = 'a1b2c3d4e5f60718' WHERE voter_id = ?").bind(voter.user.id).run();
    expect((await voter.api("/me", { method: "DELETE", json: { confirm: "УДАЛИТЬ" } })).status).toBe(200);
    expect(await count("competition_votes", "voter_id = ? AND status = 'counted'", voter.user.id)).toBe(1);
    expect(await row("SELECT vote_count FROM competition_entries WHERE id = ?", entry)).toEqual({ vote_count: 1 });
    expect(await count("competition_vote_log", "voter_id = ? AND network != ''", voter.user.id)).toBe(0);
  });

  it("an expert's export lists juries, conflicts, sheets and scores; deletion keeps submitted sheets and removes drafts and unsubmitted assignments", async () => {
    const admin = await createUser();
    const organiserId = await createOrganiser();
    const c = await seedCompetition({ organiserId, createdBy: admin.id, stage: "evaluation" });
    const [submitted, draft, untouched, conflicted] = await seedEntries(
      c,
      [0, 1, 2, 3].map(() => ({ nominationId: c.nominationIds[0], submittedBy: admin.id })),
    );
    const expert = await signedIn(await createUser({ city: "Томск" }));
    await seedExpert(c, expert.user.id, admin.id, { city: "Томск" });
    await seedAssignments(c, expert.user.id, [submitted, draft, untouched], admin.id);
    const now = Date.now();
    await db.batch([
      db.prepare("UPDATE competition_assignments SET status = 'submitted', total = 72.5, submitted_at = ? WHERE entry_id = ? AND expert_id = ?").bind(now, submitted, expert.user.id),
      db.prepare("UPDATE competition_assignments SET status = 'draft' WHERE entry_id = ? AND expert_id = ?").bind(draft, expert.user.id),
      ...[submitted, draft].map((e) => db.prepare("INSERT INTO competition_scores (entry_id, expert_id, criterion_id, score, comment, updated_at) VALUES (?, ?, ?, 7, 'обоснование', ?)").bind(e, expert.user.id, c.criterionIds[0], now)),
      db.prepare("INSERT INTO competition_conflicts (competition_id, expert_id, entry_id, reason, declared_at) VALUES (?, ?, ?, 'Консультировал команду', ?)").bind(c.id, expert.user.id, conflicted, now),
    ]);
    const exported = (await (await expert.api("/me/export")).json()) as Record<string, { [k: string]: unknown }[]>;
    expect(exported.expertOf).toEqual([expect.objectContaining({ competitionId: c.id, city: "Томск" })]);
    expect(exported.expertConflicts).toEqual([expect.objectContaining({ entryId: conflicted, reason: "Консультировал команду" })]);
    expect(exported.expertSheets.map((s) => s.status).sort()).toEqual(["assigned", "draft", "submitted"]);
    expect(exported.expertScores.map((s) => s.entryId).sort()).toEqual([submitted, draft].sort());

    expect((await expert.api("/me", { method: "DELETE", json: { confirm: "УДАЛИТЬ" } })).status).toBe(200);
    expect(await row("SELECT status, total FROM competition_assignments WHERE expert_id = ?", expert.user.id)).toEqual({ status: "submitted", total: 72.5 });
    expect(await count("competition_assignments", "expert_id = ?", expert.user.id)).toBe(1);
    expect(await count("competition_scores", "expert_id = ? AND entry_id = ?", expert.user.id, submitted)).toBe(1);
    expect(await count("competition_scores", "expert_id = ? AND entry_id = ?", expert.user.id, draft)).toBe(0);
    expect(await row("SELECT city, declared_at, assigned_count FROM competition_experts WHERE user_id = ?", expert.user.id)).toEqual({ city: "", declared_at: null, assigned_count: 1 });
    expect(await count("role_grants", "user_id = ?", expert.user.id)).toBe(0);
  });
});
