import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { highlight, snippet } from "../../worker/library/highlight";
import { queryStems } from "../../worker/library/stemming";
import { Highlighted } from "../../web/pages/library/Highlighted";

const terms = queryStems("детская площадка");
const marked = (pieces: { text: string; mark?: true }[]) => pieces.filter((p) => p.mark).map((p) => p.text);

describe("highlight", () => {
  it("marks every form of the query's words, keeps the rest as text, loses nothing", () => {
    const text = "Детские площадки: 12 площадок, у каждой площадки — скамейки. Детский сад рядом.";
    const pieces = highlight(text, terms);
    expect(pieces.map((p) => p.text).join("")).toBe(text);
    expect(marked(pieces)).toEqual(["Детские", "площадки", "площадок", "площадки", "Детский"]);
  });
  it("without terms the text is one unmarked piece; empty text no pieces", () => {
    expect(highlight("Текст", [])).toEqual([{ text: "Текст" }]);
    expect(highlight("", terms)).toEqual([]);
  });
});

describe("snippet", () => {
  const long = `${"Вводные слова о городе. ".repeat(30)}Построили 12 детских площадок во дворах. ${"Заключительные слова. ".repeat(30)}`;
  it("cuts around the first match, at word boundaries, with ellipses", () => {
    const pieces = snippet(["", long], terms);
    const text = pieces.map((p) => p.text).join("");
    expect(text.startsWith("…")).toBe(true);
    expect(text.endsWith("…")).toBe(true);
    expect(text.length).toBeLessThanOrEqual(250);
    expect(marked(pieces)).toEqual(["детских", "площадок"]);
    expect(text).not.toMatch(/…\S*[а-я]…/); // no word cut in half at the start
    expect(text).toMatch(/^…[А-ЯЁа-яё]/);
  });
  it("takes the first text that matches, else the beginning of the first non-empty one", () => {
    expect(marked(snippet(["Про скверы.", "Про детские площадки."], terms))).toEqual(["детские", "площадки"]);
    expect(snippet(["", "Про скверы."], terms)).toEqual([{ text: "Про скверы." }]);
    expect(snippet(["", "  "], terms)).toEqual([]);
  });
});

describe("Highlighted", () => {
  it("renders marks as elements and the text escaped — never markup from the text", () => {
    const pieces = highlight(`<img src=x onerror=alert(1)> детская площадка`, terms);
    const html = renderToString(h(Highlighted, { pieces }));
    expect(html).toBe("&lt;img src=x onerror=alert(1)> <mark>детская</mark> <mark>площадка</mark>");
  });
});
