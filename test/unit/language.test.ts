import { describe, expect, it } from "vitest";
import { en } from "../../web/i18n/en";
import { pickLocale, translate } from "../../web/i18n";
import { ru } from "../../web/i18n/ru";

describe("pickLocale", () => {
  it.each([
    [undefined, undefined, "ru", "nothing said: Russian"],
    [undefined, "", "ru", "empty header"],
    [undefined, "en", "en", "plain en"],
    [undefined, "en-GB,en;q=0.9", "en", "region subtag"],
    [undefined, "EN-us", "en", "upper case"],
    [undefined, "de-DE,de;q=0.9,en;q=0.8,ru;q=0.7", "en", "first supported by q-value"],
    [undefined, "ru;q=0.5, en;q=0.9", "en", "higher q wins even when listed later"],
    [undefined, "en;q=0.3, ru", "ru", "missing q means 1"],
    [undefined, "en;q=0, de", "ru", "q=0 means not acceptable"],
    [undefined, "fr-FR, de;q=0.8", "ru", "nothing supported: Russian"],
    [undefined, "*", "ru", "wildcard"],
    [undefined, "en ; q=0.8 , ru ; q=0.9", "ru", "spaces around separators"],
    [undefined, "enm, en;q=0.1", "en", "a longer language code is not its prefix (Middle English is not English)"],
    [undefined, "rue, en;q=0.5", "en", "Rusyn is not Russian"],
    ["en", "ru", "en", "cookie wins over the header"],
    ["ru", "en", "ru", "cookie wins over the header"],
    ["de", "en", "en", "an unknown cookie value is ignored"],
    ["EN", "ru", "ru", "cookie values are exact"],
  ] as [string | undefined, string | undefined, string, string][])("cookie %j, Accept-Language %j → %s (%s)", (cookie, header, expected) => {
    expect(pickLocale(cookie, header)).toBe(expected);
  });
});

describe("catalogues", () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("English has every Russian key and no others", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
  });

  it.each(Object.keys(ru))("%s: same {placeholders} in both languages, and a non-empty text", (key) => {
    const r = (ru as Record<string, string>)[key];
    const e = (en as Record<string, string>)[key];
    expect(e, `en lacks ${key}`).toBeTypeOf("string");
    expect(e.trim().length).toBeGreaterThan(0);
    expect(placeholders(e)).toEqual(placeholders(r));
  });

  it("translate fills placeholders and leaves unknown ones visible", () => {
    expect(translate("ru", "field.tooShort", { min: 3 })).toBe("Слишком коротко: нужно не меньше 3 символов");
    expect(translate("en", "field.tooShort", { min: 3 })).toContain("3");
    expect(translate("en", "field.tooShort")).toContain("{min}");
  });
});
