import { describe, expect, it } from "vitest";
import { notificationsEn, notificationsRu } from "../../web/i18n/notifications";
import { PROPOSAL_ACTIONS } from "../../worker/proposals/lifecycle";
import { renderNote, renderNoteMail } from "../../worker/notifications/messages";
import { NOTIFICATION_KINDS } from "../../worker/notifications/schema";

const CYRILLIC = /[А-Яа-яЁё]/;
const SAMPLE: Record<(typeof NOTIFICATION_KINDS)[number], Record<string, string | number>> = {
  // The shapes the notifying modules send (proposals/moderation.ts, comments/service.ts, moderation/*).
  proposal_status: { title: "Сквер на Ленина", status: "returned", reason: "Добавьте смету" },
  proposal_comment: { title: "Сквер на Ленина", name: "Ирина", excerpt: "Согласна, нужна смета" },
  proposal_support: { title: "Сквер на Ленина", name: "Ирина" },
  comment_reply: { title: "Сквер на Ленина", name: "Ирина", excerpt: "Согласна, нужна смета" },
  report_decided: { label: "Сквер на Ленина", decision: "hide" },
  queue_stale: { organiser: "МАГ", count: 4 },
  remark_reply: { title: "Сквер на Ленина", name: "Ирина", excerpt: "Согласна с замечанием" },
  remark_disposition: { title: "Сквер на Ленина", disposition: "partly", reason: "Учтено в пункте 2.1" },
  entry_status: { title: "Двор без барьеров", competition: "Город, где хочется жить", status: "rejected", reason: "Практика не завершена" },
  expert_assignment: { title: "Город, где хочется жить", count: 12 },
  competition_result: { title: "Двор без барьеров", competition: "Город, где хочется жить", nomination: "Комфортная среда", rank: 1, winner: 1 },
};

describe("rendering every kind", () => {
  it.each(NOTIFICATION_KINDS.flatMap((kind) => [{ kind, locale: "ru" as const }, { kind, locale: "en" as const }]))("$kind in $locale: a sentence in that language with the parameters filled in", ({ kind, locale }) => {
    const note = renderNote(locale, kind, SAMPLE[kind]);
    expect(note.headline).not.toMatch(/\{\w+\}/);
    expect(note.headline).not.toContain("notifications.");
    if (locale === "ru") expect(note.headline).toMatch(CYRILLIC);
    else expect(note.headline.replace(/Сквер на Ленина|Ирина|МАГ|Двор без барьеров|Город, где хочется жить|Комфортная среда/g, "")).not.toMatch(CYRILLIC);
    for (const v of Object.values(SAMPLE[kind]).filter((v) => typeof v === "string" && !["returned", "hide", "partly", "rejected"].includes(v as string))) {
      expect([note.headline, ...note.details].join("\n")).toContain(String(v));
    }
  });

  it("every proposal action has its own sentence; a state names its move; anything unknown a general one", () => {
    const lines = PROPOSAL_ACTIONS.map((action) => renderNote("ru", "proposal_status", { title: "T", action }).headline);
    expect(new Set(lines).size).toBe(PROPOSAL_ACTIONS.length);
    expect(renderNote("ru", "proposal_status", { title: "T", action: "publish" }).headline).toBe("Ваше предложение «T» опубликовано");
    expect(renderNote("en", "proposal_status", { title: "T", action: "return" }).headline).toBe("Your proposal “T” was returned for changes");
    const byStatus = { published: "опубликовано", returned: "возвращено на доработку", rejected: "отклонено", archived: "перенесено в архив", withdrawn: "отозвано", hidden: "скрыто модератором", submitted: "отправлено на модерацию" };
    for (const [status, words] of Object.entries(byStatus)) expect(renderNote("ru", "proposal_status", { title: "T", status, reason: "" }).headline).toBe(`Ваше предложение «T» ${words}`);
    expect(renderNote("ru", "proposal_status", { title: "T", action: "teleport" }).headline).toBe("Статус вашего предложения «T» изменился");
    expect(renderNote("ru", "proposal_status", { title: "T", status: "draft" }).headline).toBe("Статус вашего предложения «T» изменился");
  });

  it("each disposition of a remark has its own sentence, and the reason follows it", () => {
    const lines = ["accepted", "partly", "rejected", "out_of_scope", "unknown"].map((disposition) => renderNote("ru", "remark_disposition", { title: "T", disposition }).headline);
    expect(new Set(lines).size).toBe(5);
    expect(lines[1]).toBe("Ваше замечание к проекту «T» учтено частично");
    expect(renderNote("en", "remark_disposition", { title: "T", disposition: "rejected", reason: "Дублирует п. 3" }).details).toEqual(["Reason: Дублирует п. 3"]);
  });

  it("a report: decisions that take the object down uphold it, the others dismiss it", () => {
    for (const decision of ["hide", "reject", "return"]) expect(renderNote("ru", "report_decided", { label: "T", decision }).headline).toBe("Ваша жалоба на «T» рассмотрена: меры приняты");
    for (const decision of ["publish", "restore", "dismiss", "archive"]) expect(renderNote("en", "report_decided", { label: "T", decision }).headline).toBe("Your report on “T” was decided: no violation found");
    expect(renderNote("ru", "report_decided", { title: "T", outcome: "upheld" }).headline).toBe("Ваша жалоба на «T» рассмотрена: меры приняты");
    expect(renderNote("ru", "report_decided", { label: "T" }).headline).toBe("Ваша жалоба на «T» рассмотрена");
  });

  it("a queue reminder with and without the age limit", () => {
    expect(renderNote("ru", "queue_stale", { organiser: "Мэрия", count: 3, hours: 24 }).headline).toBe("Очередь модерации «Мэрия»: ждут решения дольше 24 ч — 3");
    expect(renderNote("en", "queue_stale", { organiser: "City hall", count: 3 }).headline).toBe("Moderation queue of City hall: waiting longer than the set time — 3");
  });

  it("a reason becomes a detail line, in the reader's language", () => {
    expect(renderNote("ru", "proposal_status", SAMPLE.proposal_status).details).toEqual(["Причина: Добавьте смету"]);
    expect(renderNote("en", "proposal_status", SAMPLE.proposal_status).details).toEqual(["Reason: Добавьте смету"]);
    expect(renderNote("ru", "proposal_status", { title: "T", status: "published", reason: "" }).details).toEqual([]);
  });

  it("parameters are text: braces in them are not filled in again, line breaks cannot reach one line, long ones are cut", () => {
    const note = renderNote("ru", "comment_reply", { title: "{author}\r\nBcc: victim@example.ru", name: "<b>Пётр</b>" });
    expect(note.headline).toBe("<b>Пётр</b> отвечает на ваш комментарий к «{author} Bcc: victim@example.ru»");
    const long = renderNote("ru", "proposal_status", { title: "я".repeat(1000), action: "publish" }).headline;
    expect(long.length).toBeLessThan(220);
    expect(long).toContain("…");
  });

  it("a support without a name is still a sentence", () => {
    expect(renderNote("ru", "proposal_support", { title: "T" }).headline).toBe("Ваше предложение «T» поддержали");
    expect(renderNote("en", "proposal_support", { title: "T", author: "Ann" }).headline).toBe("Ann supported your proposal “T”");
  });

  it("missing parameters do not break the sentence", () => {
    expect(renderNote("ru", "queue_stale", {}).headline).toBe("Очередь модерации «»: ждут решения дольше установленного срока — 0");
  });

  it("both catalogues have the same keys (a message for every kind in both languages)", () => {
    expect(Object.keys(notificationsEn).sort()).toEqual(Object.keys(notificationsRu).sort());
    for (const kind of NOTIFICATION_KINDS) expect(notificationsRu).toHaveProperty(`notifications.kind.${kind}`);
  });
});

describe("the e-mail copy", () => {
  it("plain text in the recipient's language with a full link and the settings link; the subject is one line", () => {
    const ru = renderNoteMail("ru", "proposal_status", { title: "Сквер\nBcc: x@y.ru", action: "reject", reason: "<script>alert(1)</script>" }, "/proposals/p1", "https://uchastie.example/");
    expect(ru.subject).toBe("Ваше предложение «Сквер Bcc: x@y.ru» отклонено — Участие");
    expect(ru.subject).not.toMatch(/[\r\n]/);
    expect(ru.text).toContain("Причина: <script>alert(1)</script>");
    expect(ru.text).not.toContain("&lt;");
    expect(ru.text).toContain("\nhttps://uchastie.example/proposals/p1\n");
    expect(ru.text).toContain("https://uchastie.example/me/notifications#prefs");
    const en = renderNoteMail("en", "comment_reply", SAMPLE.comment_reply, "/proposals/p1#c-1", "http://localhost:8787");
    expect(en.subject).toBe("Ирина replied to your comment on “Сквер на Ленина” — Uchastie");
    expect(en.text).toContain("Open on the portal:\nhttp://localhost:8787/proposals/p1#c-1");
  });

  it("a stored address that is not a path on the portal is never mailed as a link", () => {
    for (const url of ["https://evil.example/x", "//evil.example", "javascript:alert(1)"]) {
      const m = renderNoteMail("ru", "proposal_status", SAMPLE.proposal_status, url, "https://uchastie.example");
      expect(m.text).not.toContain("evil");
      expect(m.text).not.toContain("javascript");
      expect(m.text).toContain("https://uchastie.example/me/notifications\n");
    }
  });
});
