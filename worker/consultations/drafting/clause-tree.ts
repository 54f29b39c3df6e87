import type { DraftClause } from "../clause-types";
import { CLAUSE_KINDS, type ClauseKind } from "../schema";

/**
 * The organiser's corrections to a draft version's clauses, as pure functions over the list in
 * document order (the array index is the clause's position). No I/O: the service loads the draft,
 * applies one operation, and writes the rows that changed (see ./diff.ts).
 *
 * Every operation returns a new list or the reason it cannot be done; it never changes its input.
 */

/** A clause of the draft being edited: the parser's fields plus its identity and lineage. */
export interface EditorClause extends DraftClause {
  id: string;
  /** The id of the clause where this one first appeared (kept through versions and edits). */
  lineage: string;
}

/** Explicit limits of a draft (the forms, the API and the tests read them from here). */
export const DRAFT_LIMITS = {
  clauses: 2000,
  text: 10_000,
  addressees: 10,
  addressee: 300,
  /** "8.3.1" and the like; generous for "12.4.1.2" or «IV». */
  number: 30,
  /** 0 for top-level clauses; a document deeper than this is a parsing mistake. */
  depth: 9,
  /** The marker the organiser types to split a clause at. */
  marker: 200,
} as const;

export type TreeError =
  | "notFound"
  | "firstClause"
  | "edge"
  | "tooManyClauses"
  | "textTooLong"
  | "textRequired"
  | "tooManyAddressees"
  | "addresseeTooLong"
  | "numberTooLong"
  | "depth"
  | "kind"
  | "splitPoint"
  | "markerNotFound";

/** `field` names what the person has to change (the API's and the form's field). */
export type TreeResult = { ok: true; clauses: EditorClause[] } | { ok: false; field: string; error: TreeError };

const fail = (field: string, error: TreeError): TreeResult => ({ ok: false, field, error });

/** Addressees as stored: trimmed, no empty ones, each once (first spelling wins), order kept. */
export function cleanAddressees(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const a = raw.replace(/\s+/g, " ").trim();
    const key = a.toLocaleLowerCase("ru");
    if (a && !seen.has(key)) {
      seen.add(key);
      out.push(a);
    }
  }
  return out;
}

/** Why one clause breaks the limits, or null when it is fine. */
export function checkClause(c: DraftClause): { field: string; error: TreeError } | null {
  if (!CLAUSE_KINDS.includes(c.kind)) return { field: "kind", error: "kind" };
  if (!Number.isInteger(c.depth) || c.depth < 0 || c.depth > DRAFT_LIMITS.depth) return { field: "depth", error: "depth" };
  if (c.number.length > DRAFT_LIMITS.number) return { field: "number", error: "numberTooLong" };
  if (c.text.trim().length === 0) return { field: "text", error: "textRequired" };
  if (c.text.length > DRAFT_LIMITS.text) return { field: "text", error: "textTooLong" };
  if (c.addressees.length > DRAFT_LIMITS.addressees) return { field: "addressees", error: "tooManyAddressees" };
  if (c.addressees.some((a) => a.length > DRAFT_LIMITS.addressee)) return { field: "addressees", error: "addresseeTooLong" };
  return null;
}

const indexOf = (list: readonly EditorClause[], id: string) => list.findIndex((c) => c.id === id);

/** Changes the fields of one clause (what the clause's form sends). */
export function updateClause(list: readonly EditorClause[], id: string, patch: Partial<DraftClause>): TreeResult {
  const i = indexOf(list, id);
  if (i < 0) return fail("clauseId", "notFound");
  const next = { ...list[i], ...patch, ...(patch.addressees ? { addressees: cleanAddressees(patch.addressees) } : {}) };
  const bad = checkClause(next);
  if (bad) return fail(bad.field, bad.error);
  return { ok: true, clauses: list.map((c, k) => (k === i ? next : c)) };
}

/**
 * Joins a clause to the one before it (the parser cut one clause in two): the previous clause keeps
 * its identity, number, kind and depth, gains the text as a new line and the addressees of both.
 */
export function mergeWithPrevious(list: readonly EditorClause[], id: string): TreeResult {
  const i = indexOf(list, id);
  if (i < 0) return fail("clauseId", "notFound");
  if (i === 0) return fail("clauseId", "firstClause");
  const prev = list[i - 1];
  const cur = list[i];
  const merged: EditorClause = { ...prev, text: `${prev.text.trimEnd()}\n${cur.text.trimStart()}`, addressees: cleanAddressees([...prev.addressees, ...cur.addressees]) };
  const bad = checkClause(merged);
  if (bad) return fail(bad.field, bad.error);
  return { ok: true, clauses: [...list.slice(0, i - 1), merged, ...list.slice(i + 1)] };
}

/** The lines of a clause's text that are not blank — what the split form offers as split points. */
export const paragraphsOf = (text: string) => text.split("\n").filter((l) => l.trim().length > 0);

/** Where to split: before the paragraph with this index (1 = the second), or at a text the organiser typed. */
export type SplitAt = { paragraph: number } | { marker: string };

/** The character offset the split happens at, or the reason there is none. */
export function splitOffset(text: string, at: SplitAt): { ok: true; offset: number } | { ok: false; field: string; error: TreeError } {
  if ("paragraph" in at) {
    const lines = text.split("\n");
    let seen = 0;
    let offset = 0;
    for (const line of lines) {
      if (line.trim().length > 0) {
        if (seen === at.paragraph && seen > 0) return { ok: true, offset };
        seen++;
      }
      offset += line.length + 1;
    }
    return { ok: false, field: "paragraph", error: "splitPoint" };
  }
  const marker = at.marker.trim();
  if (!marker) return { ok: false, field: "marker", error: "splitPoint" };
  // The first occurrence after the clause's first character: splitting before everything is no split.
  const offset = text.indexOf(marker, 1);
  if (offset < 0) return { ok: false, field: "marker", error: "markerNotFound" };
  return { ok: true, offset };
}

/**
 * Cuts a clause in two (the parser joined two clauses). The first part is the clause as it was —
 * same id, lineage and number, so remarks and links stay with it; the second is a new clause
 * (`fresh` id and a lineage of its own) of the same kind, depth and addressees, without a number
 * until the organiser gives one or renumbers.
 */
export function splitClause(list: readonly EditorClause[], id: string, at: SplitAt, fresh: { id: string; lineage: string }): TreeResult {
  const i = indexOf(list, id);
  if (i < 0) return fail("clauseId", "notFound");
  if (list.length >= DRAFT_LIMITS.clauses) return fail("clauseId", "tooManyClauses");
  const c = list[i];
  const point = splitOffset(c.text, at);
  if (!point.ok) return fail(point.field, point.error);
  const first = c.text.slice(0, point.offset).trimEnd();
  const second = c.text.slice(point.offset).trimStart();
  if (!first || !second) return fail("paragraph" in at ? "paragraph" : "marker", "splitPoint");
  const a: EditorClause = { ...c, text: first };
  const b: EditorClause = { ...c, id: fresh.id, lineage: fresh.lineage, number: "", text: second, addressees: [...c.addressees] };
  return { ok: true, clauses: [...list.slice(0, i), a, b, ...list.slice(i + 1)] };
}

export function deleteClause(list: readonly EditorClause[], id: string): TreeResult {
  const i = indexOf(list, id);
  if (i < 0) return fail("clauseId", "notFound");
  return { ok: true, clauses: [...list.slice(0, i), ...list.slice(i + 1)] };
}

/** Inserts a new clause after `afterId` (null: at the very beginning). */
export function insertAfter(list: readonly EditorClause[], afterId: string | null, clause: EditorClause): TreeResult {
  if (list.length >= DRAFT_LIMITS.clauses) return fail("after", "tooManyClauses");
  const i = afterId === null ? -1 : indexOf(list, afterId);
  if (afterId !== null && i < 0) return fail("after", "notFound");
  const c = { ...clause, addressees: cleanAddressees(clause.addressees) };
  const bad = checkClause(c);
  if (bad) return fail(bad.field, bad.error);
  return { ok: true, clauses: [...list.slice(0, i + 1), c, ...list.slice(i + 1)] };
}

/** Swaps a clause with its neighbour above or below; its depth and number stay as they are. */
export function moveClause(list: readonly EditorClause[], id: string, direction: "up" | "down"): TreeResult {
  const i = indexOf(list, id);
  if (i < 0) return fail("clauseId", "notFound");
  const j = direction === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= list.length) return fail("direction", "edge");
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return { ok: true, clauses: out };
}

/**
 * Numbers recomputed from depth and order, as the seed documents number them: «1.», «2.», «2.1.»
 * under «2.», and a fresh «1.» after each section heading («Участники секции … РЕКОМЕНДУЮТ:»
 * starts its own list in seed 004). Only clauses get numbers; headings, bullets and unnumbered
 * paragraphs get none. A sub-clause whose parent is missing counts the parent as 1 («1.1»).
 */
export function renumber(list: readonly EditorClause[]): EditorClause[] {
  let counters: number[] = [];
  return list.map((c) => {
    if (c.kind === "heading") {
      counters = [];
      return { ...c, number: "" };
    }
    if (c.kind !== "clause") return { ...c, number: "" };
    const d = c.depth;
    if (counters.length > d) {
      counters = counters.slice(0, d + 1);
      counters[d]++;
    } else {
      while (counters.length < d) counters.push(1);
      counters.push(1);
    }
    return { ...c, number: counters.join(".") };
  });
}

export const isClauseKind = (v: string): v is ClauseKind => (CLAUSE_KINDS as readonly string[]).includes(v);

/** What has to be written to turn the stored draft `before` into `after` (rows by id). */
export interface DraftChanges {
  deleted: string[];
  /** New clauses with their positions. */
  inserted: { clause: EditorClause; position: number }[];
  /** Kept clauses whose position changed. */
  moved: { id: string; from: number; to: number }[];
  /** Kept clauses whose content changed: only the fields that did (so a concurrent edit of another field survives). */
  edited: { id: string; fields: Partial<DraftClause> }[];
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function changesBetween(before: readonly EditorClause[], after: readonly EditorClause[]): DraftChanges {
  const old = new Map(before.map((c, i) => [c.id, { c, i }]));
  const kept = new Set(after.map((c) => c.id));
  const out: DraftChanges = { deleted: before.filter((c) => !kept.has(c.id)).map((c) => c.id), inserted: [], moved: [], edited: [] };
  after.forEach((c, position) => {
    const was = old.get(c.id);
    if (!was) {
      out.inserted.push({ clause: c, position });
      return;
    }
    if (was.i !== position) out.moved.push({ id: c.id, from: was.i, to: position });
    const fields: Partial<DraftClause> = {};
    if (c.number !== was.c.number) fields.number = c.number;
    if (c.kind !== was.c.kind) fields.kind = c.kind;
    if (c.depth !== was.c.depth) fields.depth = c.depth;
    if (c.text !== was.c.text) fields.text = c.text;
    if (!sameList(c.addressees, was.c.addressees)) fields.addressees = c.addressees;
    if (Object.keys(fields).length) out.edited.push({ id: c.id, fields });
  });
  return out;
}

export const noChanges = (d: DraftChanges) => !d.deleted.length && !d.inserted.length && !d.moved.length && !d.edited.length;
