import { describe, expect, it } from "vitest";
import { linkify } from "../../web/pages/comments/linkify";

const links = (text: string) => linkify(text).filter((s) => s.kind === "link").map((s) => (s as { href: string }).href);
const joined = (text: string) => linkify(text).map((s) => s.text).join("");

describe("linkify: plain text into text and link segments", () => {
  it("text without addresses is one text segment, unchanged", () => {
    expect(linkify("Предлагаю благоустроить двор.\nВторая строка")).toEqual([{ kind: "text", text: "Предлагаю благоустроить двор.\nВторая строка" }]);
    expect(linkify("")).toEqual([]);
  });

  it("http and https addresses become links; the text around them stays", () => {
    expect(linkify("См. https://mag.ru/rezolyutsiya и http://example.com/a?b=1&c=2 тоже")).toEqual([
      { kind: "text", text: "См. " },
      { kind: "link", text: "https://mag.ru/rezolyutsiya", href: "https://mag.ru/rezolyutsiya" },
      { kind: "text", text: " и " },
      { kind: "link", text: "http://example.com/a?b=1&c=2", href: "http://example.com/a?b=1&c=2" },
      { kind: "text", text: " тоже" },
    ]);
  });

  it("trailing punctuation ends the sentence, not the address", () => {
    expect(links("Подробнее: https://nsk.ru/doc.")).toEqual(["https://nsk.ru/doc"]);
    expect(links("(см. https://nsk.ru/doc), а также https://nsk.ru/x!")).toEqual(["https://nsk.ru/doc", "https://nsk.ru/x"]);
    expect(links("https://nsk.ru/a?, https://nsk.ru/b;")).toEqual(["https://nsk.ru/a", "https://nsk.ru/b"]);
    expect(links("«https://nsk.ru/quoted»")).toEqual(["https://nsk.ru/quoted"]);
    expect(links("ссылка https://nsk.ru/x…")).toEqual(["https://nsk.ru/x"]);
  });

  it("a bracket opened inside the address stays part of it", () => {
    expect(links("https://ru.wikipedia.org/wiki/ТОС_(самоуправление)")).toEqual(["https://ru.wikipedia.org/wiki/ТОС_(самоуправление)"]);
    expect(links("(https://ru.wikipedia.org/wiki/A_(b))")).toEqual(["https://ru.wikipedia.org/wiki/A_(b)"]);
  });

  it("javascript:, data:, ftp: and other schemes are never links", () => {
    for (const t of ["javascript:alert(1)", "JAVASCRIPT:alert(document.cookie)", "data:text/html;base64,PHNjcmlwdD4=", "ftp://files.example.com/x", "vbscript:msgbox", "//evil.example.com"]) {
      expect(links(t), t).toEqual([]);
      expect(joined(t)).toBe(t);
    }
    // An http address after a javascript: prefix is linked on its own, without the prefix.
    expect(links("javascript:alert(1)//http://x.ru")).toEqual(["http://x.ru"]);
    expect(links("javascript:alert(1) http://x.ru")).toEqual(["http://x.ru"]);
    expect(linkify("javascript:alert(1)//http://x.ru")[0]).toEqual({ kind: "text", text: "javascript:alert(1)//" });
  });

  it("HTML payloads stay text; quotes and angle brackets end an address, so no attribute can be broken out of", () => {
    const payload = `<script>alert(1)</script><img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>`;
    expect(linkify(payload)).toEqual([{ kind: "text", text: payload }]);
    expect(links(`https://a.ru/"onmouseover="alert(1)`)).toEqual(["https://a.ru/"]);
    expect(links(`https://a.ru/<script>`)).toEqual(["https://a.ru/"]);
    expect(links(`https://a.ru/'x`)).toEqual(["https://a.ru/"]);
    expect(joined(`x https://a.ru/"><b>y</b>`)).toBe(`x https://a.ru/"><b>y</b>`);
  });

  it("an address glued to a word, or without a host, is not linked", () => {
    expect(links("xhttp://a.ru")).toEqual([]);
    expect(links("http://")).toEqual([]);
    expect(links("https://.")).toEqual([]);
  });

  it("segments always put the whole text back together", () => {
    const t = "а https://a.ru/x. б (http://b.ru) в https://c.ru/(d) г\n https://e.ru";
    expect(joined(t)).toBe(t);
    expect(links(t)).toEqual(["https://a.ru/x", "http://b.ru", "https://c.ru/(d)", "https://e.ru"]);
  });
});
