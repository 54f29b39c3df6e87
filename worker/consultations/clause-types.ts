import type { ClauseKind } from "./schema";

/**
 * A clause as the parser produces it and the drafting editor edits it, before it has an id. The
 * contract between ./parser (text → clauses), ./drafting (the organiser's corrections) and
 * ./versions (the diff, which adds `lineage`).
 */
export interface DraftClause {
  kind: ClauseKind;
  /** As written in the text: "8.3", "2.1", "" for headings, bullets and unnumbered paragraphs. */
  number: string;
  /** 0 for top-level clauses and headings; +1 per level («8.» → 0, «8.3.» → 1, a bullet inside 8.3 → 2). */
  depth: number;
  /** The clause's own text, without its number or bullet; inner line breaks kept as "\n". */
  text: string;
  /** Suggested (by the parser) or set (by the organiser): «Мэрии города Новосибирска», «Секретариату МАГ». */
  addressees: string[];
}

/** A clause of a stored version, as the diff and the pages need it. */
export interface VersionClause extends DraftClause {
  id: string;
  position: number;
  lineage: string;
}
