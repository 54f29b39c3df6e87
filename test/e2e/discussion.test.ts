// The discussion under a proposal in a real browser: comment, reply (the parent's author is
// notified), edit within the window, vote up and down (aria-pressed), report a comment through the
// /report form, delete (the thread keeps «Комментарий удалён» and the replies), and «Показать ещё».
// The stage (published proposals, the 21 comments of the long discussion) is set through the API;
// what is tested is done through the pages. Every page goes through checkPage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activeElement,
  api,
  checkPage,
  checkPhone,
  clickAndLoad,
  completeProposal,
  DEMO,
  DEMO_PASSWORD,
  disconnectBrowser,
  openSession,
  publishedProposals,
  signIn,
  signUpResident,
  visit,
  waitForMail,
  type Session,
} from "./harness.ts";


const main = (s: Session) => s.page.locator("main");
const commentWith = (s: Session, text: string) => s.page.locator("#comments article.comment", { hasText: text });
const heading = (s: Session) => s.page.locator("#comments-heading").textContent();
const headlines = (s: Session) => s.page.locator("main ul.cards li.card button.linklike").allTextContents();
const votes = async (c: ReturnType<Session["page"]["locator"]>) =>
  c.locator(".comment__votes button.vote").evaluateAll((bs) => bs.map((b) => `${b.textContent} ${b.getAttribute("aria-pressed")}`));

describe("discussion", () => {
  const suffix = Date.now().toString(36).slice(-5);
  const title = `Лыжня в парке (${suffix})`;
  const longTitle = `Велодорожка вдоль набережной (${suffix})`;
  let author: Session; // a new resident: writes the comment
  let neighbour: Session; // member@: replies, votes
  let moderator: Session;
  let ids: string[] = [];
  let authorEmail = "";
  const REPLIER = "Анна Петрова (ТОС «Северный»)";

  beforeAll(async () => {
    [author, neighbour, moderator] = await Promise.all([openSession(), openSession(), openSession()]);
    await Promise.all([signIn(neighbour, DEMO.member, DEMO_PASSWORD), signIn(moderator, DEMO.moderator, DEMO_PASSWORD)]);
    ids = await publishedProposals(neighbour, moderator, [completeProposal(title), completeProposal(longTitle)]);
    authorEmail = await signUpResident(author, `Сергей Лыжников ${suffix}`);
  });
  afterAll(async () => {
    await Promise.all([author?.close(), neighbour?.close(), moderator?.close()]);
    await disconnectBrowser();
  });

  it("comment, reply with a notification, edit, votes, report, delete", async () => {
    const path = `/proposals/${ids[0]}`;
    const a = author.page;
    const n = neighbour.page;

    // ——— A comment ———
    const FIRST = `Хорошо бы освещение вдоль лыжни (${suffix})`;
    await visit(author, path, "proposal with an empty discussion");
    expect(await heading(author)).toBe("Обсуждение (0)");
    await a.getByLabel("Ваш комментарий").fill(FIRST);
    await clickAndLoad(a, main(author).getByRole("button", { name: "Отправить комментарий" }));
    await checkPage(author, "proposal after the comment");
    expect(await heading(author)).toBe("Обсуждение (1)");
    const mine = commentWith(author, FIRST);
    await expect(mine.count()).resolves.toBe(1);
    const commentId = (await mine.getAttribute("id"))!.replace(/^comment-/, "");
    // The page came back at the new comment.
    expect(new URL(a.url()).hash).toBe(`#comment-${commentId}`);
    // One's own comment: edit and delete, no vote, no report.
    await expect(mine.getByRole("link", { name: /^Изменить/ }).count()).resolves.toBe(1);
    await expect(mine.locator("button.vote").count()).resolves.toBe(0);
    await expect(mine.getByRole("link", { name: "Пожаловаться" }).count()).resolves.toBe(0);

    // ——— A neighbour replies; the comment's author is notified ———
    const REPLY = `Поддерживаю, и урны поставить (${suffix})`;
    await visit(neighbour, path, "proposal (neighbour)");
    const theirs = commentWith(neighbour, FIRST);
    await theirs.locator("details.comment__reply > summary").click();
    const replyBox = theirs.getByLabel(/^Ответ для Сергей Лыжников/);
    await replyBox.fill(REPLY);
    await clickAndLoad(n, theirs.getByRole("button", { name: "Отправить ответ" }));
    await checkPage(neighbour, "proposal after the reply");
    expect(await heading(neighbour)).toBe("Обсуждение (2)");
    const reply = n.locator("#comments ol.comments--replies article.comment", { hasText: REPLY });
    await expect(reply.count()).resolves.toBe(1);
    expect(await reply.locator(".comment__author").textContent()).toBe(REPLIER);

    const replied = `${REPLIER} отвечает на ваш комментарий к «${title}»`;
    await visit(author, "/me/notifications", "notifications (reply)");
    expect(await headlines(author)).toContain(replied);
    expect(await main(author).locator("li.card", { hasText: replied }).textContent()).toContain(`«${REPLY}»`);
    await waitForMail(authorEmail, replied);

    // ——— Edit within the window ———
    const EDITED = `Хорошо бы освещение и разметку вдоль лыжни (${suffix})`;
    await visit(author, path, "proposal (author, before editing)");
    await clickAndLoad(a, commentWith(author, FIRST).getByRole("link", { name: /^Изменить/ }));
    await checkPage(author, "edit a comment");
    expect(new URL(a.url()).pathname).toBe(`/comments/${commentId}/edit`);
    await expect(a.getByLabel("Ваш комментарий").inputValue()).resolves.toBe(FIRST);
    await a.getByLabel("Ваш комментарий").fill(EDITED);
    await clickAndLoad(a, main(author).getByRole("button", { name: "Сохранить" }));
    await checkPage(author, "proposal after the edit");
    const edited = a.locator(`#comment-${commentId}`);
    expect(await edited.locator(".comment__body").textContent()).toBe(EDITED);
    expect(await edited.locator(".comment__meta").textContent()).toContain("изменён");

    // ——— Votes: up, then down instead, then the down vote taken back (keyboard: Enter on the button) ———
    await visit(neighbour, path, "proposal (neighbour, voting)");
    const target = n.locator(`#comment-${commentId}`);
    expect(await votes(target)).toEqual(["За: 0 false", "Против: 0 false"]);
    await clickAndLoad(n, target.getByRole("button", { name: "За: 0" }));
    await checkPage(neighbour, "after the up vote");
    expect(await votes(target)).toEqual(["За: 1 true", "Против: 0 false"]);
    await clickAndLoad(n, target.getByRole("button", { name: "Против: 0" }));
    expect(await votes(target)).toEqual(["За: 0 false", "Против: 1 true"]);
    await target.getByRole("button", { name: "Против: 1" }).focus();
    await Promise.all([n.waitForEvent("load"), n.keyboard.press("Enter")]);
    await checkPage(neighbour, "after the vote is taken back");
    expect(await votes(target)).toEqual(["За: 0 false", "Против: 0 false"]);
    await checkPhone(neighbour, "proposal with a discussion");

    // ——— The comment's author reports the reply (radio group, chosen with the arrow keys) ———
    await visit(author, path, "proposal (author, before reporting)");
    await clickAndLoad(a, commentWith(author, REPLY).getByRole("link", { name: "Пожаловаться" }));
    await checkPage(author, "report a comment");
    const replyId = new URL(a.url()).searchParams.get("id");
    expect(new URL(a.url()).searchParams.get("type")).toBe("comment");
    const group = a.getByRole("group", { name: "Причина жалобы" });
    await group.getByRole("radio", { name: "Спам или реклама" }).focus();
    await a.keyboard.press("Space");
    for (let i = 0; i < 3; i++) await a.keyboard.press("ArrowDown");
    expect((await activeElement(a))?.id).toBe("f-reason-off_topic");
    await expect(group.getByRole("radio", { name: "Не по теме" }).isChecked()).resolves.toBe(true);
    await clickAndLoad(a, main(author).getByRole("button", { name: "Отправить жалобу" }));
    await checkPage(author, "comment report sent");
    expect(await main(author).locator("h1").textContent()).toBe("Жалоба отправлена");
    await clickAndLoad(a, main(author).getByRole("link", { name: "Вернуться к материалу" }));
    expect(new URL(a.url()).pathname).toBe(path);
    // The moderator's queue has it, with the reason.
    await visit(moderator, "/moderation", "moderation queue (reported comment)");
    const queued = moderator.page.locator("main article.card", { has: moderator.page.locator(`a[href*="${replyId}"]`) });
    await expect(queued.count()).resolves.toBe(1);
    expect(await queued.getByRole("list", { name: "Причины жалоб" }).textContent()).toBe("Не по теме: 1");

    // ——— Delete: the thread keeps the place and the reply ———
    await visit(author, path, "proposal (author, before deleting)");
    const own = a.locator(`#comment-${commentId}`);
    await own.locator("details.comment__delete > summary").click();
    await clickAndLoad(a, own.getByRole("button", { name: "Да, удалить" }));
    await checkPage(author, "proposal after deleting");
    const gone = a.locator(`#comment-${commentId}`);
    expect(await gone.locator(".comment__placeholder").textContent()).toBe("Комментарий удалён");
    expect(await gone.textContent()).not.toContain(EDITED);
    await expect(gone.locator(".comment__author").count()).resolves.toBe(0);
    await expect(commentWith(author, REPLY).count()).resolves.toBe(1);
    expect(await heading(author)).toBe("Обсуждение (1)");
  });

  it("«Показать ещё» opens the next 20 comments and leads back to the start", async () => {
    const path = `/proposals/${ids[1]}`;
    // 21 comments, oldest first on the page (posted through the API: the stage, not the subject).
    const texts = Array.from({ length: 21 }, (_, i) => `Комментарий № ${String(i + 1).padStart(2, "0")} (${suffix})`);
    for (const body of texts) await api(neighbour, "POST", "/api/comments", { targetType: "proposal", targetId: ids[1], body });
    const a = author.page;
    await visit(author, path, "long discussion, first page");
    expect(await heading(author)).toBe("Обсуждение (21)");
    const bodies = () => a.locator("#comments ol.comments > li > article.comment .comment__body").allTextContents();
    const first = await bodies();
    expect(first).toEqual(texts.slice(0, 20));
    await expect(a.locator("#comments").getByRole("link", { name: "К началу обсуждения" }).count()).resolves.toBe(0);
    await clickAndLoad(a, a.locator("#comments").getByRole("link", { name: "Показать ещё" }));
    await checkPage(author, "long discussion, second page");
    const url = new URL(a.url());
    expect(url.searchParams.get("comments_after")).toBeTruthy();
    expect(url.hash).toBe("#comments");
    expect(await bodies()).toEqual(texts.slice(20));
    await expect(a.locator("#comments").getByRole("link", { name: "Показать ещё" }).count()).resolves.toBe(0);
    await clickAndLoad(a, a.locator("#comments").getByRole("link", { name: "К началу обсуждения" }));
    await checkPage(author, "long discussion, back at the start");
    expect(await bodies()).toEqual(texts.slice(0, 20));
  });
});
