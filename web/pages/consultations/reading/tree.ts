import type { ClauseKind } from "../../../../worker/consultations/schema";

/** A clause as the document page shows it. */
export interface ClauseView {
  id: string;
  kind: ClauseKind;
  number: string;
  depth: number;
  text: string;
  addressees: string[];
  remarkCount: number;
}

export interface ClauseNode {
  clause: ClauseView;
  children: ClauseNode[];
}

/** The document as the page lays it out: section headings, and between them nested lists of clauses. */
export type DocumentBlock = { kind: "heading"; clause: ClauseView } | { kind: "list"; items: ClauseNode[] };

/**
 * The version's clauses (in position order) as blocks: a heading ends the list before it, and
 * within a list each clause nests under the nearest earlier clause of a smaller depth. A jump in
 * depth (0 → 2) nests one level, not two, so a parser's odd depth never leaves an empty level.
 */
export function documentBlocks(clauses: ClauseView[]): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let stack: ClauseNode[] = [];
  let list: ClauseNode[] | null = null;
  for (const clause of clauses) {
    if (clause.kind === "heading") {
      blocks.push({ kind: "heading", clause });
      list = null;
      stack = [];
      continue;
    }
    if (!list) {
      list = [];
      blocks.push({ kind: "list", items: list });
    }
    const node: ClauseNode = { clause, children: [] };
    while (stack.length && stack[stack.length - 1].clause.depth >= clause.depth) stack.pop();
    (stack.length ? stack[stack.length - 1].children : list).push(node);
    stack.push(node);
  }
  return blocks;
}

/** "8.3" → "8.3.", as documents write numbers; "8.3." and "а)" stay as they are. */
export const clauseNumber = (n: string) => (n === "" || /[.)]$/.test(n) ? n : `${n}.`);
