// Moderation in a real browser: a resident reports a published proposal; the report reaches the
// organiser's queue with its reason; the moderator hides the proposal with a reason; it leaves the
// public list and its page; /moderation/public lists the decision and the reason but not the
// content; the reporter and the author are notified. And a resident who opens /moderation gets a
// readable refusal. Every page goes through checkPage (axe, hydration, console/CSP errors).
import { afterAll, describe, expect, it } from "vitest";
import {
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

afterAll(() => disconnectBrowser());

const main = (s: Session) => s.page.locator("main");
const queueItem = (s: Session, title: string) => s.page.locator("main article.card", { has: s.page.getByRole("heading", { name: title, exact: true }) });
const headlines = (s: Session) => s.page.locator("main ul.cards li.card button.linklike").allTextContents();

describe("moderation", () => {
  it("a report on a published proposal → the queue → hidden with a reason → public record → notifications", async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const title = `Ярмарка мастеров на площади (${suffix})`;
    const DETAILS = `Это реклама магазина, а не проект (${suffix})`;
    const HIDE_REASON = `Коммерческая реклама под видом проекта (${suffix})`;
    const author = await openSession();
    const moderator = await openSession();
    const reporter = await openSession();
    try {
      await Promise.all([signIn(author, DEMO.member, DEMO_PASSWORD), signIn(moderator, DEMO.moderator, DEMO_PASSWORD)]);
      const [id] = await publishedProposals(author, moderator, [completeProposal(title)]);
      const path = `/proposals/${id}`;
      const reporterEmail = await signUpResident(reporter, `Бдительный Житель ${suffix}`);

      // ——— A resident reports it from its page ———
      const r = reporter.page;
      await visit(reporter, path, "published proposal (reporter)");
      await clickAndLoad(r, main(reporter).getByRole("link", { name: "Пожаловаться на предложение" }));
      await checkPage(reporter, "report form");
      expect(new URL(r.url()).search).toBe(`?type=proposal&id=${id}`);
      expect(await main(reporter).textContent()).toContain(`Материал: предложение «${title}»`);
      const reasons = r.getByRole("group", { name: "Причина жалобы" });
      await expect(reasons.getByRole("radio").count()).resolves.toBe(6);
      await reasons.getByRole("radio", { name: "Спам или реклама" }).check();
      await r.getByLabel("Подробности").fill(DETAILS);
      await clickAndLoad(r, main(reporter).getByRole("button", { name: "Отправить жалобу" }));
      await checkPage(reporter, "report sent");
      expect(await main(reporter).locator("h1").textContent()).toBe("Жалоба отправлена");
      await checkPhone(reporter, "report sent");

      // ——— The moderator finds it in the queue, with the reason, and hides the proposal ———
      const m = moderator.page;
      await visit(moderator, "/moderation", "moderation queue (with the report)");
      const item = queueItem(moderator, title);
      await expect(item.count()).resolves.toBe(1);
      expect(await item.textContent()).toContain("Жалобы");
      expect(await item.getByRole("list", { name: "Причины жалоб" }).textContent()).toBe("Спам или реклама: 1");
      expect(await item.locator("ul.quotes").textContent()).toContain(DETAILS);
      const decision = item.locator("form[action$='/decision']");
      await decision.getByLabel("Действие").selectOption({ label: "Скрыть" });
      await decision.getByLabel("Причина (её увидит автор)").fill(HIDE_REASON);
      await clickAndLoad(m, decision.getByRole("button", { name: "Принять решение" }));
      await checkPage(moderator, "moderation queue after hiding");
      expect(await m.locator(".notice--ok[role=status]").textContent()).toContain("Решение принято.");
      await expect(queueItem(moderator, title).count()).resolves.toBe(0);

      // ——— Gone from the public list and page (for everyone but its author and the moderators) ———
      await visit(reporter, "/proposals", "proposals list after hiding");
      await expect(main(reporter).getByRole("link", { name: title }).count()).resolves.toBe(0);
      await visit(reporter, path, "hidden proposal (reporter)", 404);
      await visit(moderator, path, "hidden proposal (moderator)");
      expect(await main(moderator).textContent()).toContain("Предложение скрыто модератором");
      expect(await main(moderator).locator("ol.history").textContent()).toContain(`Причина: ${HIDE_REASON}`);

      // ——— The public record: the decision and its reason, not the content ———
      await visit(reporter, "/moderation/public", "public moderation record");
      const row = main(reporter).locator("tbody tr", { hasText: HIDE_REASON });
      await expect(row.count()).resolves.toBe(1);
      const cells = await row.locator("td").allTextContents();
      expect(cells.slice(1)).toEqual(["Мэрия города Новосибирска", "Предложение", "Скрыто", HIDE_REASON]);
      expect(await main(reporter).textContent()).not.toContain(title);
      expect(await main(reporter).textContent()).not.toContain(DETAILS);
      await checkPhone(reporter, "public moderation record");

      // ——— The reporter and the author hear of the decision ———
      const decided = `Ваша жалоба на «${title}» рассмотрена: меры приняты`;
      await visit(reporter, "/me/notifications", "reporter's notifications");
      expect(await headlines(reporter)).toContain(decided);
      await waitForMail(reporterEmail, decided);
      const hidden = `Ваше предложение «${title}» скрыто модератором`;
      await visit(author, "/me/notifications", "author's notifications");
      expect(await headlines(author)).toContain(hidden);
      expect(await main(author).locator("li.card", { hasText: hidden }).textContent()).toContain(`Причина: ${HIDE_REASON}`);
      await waitForMail(DEMO.member, hidden);
    } finally {
      await Promise.all([author.close(), moderator.close(), reporter.close()]);
    }
  });

  it("a resident who opens /moderation gets a readable refusal", async () => {
    const s = await openSession();
    try {
      await signIn(s, DEMO.resident, DEMO_PASSWORD);
      await visit(s, "/moderation", "/moderation (resident)", 403);
      expect(await main(s).textContent()).toContain("Недостаточно прав для этого действия");
      // A way on from there.
      await expect(main(s).getByRole("link", { name: "На главную" }).count()).resolves.toBe(1);
      await expect(main(s).locator("form, article.card").count()).resolves.toBe(0);
      await checkPhone(s, "/moderation (resident)");
    } finally {
      await s.close();
    }
  });
});
