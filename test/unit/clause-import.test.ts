// Uploaded drafts: .txt (UTF-8, windows-1251, UTF-16), .md, .docx built here with fflate, and the refusals.
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parseClauses } from "../../worker/consultations/parser/clauses";
import { IMPORT_LIMITS, textFromUpload } from "../../worker/consultations/parser/import";

const utf8 = (s: string) => new TextEncoder().encode(s);
const textOf = (r: ReturnType<typeof textFromUpload>) => {
  if ("error" in r) throw new Error(`refused: ${r.error}`);
  return r.text;
};

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
/** A .docx as Word writes it, reduced to the parts the reader looks at. */
function docx(body: string, numbering?: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "word/document.xml": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}<w:sectPr><w:pgSz w:w="11906"/></w:sectPr></w:body></w:document>`),
    ...extra,
  };
  if (numbering) files["word/numbering.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>${numbering}</w:numbering>`);
  return zipSync(files);
}
const run = (text: string) => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
const listPara = (numId: number, ilvl: number, text: string) =>
  `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${run(text)}</w:p>`;
/** A decimal list «1.», «1.1.» (numId 1) and a bullet list (numId 2). */
const NUMBERING =
  '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>' +
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>' +
  '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl></w:abstractNum>' +
  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>';

describe("textFromUpload: .txt", () => {
  it("reads UTF-8, with or without a byte-order mark", () => {
    expect(textFromUpload("резолюция.txt", utf8("1. Мэрии города Новосибирска:\r\n1.1. Провести конкурс."))).toEqual({ text: "1. Мэрии города Новосибирска:\n1.1. Провести конкурс." });
    expect(textOf(textFromUpload("a.TXT", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Решение")])))).toBe("Решение");
  });

  it("reads an old windows-1251 file (not valid UTF-8) as Cyrillic", () => {
    // "1. Мэрии города Новосибирска: «Ёлка» – №1" encoded as cp1251 by Python's codec.
    const cp1251 = "31 2e 20 cc fd f0 e8 e8 20 e3 ee f0 ee e4 e0 20 cd ee e2 ee f1 e8 e1 e8 f0 f1 ea e0 3a 20 ab a8 eb ea e0 bb 20 96 20 b9 31";
    const bytes = new Uint8Array(cp1251.split(" ").map((h) => parseInt(h, 16)));
    expect(textFromUpload("old.txt", bytes)).toEqual({ text: "1. Мэрии города Новосибирска: «Ёлка» – №1" });
  });

  it("reads UTF-16 with its byte-order mark", () => {
    const s = "2.1. Провести";
    const le = new Uint8Array(2 + s.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) le.set([s.charCodeAt(i) & 0xff, s.charCodeAt(i) >> 8], 2 + i * 2);
    expect(textFromUpload("u16.txt", le)).toEqual({ text: s });
  });

  it("refuses a binary file named .txt", () => {
    expect(textFromUpload("scan.txt", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0x10]))).toEqual({ error: "encoding" });
  });
});

describe("textFromUpload: .md", () => {
  it("keeps the text and drops the markup", () => {
    const md = [
      "# Резолюция форума «Активный город»",
      "",
      "## Участники секции «Город соседей» РЕКОМЕНДУЮТ:",
      "",
      "1. **Мэрии** города _Новосибирска_, [Экспертному совету](https://example.org) по развитию `ТОС`:",
      "   * провести *конкурс* проектов;",
      "   + обучить активистов\\.",
      "> Контроль за исполнением возложить на мэрию.",
      "snake_case_name остаётся",
    ].join("\n");
    expect(textOf(textFromUpload("draft.md", utf8(md))).split("\n")).toEqual([
      "Резолюция форума «Активный город»",
      "",
      "Участники секции «Город соседей» РЕКОМЕНДУЮТ:",
      "",
      "1. Мэрии города Новосибирска, Экспертному совету по развитию ТОС:",
      "   - провести конкурс проектов;",
      "   - обучить активистов.",
      "Контроль за исполнением возложить на мэрию.",
      "snake_case_name остаётся",
    ]);
  });

  it("gives the parser what it needs: a heading, a clause and its items", () => {
    const text = textOf(textFromUpload("draft.markdown", utf8("## СОВЕТ РЕКОМЕНДУЕТ:\n\n1. **Мэрии**:\n- провести конкурс")));
    expect(parseClauses(text).map((c) => [c.kind, c.number, c.depth, c.text])).toEqual([
      ["heading", "", 0, "СОВЕТ РЕКОМЕНДУЕТ:"],
      ["clause", "1", 0, "Мэрии:"],
      ["item", "", 1, "провести конкурс"],
    ]);
  });
});

describe("textFromUpload: .docx", () => {
  it("reads paragraphs and runs, tabs as spaces, breaks as new lines, and XML entities", () => {
    const body =
      `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${run("Резолюция ")}${run("форума «Активный город»")}</w:p>` +
      `<w:p/>` +
      `<w:p><w:r><w:t>1.</w:t></w:r><w:r><w:tab/><w:t>Мэрии &amp; Совету депутатов &lt;города&gt;</w:t></w:r><w:r><w:t xml:space="preserve">: </w:t></w:r></w:p>` +
      `<w:p><w:r><w:t>строка</w:t><w:br/><w:t>вторая&#160;строка</w:t></w:r><w:del><w:r><w:delText>удалено</w:delText></w:r></w:del></w:p>` +
      `<w:tbl><w:tr><w:tc><w:p>${run("в таблице")}</w:p></w:tc></w:tr></w:tbl>`;
    expect(textOf(textFromUpload("резолюция.docx", docx(body))).split("\n")).toEqual([
      "Резолюция форума «Активный город»",
      "",
      "1. Мэрии & Совету депутатов <города>: ",
      "строка",
      "вторая\u00a0строка",
      "в таблице",
    ]);
  });

  it("gives Word's automatic numbering and bullets back to the text, so the parser finds the clauses", () => {
    const body =
      `<w:p>${run("Участники секции «Город соседей» РЕКОМЕНДУЮТ:")}</w:p>` +
      listPara(1, 0, "Мэрии города Новосибирска:") +
      listPara(1, 1, "Провести конкурс.") +
      listPara(2, 0, "среди ТОС;") +
      listPara(1, 1, "Обучить активистов.") +
      listPara(1, 0, "Активу ТОС:") +
      listPara(1, 1, "Привлекать молодежь.");
    const text = textOf(textFromUpload("r.docx", docx(body, NUMBERING)));
    expect(text.split("\n")).toEqual([
      "Участники секции «Город соседей» РЕКОМЕНДУЮТ:",
      "1. Мэрии города Новосибирска:",
      "1.1. Провести конкурс.",
      "- среди ТОС;",
      "1.2. Обучить активистов.",
      "2. Активу ТОС:",
      "2.1. Привлекать молодежь.",
    ]);
    expect(parseClauses(text).map((c) => c.number || c.kind)).toEqual(["heading", "1", "1.1", "item", "1.2", "2", "2.1"]);
  });

  it("draws a list it has no numbering for as bullets", () => {
    expect(textOf(textFromUpload("r.docx", docx(listPara(7, 0, "пункт"))))).toBe("- пункт");
  });

  it("refuses a file that is not a zip, and a zip without word/document.xml", () => {
    expect(textFromUpload("r.docx", utf8("это не docx"))).toEqual({ error: "docx" });
    expect(textFromUpload("r.docx", zipSync({ "content.xml": strToU8("<office:document/>") }))).toEqual({ error: "docx" });
  });

  it("refuses a document without text", () => {
    expect(textFromUpload("r.docx", docx("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>"))).toEqual({ error: "empty" });
  });

  it("refuses a part that inflates past the limit (a zip bomb) without inflating it", () => {
    const huge = new Uint8Array(IMPORT_LIMITS.docxPartBytes + 1).fill(0x20);
    const bomb = zipSync({ "word/document.xml": huge }, { level: 9 });
    expect(bomb.length).toBeLessThan(IMPORT_LIMITS.fileBytes);
    expect(textFromUpload("bomb.docx", bomb)).toEqual({ error: "size" });
  });
});

describe("textFromUpload: refusals", () => {
  it("refuses other types, by extension", () => {
    for (const name of ["resolution.doc", "resolution.pdf", "resolution.odt", "resolution", "txt", "a.txt.exe"]) {
      expect(textFromUpload(name, utf8("1. Пункт.")), name).toEqual({ error: "type" });
    }
  });

  it("refuses a file over 2 MB and a text over 300,000 characters", () => {
    expect(IMPORT_LIMITS.fileBytes).toBe(2 * 1024 * 1024);
    expect(textFromUpload("big.txt", new Uint8Array(IMPORT_LIMITS.fileBytes + 1).fill(0x41))).toEqual({ error: "size" });
    // 300,000 Cyrillic letters are 600,000 bytes: within the file limit, at the text limit.
    expect(textOf(textFromUpload("long.txt", utf8("а".repeat(IMPORT_LIMITS.textChars))))).toHaveLength(IMPORT_LIMITS.textChars);
    expect(textFromUpload("long.txt", utf8("а".repeat(IMPORT_LIMITS.textChars + 1)))).toEqual({ error: "size" });
  });

  it("refuses an empty file and one with only spaces", () => {
    expect(textFromUpload("empty.txt", new Uint8Array())).toEqual({ error: "empty" });
    expect(textFromUpload("blank.md", utf8("  \n\n\t"))).toEqual({ error: "empty" });
  });
});
