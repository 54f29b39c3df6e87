import { describe, expect, it } from "vitest";
import { createProposal, insertComment } from "./comment-fixtures";
import { count, createOrganiser, expectProblem, fillRateLimit, newActor, row } from "./fixtures";

// The per-account limits of the participation actions that other files do not already drive to
// their edge: comment votes (60 per minute) and reports (20 per hour). Each: the last allowed request
// passes, the next is 429 with Retry-After, and the refused one changes nothing.
describe("per-account rate limits", () => {
  it("comment votes: the 60th in a minute counts, the 61st → 429 and the vote is not changed (API and page form)", async () => {
    const org = await createOrganiser();
    const author = await newActor();
    const voter = await newActor();
    const p = await createProposal({ organiserId: org, authorId: author.user.id });
    const c = await insertComment({ proposalId: p, organiserId: org, authorId: author.user.id });
    await fillRateLimit(`vote:${voter.user.id}`, 60, 59);
    expect((await voter.api(`/comments/${c}/vote`, { method: "PUT", json: { value: 1 } })).status).toBe(200);
    const refused = await voter.api(`/comments/${c}/vote`, { method: "PUT", json: { value: -1 } });
    await expectProblem(refused, 429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await voter.fetch(`/comments/${c}/vote`, { form: { value: "-1" } })).status).toBe(429);
    expect(await row("SELECT value FROM comment_votes WHERE comment_id = ? AND user_id = ?", c, voter.user.id)).toEqual({ value: 1 });
    expect(await row("SELECT up_count, down_count FROM comments WHERE id = ?", c)).toEqual({ up_count: 1, down_count: 0 });
  });

  it("reports: the 20th in an hour is accepted, the 21st → 429 and no report is written (API and page form)", async () => {
    const org = await createOrganiser();
    const author = await newActor();
    const reporter = await newActor();
    const p = await createProposal({ organiserId: org, authorId: author.user.id });
    const [c1, c2, c3] = await Promise.all([1, 2, 3].map(() => insertComment({ proposalId: p, organiserId: org, authorId: author.user.id })));
    await fillRateLimit(`report:${reporter.user.id}`, 3600, 19);
    expect((await reporter.api("/reports", { json: { targetType: "comment", targetId: c1, reason: "spam" } })).status).toBe(201);
    const refused = await reporter.api("/reports", { json: { targetType: "comment", targetId: c2, reason: "spam" } });
    await expectProblem(refused, 429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await reporter.fetch("/report", { form: { targetType: "comment", targetId: c3, reason: "spam" } })).status).toBe(429);
    expect(await count("reports", "reporter_id = ?", reporter.user.id)).toBe(1);
  });
});
