import { describe, expect, it } from "vitest";
import { makeJpeg, objectsOf, upload } from "./attachment-fixtures";
import { count, createOrganiser, grantRole, newActor, row } from "./fixtures";
import { complete, createProposal, insertPublished } from "./proposals-helpers";

// 152-ФЗ: what a person wrote, supported and reported is in their export; on deletion their drafts
// (and the drafts' files) go, while what they published stays under «удалённый пользователь».
describe("personal data across proposals, discussion and moderation", () => {
  it("the export lists the person's proposals, supports, comments, votes, reports and uploads", async () => {
    const org = await createOrganiser();
    const person = await newActor({ displayName: "Экспорт Тестов" });
    const other = await newActor();
    const draft = await createProposal(person, complete(org, { title: "Мой черновик" }));
    expect((await upload(person, draft, makeJpeg(40, 30), "фото.jpg", "image/jpeg")).status).toBe(201);
    const published = await insertPublished({ organiserId: org, authorId: other.user.id, title: "Чужое предложение" });
    expect((await person.api(`/proposals/${published}/support`, { method: "PUT" })).status).toBe(200);
    const c = await person.api("/comments", { json: { targetType: "proposal", targetId: published, body: "Мой комментарий" } });
    expect(c.status).toBe(201);
    const theirs = (await (await other.api("/comments", { json: { targetType: "proposal", targetId: published, body: "Их комментарий" } })).json()) as { id: string };
    expect((await person.api(`/comments/${theirs.id}/vote`, { method: "PUT", json: { value: 1 } })).status).toBe(200);
    expect((await person.api("/reports", { json: { targetType: "comment", targetId: theirs.id, reason: "other", details: "Проверьте, пожалуйста" } })).status).toBe(201);

    const exported = (await (await person.api("/me/export")).json()) as Record<string, any[]>;
    expect(exported.proposals.map((p) => p.title)).toEqual(["Мой черновик"]);
    expect(exported.supports.map((s) => s.proposalId)).toEqual([published]);
    expect(exported.comments.map((x) => x.body)).toEqual(["Мой комментарий"]);
    expect(exported.commentVotes).toEqual([expect.objectContaining({ commentId: theirs.id, value: 1 })]);
    expect(exported.reports).toEqual([expect.objectContaining({ targetId: theirs.id, reason: "other", details: "Проверьте, пожалуйста" })]);
    expect(exported.uploads).toEqual([expect.objectContaining({ ownerId: draft, fileName: "фото.jpg", contentType: "image/jpeg" })]);
    // Nobody else's data.
    expect(JSON.stringify(exported)).not.toContain("Их комментарий");
  });

  it("deleting the account removes its drafts with their files (rows and R2 objects); submitted and published ones stay", async () => {
    const org = await createOrganiser();
    const moderator = await newActor();
    await grantRole(moderator.user.id, "moderator", org);
    const leaving = await newActor({ displayName: "Уходящий Автор" });
    const draft = await createProposal(leaving, complete(org, { title: "Черновик уйдёт" }));
    expect((await upload(leaving, draft, makeJpeg(40, 30), "двор.jpg", "image/jpeg")).status).toBe(201);
    expect((await objectsOf(draft)).length).toBeGreaterThan(0);
    const submitted = await createProposal(leaving, complete(org, { title: "Отправленное останется" }));
    expect((await leaving.api(`/proposals/${submitted}/submit`, { method: "POST" })).status).toBe(200);
    const published = await insertPublished({ organiserId: org, authorId: leaving.user.id, title: "Опубликованное останется" });

    expect((await leaving.api("/me", { method: "DELETE", json: { confirm: "УДАЛИТЬ" } })).status).toBe(200);

    expect(await count("proposals", "id = ?", draft)).toBe(0);
    expect(await count("attachments", "owner_id = ?", draft)).toBe(0);
    expect(await objectsOf(draft)).toEqual([]);
    expect(await count("proposals", "id IN (?, ?)", submitted, published)).toBe(2);
    const page = await (await moderator.fetch(`/proposals/${published}`)).text();
    expect(page).toContain("Опубликованное останется");
    expect(page).not.toContain("Уходящий Автор");
    expect((await row<{ deleted_at: number | null }>("SELECT deleted_at FROM users WHERE id = ?", leaving.user.id))!.deleted_at).toEqual(expect.any(Number));
  });
});
