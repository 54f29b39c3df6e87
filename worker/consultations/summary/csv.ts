import { stringify } from "csv-stringify/sync";
import type { Locale, Translate } from "../../../web/i18n";
import { columnLabel, SUMMARY_COLUMNS, summaryCells, type SummaryCellRow } from "../../../web/pages/consultations/summary/cells";

/**
 * The summary as CSV, in the reader's language, with the page's columns and words
 * (web/pages/consultations/summary/cells.ts).
 *
 * - UTF-8 with a byte-order mark: without it Excel reads the file as Windows-1251 and the Cyrillic
 *   turns into mojibake.
 * - Delimiter `;` for Russian, `,` for English: Excel splits a double-clicked CSV by the list
 *   separator of the system's regional settings, which is `;` wherever the decimal separator is a
 *   comma (Russia and the CIS) and `,` in English locales. The language a person reads the portal
 *   in is the best guess we have of their Excel's. (A `sep=;` line would force it, but Excel then
 *   ignores the BOM and other programs read the line as data.)
 * - CRLF between records (RFC 4180); fields quoted when they contain the delimiter, quotes or line
 *   breaks (remarks have paragraphs).
 * - A cell that starts with = + - @ or a tab/CR would be run by a spreadsheet as a formula
 *   ("CSV injection"): it gets a leading apostrophe, which Excel shows as text.
 */
export const BOM = "\uFEFF";

export const csvDelimiter = (locale: Locale) => (locale === "ru" ? ";" : ",");

/** Neutralises a cell a spreadsheet would evaluate (OWASP's advice for CSV injection). */
export const neutralise = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

export const csvHeader = (t: Translate) => SUMMARY_COLUMNS.map((c) => columnLabel(t, c));

export const csvRecord = (t: Translate, row: SummaryCellRow) => {
  const cells = summaryCells(t, row);
  return SUMMARY_COLUMNS.map((c) => neutralise(cells[c]));
};

/** Records → CSV text (no BOM: the caller writes it once at the start of the stream). */
export const csvText = (locale: Locale, records: string[][]) => (records.length ? stringify(records, { delimiter: csvDelimiter(locale), record_delimiter: "windows" }) : "");

/**
 * Content-Disposition for a download: an ASCII `filename` for old clients and the real name as
 * `filename*=UTF-8''…` (RFC 6266 / RFC 5987). Characters a file system or the header would choke on
 * are replaced; the name is kept under 120 characters.
 */
export function attachmentHeader(asciiName: string, utf8Name: string): string {
  const clean = utf8Name
    .replace(/[\u0000-\u001f\u007f"\\/:*?<>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const [stem, ext] = splitExt(clean);
  const short = stem.length + ext.length > 120 ? `${stem.slice(0, 120 - ext.length - 1).trimEnd()}…${ext}` : clean;
  const ascii = asciiName.replace(/[^A-Za-z0-9._-]+/g, "-");
  const encoded = encodeURIComponent(short).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function splitExt(name: string): [string, string] {
  const i = name.lastIndexOf(".");
  return i > 0 ? [name.slice(0, i), name.slice(i)] : [name, ""];
}
