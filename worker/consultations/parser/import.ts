// An uploaded draft (.txt, .md, .docx) → its plain text, and plain text → clauses within the limits.
// Pure (bytes in, text out): the drafting part reads the upload and shows the error in the form.
//
// .docx is read with fflate (unzipSync, only the two parts needed) and a small regex walk over
// word/document.xml: paragraphs <w:p> with their <w:t> runs, <w:tab/> → space, <w:br/> → newline.
// Word's automatic numbering is not in the text, so numbered paragraphs (<w:numPr>) get their
// number back from word/numbering.xml («%1.%2.» → «2.1.»), and bulleted ones a «- », which is what
// the clause parser reads. (Numbering inherited from a paragraph style is not followed: rare in
// resolutions, and the organiser can renumber in the editor.)
import { unzipSync } from "fflate";
import type { DraftClause } from "../clause-types";
import { parseClauses } from "./clauses";
import { suggestAddressees } from "./addressees";

export const IMPORT_LIMITS = {
  /** An uploaded file, in bytes. */
  fileBytes: 2 * 1024 * 1024,
  /** The text of a draft, pasted or extracted from a file, in characters. */
  textChars: 300_000,
  /** Clauses one version may have. */
  clauses: 2_000,
  /** A part inside a .docx, once inflated: more than this is a zip bomb, not a resolution. */
  docxPartBytes: 20 * 1024 * 1024,
} as const;

export const IMPORT_TYPES = [".txt", ".md", ".docx"] as const;

/**
 * type: not .txt/.md/.docx; size: the file is over IMPORT_LIMITS.fileBytes or its text over
 * IMPORT_LIMITS.textChars; encoding: not text (NUL bytes, control characters); empty: no text;
 * docx: not a readable .docx (not a zip, or no word/document.xml).
 */
export type UploadError = "type" | "size" | "encoding" | "empty" | "docx";

export function textFromUpload(fileName: string, bytes: Uint8Array): { text: string } | { error: UploadError } {
  const ext = /\.[^.]+$/.exec(fileName.trim().toLowerCase())?.[0] ?? "";
  const kind = ext === ".txt" ? "txt" : ext === ".md" || ext === ".markdown" ? "md" : ext === ".docx" ? "docx" : null;
  if (kind === null) return { error: "type" };
  if (bytes.length > IMPORT_LIMITS.fileBytes) return { error: "size" };
  if (bytes.length === 0) return { error: "empty" };

  let text: string;
  if (kind === "docx") {
    const docx = docxText(bytes);
    if (typeof docx !== "string") return docx;
    text = docx;
  } else {
    const decoded = decodeText(bytes);
    if (decoded === null) return { error: "encoding" };
    text = kind === "md" ? stripMarkdown(decoded) : decoded;
  }
  text = text.replace(/\r\n?/g, "\n");
  if (text.trim() === "") return { error: "empty" };
  if (text.length > IMPORT_LIMITS.textChars) return { error: "size" };
  return { text };
}

/**
 * Pasted or extracted text → clauses with suggested addressees, refused when too long, empty, or
 * with more clauses than one version may have. The one function the drafting part calls.
 */
export function clausesFromText(text: string): { clauses: DraftClause[] } | { error: "empty" | "length" | "clauses" } {
  if (text.length > IMPORT_LIMITS.textChars) return { error: "length" };
  const clauses = parseClauses(text);
  if (clauses.length === 0) return { error: "empty" };
  if (clauses.length > IMPORT_LIMITS.clauses) return { error: "clauses" };
  return { clauses: suggestAddressees(clauses) };
}

// ---- plain text ----------------------------------------------------------------------------

/** windows-1251, 0x80–0xBF (0x98 is unassigned); 0xC0–0xFF are А–я in order. */
const CP1251_HIGH =
  "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\uFFFD™љ›њќћџ\u00A0ЎўЈ¤Ґ¦§Ё©Є«¬\u00AD®Ї°±Ііґµ¶·ё№є»јЅѕї";

function decodeCp1251(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : b < 0xc0 ? CP1251_HIGH[b - 0x80] : String.fromCharCode(0x410 + b - 0xc0);
  return out;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  let out = "";
  for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode(littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
  return out;
}

/**
 * UTF-8 (with or without BOM), UTF-16 with a BOM, and otherwise windows-1251 — old Russian documents
 * saved as «Текст DOS/Windows». Null when the result is not text (a binary file renamed .txt).
 */
export function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decodeUtf16(bytes, true);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decodeUtf16(bytes, false);
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = decodeCp1251(bytes);
    }
  }
  text = text.replace(/^\uFEFF/, "");
  // NUL, other C0 controls besides tab/newlines/form feed, or cp1251's unassigned byte.
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f\uFFFD]/g)?.length ?? 0;
  if (text.includes("\u0000") || controls > text.length / 100) return null;
  return text;
}

/** Markdown to the plain lines the parser reads: «# Заголовок» → «Заголовок», **жирный**, _курсив_, `код`, [ссылка](url). */
export function stripMarkdown(md: string): string {
  return md
    .split(/\r\n?|\n/)
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, "")
        .replace(/\s+#+\s*$/, "")
        .replace(/^\s{0,3}>\s?/, "")
        .replace(/^(\s*)[*+]\s+/, "$1- ")
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
        .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
        .replace(/(?<![\p{L}\p{N}*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, "$1")
        .replace(/(?<![\p{L}\p{N}_])_(?=\S)([^_]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, "$1")
        .replace(/`([^`]*)`/g, "$1")
        .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, "$1"),
    )
    .join("\n");
}

// ---- .docx ---------------------------------------------------------------------------------

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : XML_ENTITIES[e.toLowerCase()],
  );
const attr = (xml: string, tag: string) => new RegExp(`<w:${tag}\\b[^>]*\\bw:val="([^"]*)"`).exec(xml)?.[1];

interface ListLevel {
  decimal: boolean;
  text: string;
  start: number;
}

/** numbering.xml → for each numId, its levels' format («%1.%2.», decimal or not) and start. */
function readNumbering(xml: string): Map<string, ListLevel[]> {
  const abstracts = new Map<string, ListLevel[]>();
  for (const m of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels: ListLevel[] = [];
    for (const l of m[2].matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      const fmt = attr(l[2], "numFmt") ?? "decimal";
      levels[Number(l[1])] = { decimal: fmt === "decimal" || fmt === "decimalZero", text: unescapeXml(attr(l[2], "lvlText") ?? ""), start: Number(attr(l[2], "start") ?? 1) };
    }
    abstracts.set(m[1], levels);
  }
  const nums = new Map<string, ListLevel[]>();
  for (const m of xml.matchAll(/<w:num\b[^>]*w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const abstractId = attr(m[2], "abstractNumId");
    if (abstractId !== undefined && abstracts.has(abstractId)) nums.set(m[1], abstracts.get(abstractId)!);
  }
  return nums;
}

function docxText(bytes: Uint8Array): string | { error: "docx" | "size" } {
  let files: Record<string, Uint8Array>;
  let tooBig = false;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== "word/document.xml" && f.name !== "word/numbering.xml") return false;
        if (f.originalSize > IMPORT_LIMITS.docxPartBytes) tooBig = true;
        return !tooBig;
      },
    });
  } catch {
    return { error: "docx" };
  }
  if (tooBig) return { error: "size" };
  const document = files["word/document.xml"];
  if (!document) return { error: "docx" };
  const decoder = new TextDecoder();
  const xml = decoder.decode(document);
  const numbering = files["word/numbering.xml"] ? readNumbering(decoder.decode(files["word/numbering.xml"])) : new Map<string, ListLevel[]>();
  const counters = new Map<string, number[]>();

  const body = /<w:body\b[^>]*>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? xml;
  const paragraphs: string[] = [];
  for (const m of body.matchAll(/<w:p\b(?:[^>]*[^/>])?>([\s\S]*?)<\/w:p>|<w:p\b[^>]*\/>/g)) {
    const inner = m[1] ?? "";
    const props = /<w:pPr\b[^>]*>([\s\S]*?)<\/w:pPr>/.exec(inner)?.[1] ?? "";
    const content = inner.replace(/<w:pPr\b[^>]*>[\s\S]*?<\/w:pPr>/, "");
    let text = "";
    for (const r of content.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>|<w:t\b[^>]*\/>|<w:(tab|br|cr|noBreakHyphen)\b[^>]*\/>/g)) {
      if (r[1] !== undefined) text += unescapeXml(r[1]);
      else if (r[2] === "tab") text += " ";
      else if (r[2] === "br" || r[2] === "cr") text += "\n";
      else if (r[2] === "noBreakHyphen") text += "-";
    }
    paragraphs.push(listMarker(props, numbering, counters) + text);
  }
  return paragraphs.join("\n");
}

/** The number or bullet Word would draw in front of a list paragraph, as text. */
function listMarker(props: string, numbering: Map<string, ListLevel[]>, counters: Map<string, number[]>): string {
  const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(props)?.[1];
  if (!numPr) return "";
  const numId = attr(numPr, "numId");
  const ilvl = Number(attr(numPr, "ilvl") ?? 0);
  const levels = numId === undefined ? undefined : numbering.get(numId);
  // numId 0 means "no numbering"; an unknown list is drawn as a bullet.
  if (numId === "0") return "";
  if (!levels || !levels[ilvl]) return "- ";
  const level = levels[ilvl];
  if (!level.decimal) return "- ";
  const count = counters.get(numId!) ?? [];
  count[ilvl] = count[ilvl] === undefined ? level.start : count[ilvl] + 1;
  count.length = ilvl + 1;
  counters.set(numId!, count);
  const marker = level.text.replace(/%(\d)/g, (_, k: string) => String(count[Number(k) - 1] ?? levels[Number(k) - 1]?.start ?? 1));
  return `${marker} `;
}
