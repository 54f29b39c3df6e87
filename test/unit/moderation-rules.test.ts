import { describe, expect, it } from "vitest";
import { translator } from "../../web/i18n";
import { formatWaiting, waitingFor } from "../../web/pages/moderation/format";
import { chooseReason, isPubliclyReadable, mayReport, queueActions, reportOutcome, staleReminderDue, thresholdReached } from "../../worker/moderation/rules";

const obj = (over: Record<string, unknown> = {}) => ({ organiserId: "org", authorId: "a", label: "x", url: "/x", state: "published", hidden: false, actions: ["hide" as const], ...over });
const person = (id: string, roles: { role: "moderator" | "platform_admin"; scope: string; organiserId: string | null }[] = []) => ({
  id,
  emailConfirmed: true,
  roles: roles.map((r) => ({ id: "g", competitionId: null, ...r })),
});

describe("moderation rules", () => {
  it("the threshold counts distinct reporters: hidden at, not before", () => {
    expect(thresholdReached(2, 3)).toBe(false);
    expect(thresholdReached(3, 3)).toBe(true);
    expect(thresholdReached(4, 3)).toBe(true);
    expect(thresholdReached(1, 1)).toBe(true);
  });

  it("reports are upheld when the object is taken down or sent back, dismissed otherwise", () => {
    expect(["hide", "reject", "return"].map((a) => reportOutcome(a as never))).toEqual(["upheld", "upheld", "upheld"]);
    expect(["restore", "publish", "dismiss", "archive"].map((a) => reportOutcome(a as never))).toEqual(["dismissed", "dismissed", "dismissed", "dismissed"]);
  });

  it("typed text wins over a template; a template fills an empty reason; nothing gives null", () => {
    expect(chooseReason("  Своя причина ", "Шаблон")).toBe("Своя причина");
    expect(chooseReason("   ", "Шаблон")).toBe("Шаблон");
    expect(chooseReason(undefined, "Шаблон")).toBe("Шаблон");
    expect(chooseReason("", null)).toBeNull();
  });

  it("one may report what one can see: public, one's own, or as its moderator", () => {
    expect(isPubliclyReadable(obj())).toBe(true);
    expect(isPubliclyReadable(obj({ hidden: true }))).toBe(false);
    expect(isPubliclyReadable(obj({ state: "submitted" }))).toBe(false);
    expect(isPubliclyReadable(obj({ public: false }))).toBe(false);
    expect(mayReport(obj({ state: "draft" }), person("b"))).toBe(false);
    expect(mayReport(obj({ state: "draft" }), person("a"))).toBe(true);
    expect(mayReport(obj({ hidden: true }), person("m", [{ role: "moderator", scope: "org", organiserId: "org" }]))).toBe(true);
    expect(mayReport(obj({ hidden: true }), person("m", [{ role: "moderator", scope: "other", organiserId: "other" }]))).toBe(false);
  });

  it("dismiss is offered for reports on an object still up, and for a vanished object", () => {
    expect(queueActions({ kind: "reports" }, obj())).toEqual(["hide", "dismiss"]);
    expect(queueActions({ kind: "reports" }, obj({ hidden: true, actions: ["restore"] }))).toEqual(["restore"]);
    expect(queueActions({ kind: "review" }, obj({ actions: ["publish"] }))).toEqual(["publish"]);
    expect(queueActions({ kind: "review" }, null)).toEqual(["dismiss"]);
  });

  it("a reminder is due once the oldest item waited the period, and not again within it", () => {
    const h = 3600_000;
    expect(staleReminderDue({ oldestOpenAt: null, staleAfterHours: 2, lastReminderAt: null }, 10 * h)).toBe(false);
    expect(staleReminderDue({ oldestOpenAt: 9 * h, staleAfterHours: 2, lastReminderAt: null }, 10 * h)).toBe(false);
    expect(staleReminderDue({ oldestOpenAt: 8 * h, staleAfterHours: 2, lastReminderAt: null }, 10 * h)).toBe(true);
    expect(staleReminderDue({ oldestOpenAt: 0, staleAfterHours: 2, lastReminderAt: 9 * h }, 10 * h)).toBe(false);
    expect(staleReminderDue({ oldestOpenAt: 0, staleAfterHours: 2, lastReminderAt: 8 * h }, 10 * h)).toBe(true);
  });

  it("ages in the largest whole unit, with Russian plural forms", () => {
    expect(waitingFor(59 * 60_000)).toEqual({ unit: "minutes", n: 59 });
    expect(waitingFor(23 * 3600_000 + 59 * 60_000)).toEqual({ unit: "hours", n: 23 });
    expect(waitingFor(3 * 86400_000 + 5 * 3600_000)).toEqual({ unit: "days", n: 3 });
    expect(waitingFor(-5)).toEqual({ unit: "minutes", n: 0 });
    const ru = translator("ru");
    const day = 86400_000;
    expect([1, 3, 5, 11, 21, 22].map((n) => formatWaiting(ru, "ru", n * day))).toEqual(["ждёт 1 день", "ждёт 3 дня", "ждёт 5 дней", "ждёт 11 дней", "ждёт 21 день", "ждёт 22 дня"]);
    expect(formatWaiting(ru, "ru", 2 * 3600_000)).toBe("ждёт 2 часа");
    expect(formatWaiting(translator("en"), "en", 1 * day)).toBe("waiting 1 day");
    expect(formatWaiting(translator("en"), "en", 2 * 60_000)).toBe("waiting 2 minutes");
  });
});
