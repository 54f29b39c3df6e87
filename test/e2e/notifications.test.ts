// E-mail settings per kind in a real browser: a resident switches e-mail off for comments on their
// proposal (keyboard: Space on the checkbox), saves, and the setting sticks on a fresh load; then a
// comment on their proposal is on the page but not in the mail, while a support that came after it
// is in both. Every page goes through checkPage.
import { afterAll, describe, expect, it } from "vitest";
import { api, checkPage, checkPhone, clickAndLoad, completeProposal, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, publishedProposals, signIn, signUpResident, waitForMail, baseUrl } from "./harness.ts";

afterAll(() => disconnectBrowser());

const KINDS = [
  "меняется статус моего предложения",
  "кто-то комментирует моё предложение",
  "кто-то поддерживает моё предложение",
  "кто-то отвечает на мой комментарий",
  "принято решение по моей жалобе",
  "в очереди модерации есть давно ожидающие материалы (для модераторов)",
  "кто-то отвечает на моё замечание к проекту документа",
  "организатор принял решение по моему замечанию",
  "решение модератора по моей заявке на конкурс",
  "мне назначены заявки для экспертной оценки",
  "опубликованы итоги конкурса, в котором участвует моя заявка",
];

describe("notification settings", () => {
  it("e-mail switched off for one kind: saved, kept, and no mail of that kind", async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const title = `Каток во дворе (${suffix})`;
    const s = await openSession();
    const moderator = await openSession();
    const neighbour = await openSession();
    const { page } = s;
    try {
      const [email] = await Promise.all([
        signUpResident(s, `Тихий Житель ${suffix}`),
        signIn(moderator, DEMO.moderator, DEMO_PASSWORD),
        signIn(neighbour, DEMO.member, DEMO_PASSWORD),
      ]);
      const [id] = await publishedProposals(s, moderator, [completeProposal(title)]);
      // Mail works for this person (every kind is on by default).
      await waitForMail(email, `Ваше предложение «${title}» опубликовано`);

      await page.goto("/me/notifications");
      await checkPage(s, "notifications with settings");
      await checkPhone(s, "notifications with settings");
      const prefs = page.getByRole("group", { name: "Присылать письмо, когда" });
      const boxes = prefs.getByRole("checkbox");
      expect(await boxes.evaluateAll((bs) => bs.map((b) => (b as HTMLInputElement).checked))).toEqual(KINDS.map(() => true));
      const comments = prefs.getByRole("checkbox", { name: "кто-то комментирует моё предложение" });
      await comments.focus();
      await page.keyboard.press("Space");
      await expect(comments.isChecked()).resolves.toBe(false);
      await clickAndLoad(page, page.getByRole("button", { name: "Сохранить настройки писем" }));
      await checkPage(s, "notifications after saving the settings");
      expect(await page.locator(".notice--ok[role=status]").count()).toBe(1);

      // A fresh load shows what was saved: only that one off.
      await page.goto("/me/notifications");
      await checkPage(s, "notifications, reloaded");
      expect(await page.getByRole("group", { name: "Присылать письмо, когда" }).getByRole("checkbox").evaluateAll((bs) => bs.map((b) => (b as HTMLInputElement).checked))).toEqual(
        KINDS.map((k) => k !== "кто-то комментирует моё предложение"),
      );

      // A comment (e-mail off), then a support (e-mail on): both on the page, only the support mailed.
      await api(neighbour, "POST", "/api/comments", { targetType: "proposal", targetId: id, body: `Зальём вместе! (${suffix})` });
      await api(neighbour, "PUT", `/api/proposals/${id}/support`);
      const commented = `Анна Петрова (ТОС «Северный») комментирует ваше предложение «${title}»`;
      const supported = `Анна Петрова (ТОС «Северный») поддерживает ваше предложение «${title}»`;
      // The copies are queued in that order; once the later one is mailed, the earlier one was decided.
      await waitForMail(email, supported);
      const res = await fetch(`${baseUrl()}/dev/outbox.json?to=${encodeURIComponent(email)}`);
      const subjects = ((await res.json()) as { items: { subject: string }[] }).items.map((m) => m.subject);
      expect(subjects.filter((x) => x.startsWith(commented))).toEqual([]);
      await page.goto("/me/notifications");
      await checkPage(s, "notifications with the comment and the support");
      const headlines = await page.locator("main ul.cards li.card button.linklike").allTextContents();
      expect(headlines).toEqual(expect.arrayContaining([commented, supported]));
    } finally {
      await Promise.all([s.close(), moderator.close(), neighbour.close()]);
    }
  });
});
