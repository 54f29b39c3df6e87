// The main scenario in a real browser, through the pages only, as people would do it: a new
// resident writes a proposal for the Novosibirsk mayor's office with a photo and submits it; the
// moderator returns it with a reason; the resident reads the reason, fixes the budget and submits
// again; the moderator publishes; another resident supports and comments; the author finds every
// step in /me/notifications and in the development outbox. Every page on the way goes through
// checkPage (axe, hydration, console/CSP errors, unique ids); the main ones also at 375 px.
import { PhotonImage } from "@cf-wasm/photon";
import { afterAll, describe, expect, it } from "vitest";
import { checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn, signUpResident, waitForMail, type Session } from "./harness.ts";

afterAll(() => disconnectBrowser());

/** A real JPEG, 640 × 480 (wider than a thumbnail, so the portal makes one), encoded here by the worker's own image library. */
function photo(): Buffer {
  const w = 640;
  const h = 480;
  const px = new Uint8Array(w * h * 4);
  for (let i = 0; i < px.length; i += 4) {
    const x = (i / 4) % w;
    const y = Math.floor(i / 4 / w);
    px[i] = (x * 255) / w;
    px[i + 1] = (y * 255) / h;
    px[i + 2] = ((x ^ y) & 0xff) >> 1;
    px[i + 3] = 255;
  }
  const img = new PhotonImage(px, w, h);
  try {
    return Buffer.from(img.get_bytes_jpeg(85));
  } finally {
    img.free();
  }
}

const main = (s: Session) => s.page.locator("main");
const h1 = (s: Session) => s.page.locator("main h1").textContent();
/** The moderation queue's card of one item, found by its heading. */
const queueItem = (s: Session, title: string) => s.page.locator("main article.card", { has: s.page.getByRole("heading", { name: title, exact: true }) });
/** The notifications list's headlines (buttons that open them). */
/** The decision form of a queue item (the block form beside it has its own template and reason). */
const decisionForm = (s: Session, title: string) => queueItem(s, title).locator("form[action$='/decision']");
const headlines = (s: Session) => s.page.locator("main ul.cards li.card button.linklike").allTextContents();

describe("proposal: write → return → fix → publish → support and comment → notifications", () => {
  it("goes through the whole life of a proposal in the browser", async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const title = `Сквер у школы № 12 (${suffix})`;
    const authorName = `Ольга Тестова ${suffix}`;
    const RETURN_REASON = "Нужно уточнить бюджет проекта";
    const author = await openSession();
    const moderator = await openSession();
    const supporter = await openSession();
    try {
      // ——— The author signs up and writes the proposal ———
      const authorEmail = await signUpResident(author, authorName);
      const a = author.page;
      await a.goto("/proposals");
      await checkPage(author, "proposals list");
      await clickAndLoad(a, main(author).getByRole("link", { name: "Предложить проект" }));
      await checkPage(author, "new proposal: choose the organiser");
      await a.getByLabel("Кому вы направляете предложение?").selectOption({ label: "Мэрия города Новосибирска" });
      await clickAndLoad(a, main(author).getByRole("button", { name: "Продолжить" }));
      await checkPage(author, "new proposal form");
      expect(await main(author).textContent()).toContain("Организатор: Мэрия города Новосибирска");
      await checkPhone(author, "new proposal form");

      await a.getByLabel("Название проекта").fill(title);
      await a.getByLabel("Краткое описание").fill("Дорожки, скамейки и освещение в сквере между школой и домами.");
      await a.getByLabel("Тема").selectOption({ label: "Благоустройство" });
      await a.getByLabel("Описание проблемы").fill("Сквер зарос, вечером там темно, дети идут в школу по грязи.");
      await a.getByLabel("Цель проекта").fill("Безопасный и удобный сквер для детей и жителей микрорайона.");
      await a.getByLabel("Задачи проекта").fill("Проложить дорожки\nПоставить скамейки\nПровести освещение");
      await a.getByLabel("Ожидаемые результаты").fill("300 м дорожек, 10 скамеек, 12 фонарей.");
      await a.getByLabel("Город").fill("Новосибирск");
      await a.getByLabel("Район").fill("Калининский");
      await a.getByLabel("Число благополучателей").fill("1200");
      await a.getByLabel("Запрашиваемая сумма, ₽").fill("450000");
      await a.getByLabel("Софинансирование, ₽").fill("50000");
      await a.getByLabel("Дата начала").fill("2027-05-01");
      await a.getByLabel("Дата окончания").fill("2027-09-30");
      await a.getByLabel("Команда проекта").fill("Инициативная группа родителей, совет дома.");
      // The photo is added on the draft's edit page (files belong to a saved proposal): save a draft first.
      await clickAndLoad(a, main(author).getByRole("button", { name: "Сохранить черновик" }));
      await checkPage(author, "proposal page (draft)");
      expect(await h1(author)).toBe(title);
      expect(await a.locator(".notice--ok[role=status]").textContent()).toContain("Черновик сохранён.");
      const proposalPath = new URL(a.url()).pathname;
      expect(proposalPath).toMatch(/^\/proposals\/[^/]+$/);

      await clickAndLoad(a, main(author).getByRole("link", { name: "Редактировать" }));
      await checkPage(author, "edit draft");
      await a.getByLabel("Добавить файл").setInputFiles({ name: "сквер.jpg", mimeType: "image/jpeg", buffer: photo() });
      await clickAndLoad(a, main(author).getByRole("button", { name: "Загрузить" }));
      await checkPage(author, "edit draft after the upload");
      expect(new URL(a.url()).pathname).toBe(`${proposalPath}/edit`);
      // The draft's file list shows the photo's thumbnail (a real image, decoded by the browser).
      const listThumb = main(author).locator("ul.file-list img.file-list__thumb");
      await expect(listThumb.count()).resolves.toBe(1);
      expect(await main(author).locator("ul.file-list").textContent()).toContain("сквер.jpg");
      // Every field typed before the draft was saved is still in the form.
      await expect(a.getByLabel("Задачи проекта").inputValue()).resolves.toBe("Проложить дорожки\nПоставить скамейки\nПровести освещение");
      await expect(a.getByLabel("Запрашиваемая сумма, ₽").inputValue()).resolves.toBe("450000");

      await clickAndLoad(a, main(author).getByRole("button", { name: "Отправить на модерацию" }));
      await checkPage(author, "proposal page (submitted)");
      expect(new URL(a.url()).pathname).toBe(proposalPath);
      expect(await a.locator(".notice--ok[role=status]").textContent()).toContain("Предложение отправлено на модерацию");
      expect(await main(author).textContent()).toContain("На модерации");
      // The gallery shows the thumbnail (not the original), loaded and decoded.
      const thumb = main(author).getByRole("img", { name: "сквер.jpg" });
      await thumb.scrollIntoViewIfNeeded();
      expect(await thumb.getAttribute("src")).toMatch(/^\/files\/[^/]+\/thumb$/);
      await a.waitForFunction((img) => (img as HTMLImageElement).complete, await thumb.elementHandle());
      expect(await thumb.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([480, 360]);
      await checkPhone(author, "proposal page (submitted)");

      // ——— The moderator returns it with a reason from a template ———
      await signIn(moderator, DEMO.moderator, DEMO_PASSWORD);
      const m = moderator.page;
      await m.goto("/moderation");
      await checkPage(moderator, "moderation queue");
      let item = queueItem(moderator, title);
      await expect(item.count()).resolves.toBe(1);
      expect(await item.textContent()).toContain("Предложение");
      await checkPhone(moderator, "moderation queue");
      let decision = decisionForm(moderator, title);
      await decision.getByLabel("Действие").selectOption({ label: "Вернуть на доработку" });
      // Choosing a template fills the empty reason box (the page's script; the server does the same without it).
      await decision.getByLabel("Шаблон причины").selectOption({ label: RETURN_REASON });
      await expect(decision.getByLabel("Причина (её увидит автор)").inputValue()).resolves.toBe(RETURN_REASON);
      await clickAndLoad(m, decision.getByRole("button", { name: "Принять решение" }));
      await checkPage(moderator, "moderation queue after the return");
      expect(await m.locator(".notice--ok[role=status]").textContent()).toContain("Решение принято.");
      await expect(queueItem(moderator, title).count()).resolves.toBe(0);

      // ——— The author reads the reason, fixes the budget, submits again ———
      await a.goto(proposalPath);
      await checkPage(author, "proposal page (returned)");
      expect(await main(author).textContent()).toContain("Возвращено на доработку");
      const history = main(author).locator("ol.history");
      expect(await history.textContent()).toContain(`Причина: ${RETURN_REASON}`);
      expect(await history.textContent()).toContain("Модератор мэрии Новосибирска");

      await a.goto("/me/notifications");
      await checkPage(author, "notifications (returned)");
      const returned = `Ваше предложение «${title}» возвращено на доработку`;
      expect(await headlines(author)).toContain(returned);
      const returnedCard = main(author).locator("li.card", { hasText: returned });
      expect(await returnedCard.textContent()).toContain(`Причина: ${RETURN_REASON}`);
      const returnMail = await waitForMail(authorEmail, returned);
      expect(returnMail.text).toContain(`Причина: ${RETURN_REASON}`);
      expect(returnMail.text).toContain(proposalPath);
      // Opening the notification marks it read and leads to the proposal.
      await clickAndLoad(a, returnedCard.getByRole("button", { name: returned }));
      expect(new URL(a.url()).pathname).toBe(proposalPath);
      await checkPage(author, "proposal page (from the notification)");

      await clickAndLoad(a, main(author).getByRole("link", { name: "Редактировать" }));
      await checkPage(author, "edit returned proposal");
      expect(await main(author).textContent()).toContain("Модератор вернул предложение на доработку.");
      await a.getByLabel("Запрашиваемая сумма, ₽").fill("380000");
      await clickAndLoad(a, main(author).getByRole("button", { name: "Отправить на модерацию" }));
      await checkPage(author, "proposal page (resubmitted)");
      expect(await main(author).textContent()).toContain("На модерации");
      expect(await main(author).locator("dl.meta").textContent()).toMatch(/380\s000/);

      // ——— The moderator publishes ———
      await m.goto("/moderation");
      await checkPage(moderator, "moderation queue (resubmitted)");
      item = queueItem(moderator, title);
      await expect(item.count()).resolves.toBe(1);
      decision = decisionForm(moderator, title);
      await decision.getByLabel("Действие").selectOption({ label: "Опубликовать" });
      await clickAndLoad(m, decision.getByRole("button", { name: "Принять решение" }));
      await checkPage(moderator, "moderation queue after publishing");
      await expect(queueItem(moderator, title).count()).resolves.toBe(0);

      // ——— Another resident finds it, supports it and comments ———
      const commentText = `Поддерживаю, сквер очень нужен! (${suffix})`;
      await signIn(supporter, DEMO.resident, DEMO_PASSWORD);
      const r = supporter.page;
      await r.goto("/proposals");
      await checkPage(supporter, "proposals list (with the new one)");
      await clickAndLoad(r, main(supporter).getByRole("link", { name: title }));
      await checkPage(supporter, "published proposal");
      expect(new URL(r.url()).pathname).toBe(proposalPath);
      expect(await main(supporter).textContent()).toContain("Опубликовано");
      expect(await main(supporter).locator("#support").textContent()).toContain("Поддержали: 0");
      // Not the author's or the moderators' page: no history.
      await expect(main(supporter).locator("ol.history").count()).resolves.toBe(0);
      await clickAndLoad(r, main(supporter).locator("#support").getByRole("button", { name: "Поддержать" }));
      await checkPage(supporter, "published proposal after support");
      expect(await main(supporter).locator("#support").textContent()).toContain("Поддержали: 1");
      expect(await main(supporter).locator("#support").textContent()).toContain("Вы поддержали это предложение.");
      await expect(main(supporter).locator("#support").getByRole("button", { name: "Отозвать поддержку" }).count()).resolves.toBe(1);
      await checkPhone(supporter, "published proposal");

      await r.getByLabel("Ваш комментарий").fill(commentText);
      await clickAndLoad(r, main(supporter).getByRole("button", { name: "Отправить комментарий" }));
      await checkPage(supporter, "published proposal after the comment");
      expect(await main(supporter).locator("#comments-heading").textContent()).toBe("Обсуждение (1)");
      const comment = main(supporter).locator("article.comment", { hasText: commentText });
      await expect(comment.count()).resolves.toBe(1);
      expect(await comment.locator(".comment__author").textContent()).toBe("Мария Иванова");

      // ——— The author finds every step in the notifications and the mail ———
      const published = `Ваше предложение «${title}» опубликовано`;
      const supported = `Мария Иванова поддерживает ваше предложение «${title}»`;
      const commented = `Мария Иванова комментирует ваше предложение «${title}»`;
      await a.goto("/me/notifications");
      await checkPage(author, "notifications (published, supported, commented)");
      await checkPhone(author, "notifications");
      const all = await headlines(author);
      expect(all).toEqual(expect.arrayContaining([published, supported, commented, returned]));
      // Newest first.
      expect(all.indexOf(commented)).toBeLessThan(all.indexOf(supported));
      expect(all.indexOf(supported)).toBeLessThan(all.indexOf(published));
      expect(all.indexOf(published)).toBeLessThan(all.indexOf(returned));
      expect(await main(author).locator("li.card", { hasText: commented }).textContent()).toContain(`«${commentText}»`);
      for (const subject of [published, supported, commented]) await waitForMail(authorEmail, subject);

      await a.goto("/dev/outbox");
      await checkPage(author, "development outbox");
      const mails = main(author).locator("article.card", { has: a.locator(".mail-to", { hasText: authorEmail }) });
      const subjects = await mails.locator("h2").allTextContents();
      for (const subject of [returned, published, supported, commented]) expect(subjects.some((x) => x.startsWith(subject)), subject).toBe(true);
    } finally {
      await Promise.all([author.close(), moderator.close(), supporter.close()]);
    }
  });
});
