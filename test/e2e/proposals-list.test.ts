// The public list of proposals with the keyboard only: Tab to the filter form's fields, choose the
// theme and the sort with the arrow keys, type the city, Enter on «Показать»; then Tab to the
// "next page" link and Enter. Focus is visible on every stop; the filters survive the page turn.
// The stage — 22 published proposals in a city of their own, three of them supported — is set
// through the API, so the counts are exact whatever else the database holds.
import { afterAll, describe, expect, it } from "vitest";
import { activeElement, api, checkPage, checkPhone, completeProposal, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, publishedProposals, signIn, type Session } from "./harness.ts";

afterAll(() => disconnectBrowser());

type Focused = NonNullable<Awaited<ReturnType<typeof activeElement>>>;
const expectFocusVisible = (f: Focused, what: string) => {
  expect.soft(f.outlineStyle, `${what}: focus outline`).not.toBe("none");
  expect.soft(parseFloat(f.outlineWidth), `${what}: focus outline width`).toBeGreaterThanOrEqual(2);
};
const name = (f: Focused) => (f.id ? `#${f.id}` : f.href ? `a[href="${f.href}"]` : `${f.tag} «${f.text}»`);

/** Presses Tab until `until` holds for the focused element (at most `max` presses), checking each stop's focus ring. */
async function tabTo(s: Session, until: (f: Focused) => boolean, max = 60): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await s.page.keyboard.press("Tab");
    const f = await activeElement(s.page);
    expect(f, "something has focus").not.toBeNull();
    expectFocusVisible(f!, name(f!));
    if (until(f!)) return f!;
  }
  throw new Error(`not reached in ${max} Tab presses`);
}

/** With a select focused: the arrow key until the option `label` is chosen, as a keyboard user would. */
async function arrowToOption(s: Session, selectId: string, label: string) {
  const chosen = () => s.page.locator(`#${selectId}`).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? "");
  for (let i = 0; i < 30 && (await chosen()) !== label; i++) await s.page.keyboard.press("ArrowDown");
  expect(await chosen()).toBe(label);
}

const cards = (s: Session) => s.page.locator("main ul.cards > li");
const cardTitles = (s: Session) => s.page.locator("main ul.cards > li h2").allTextContents();

describe("proposals list", () => {
  it("filters by theme and city, sorts by support and turns the page — keyboard only", async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const city = `Тестоград-${suffix}`;
    const author = await openSession();
    const moderator = await openSession();
    const resident = await openSession();
    const s = await openSession();
    try {
      await Promise.all([signIn(author, DEMO.nko, DEMO_PASSWORD), signIn(moderator, DEMO.moderator, DEMO_PASSWORD), signIn(resident, DEMO.resident, DEMO_PASSWORD)]);
      const sport = Array.from({ length: 21 }, (_, i) => ({ ...completeProposal(`Спортплощадка № ${String(i + 1).padStart(2, "0")} (${suffix})`), city, theme: "sport" }));
      const other = { ...completeProposal(`Фестиваль частушек (${suffix})`), city, theme: "culture" };
      const ids = await publishedProposals(author, moderator, [...sport, other]);
      // № 04 gets two supports, № 08 one: "most supported" puts them first.
      await api(moderator, "PUT", `/api/proposals/${ids[3]}/support`);
      await api(resident, "PUT", `/api/proposals/${ids[3]}/support`);
      await api(resident, "PUT", `/api/proposals/${ids[7]}/support`);
      await Promise.all([author.close(), moderator.close(), resident.close()]);

      const { page } = s;
      await page.goto("/proposals");
      await checkPage(s, "proposals list");
      await checkPhone(s, "proposals list");

      await tabTo(s, (f) => f.id === "q-theme");
      await arrowToOption(s, "q-theme", "Спорт");
      await tabTo(s, (f) => f.id === "q-city");
      await page.keyboard.type(city);
      await tabTo(s, (f) => f.id === "q-sort");
      await arrowToOption(s, "q-sort", "Больше всего поддержки");
      const button = await tabTo(s, (f) => f.tag === "button");
      expect(button.text).toBe("Показать");
      await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
      await checkPage(s, "filtered list, first page");
      const url = new URL(page.url());
      expect(url.pathname).toBe("/proposals");
      expect([url.searchParams.get("theme"), url.searchParams.get("city"), url.searchParams.get("sort")]).toEqual(["sport", city, "supported"]);

      await expect(cards(s).count()).resolves.toBe(20);
      const first = await cardTitles(s);
      expect(first.slice(0, 2)).toEqual([`Спортплощадка № 04 (${suffix})`, `Спортплощадка № 08 (${suffix})`]);
      expect(await cards(s).nth(0).textContent()).toContain("Поддержали: 2");
      for (const meta of await page.locator("main ul.cards > li .meta-line:first-of-type").allTextContents()) {
        expect(meta).toContain("Спорт");
        expect(meta).toContain(city);
      }
      expect(first.join("\n")).not.toContain("Фестиваль частушек");

      const next = await tabTo(s, (f) => f.text === "Следующая страница");
      expect(next.href).toContain("after=");
      await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
      await checkPage(s, "filtered list, second page");
      const second = await cardTitles(s);
      expect(second).toHaveLength(1);
      // Every one of the 21 exactly once over the two pages.
      expect(new Set([...first, ...second]).size).toBe(21);
      // The form shows the filters the page was made with.
      await expect(page.locator("#q-theme").inputValue()).resolves.toBe("sport");
      await expect(page.locator("#q-city").inputValue()).resolves.toBe(city);
      await expect(page.locator("#q-sort").inputValue()).resolves.toBe("supported");
      await expect(page.locator("main nav.pagination a[rel=next]").count()).resolves.toBe(0);
      await expect(page.locator("main nav.pagination").getByRole("link", { name: "В начало" }).count()).resolves.toBe(1);
      await checkPhone(s, "filtered list, second page");
    } finally {
      await Promise.all([author.close(), moderator.close(), resident.close(), s.close()]);
    }
  });
});
