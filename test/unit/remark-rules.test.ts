import { describe, expect, it } from "vitest";
import {
  excerpt,
  normaliseText,
  REMARK_LIMITS,
  remarkIssues,
  remarkReadable,
  remarkRefusal,
  sameWording,
  shownAuthor,
  wordingDiff,
  type RemarkDraft,
} from "../../worker/consultations/remarks/rules";
import { windowState } from "../../worker/consultations/window";

const CLAUSE = "Мэрии города Новосибирска продолжить работу по реализации Стратегии развития ТОС.";
const draft = (over: Partial<RemarkDraft>): RemarkDraft => ({ kind: "comment", body: "", proposedText: "", shownAs: "name", organisationId: null, ...over });
const codes = (d: Partial<RemarkDraft>, clause: string | null = CLAUSE) => remarkIssues(draft(d), clause).map((i) => `${i.field}:${i.code}`);

describe("what each kind of remark needs", () => {
  it("a comment and an objection need a body, and nothing else", () => {
    expect(codes({ kind: "comment", body: "Согласен" })).toEqual([]);
    expect(codes({ kind: "objection", body: "Против" })).toEqual([]);
    expect(codes({ kind: "comment" })).toEqual(["body:field.required"]);
    expect(codes({ kind: "objection" }, null)).toEqual(["body:field.required"]);
  });

  it("the body is at most 5,000 characters: 5,000 pass, 5,001 do not", () => {
    expect(REMARK_LIMITS.bodyMax).toBe(5000);
    expect(codes({ body: "ж".repeat(5000) })).toEqual([]);
    expect(remarkIssues(draft({ body: "ж".repeat(5001) }), CLAUSE)).toEqual([{ field: "body", code: "field.tooLong", params: { max: 5000 } }]);
  });

  it("a comment or an objection with a proposed text is refused on that field (not silently dropped)", () => {
    expect(codes({ kind: "comment", body: "Да", proposedText: "Новый текст" })).toEqual(["proposedText:consultations.remarks.field.proposedTextNotForKind"]);
    expect(codes({ kind: "objection", body: "Нет", proposedText: "Новый текст" })).toEqual(["proposedText:consultations.remarks.field.proposedTextNotForKind"]);
  });

  it("a wording needs the full new text (≤ 10,000), different from the current one; the explanation is optional", () => {
    expect(REMARK_LIMITS.proposedTextMax).toBe(10000);
    expect(codes({ kind: "wording", proposedText: "Мэрии города продолжить работу." })).toEqual([]);
    expect(codes({ kind: "wording", proposedText: "Мэрии города продолжить работу.", body: "Короче" })).toEqual([]);
    expect(codes({ kind: "wording" })).toEqual(["proposedText:field.required"]);
    expect(codes({ kind: "wording", proposedText: "ж".repeat(10000) })).toEqual([]);
    expect(remarkIssues(draft({ kind: "wording", proposedText: "ж".repeat(10001) }), CLAUSE)).toEqual([{ field: "proposedText", code: "field.tooLong", params: { max: 10000 } }]);
    expect(codes({ kind: "wording", proposedText: "x", body: "ж".repeat(5001) })).toEqual(["body:field.tooLong"]);
  });

  it("a wording equal to the current text (whitespace aside) is refused", () => {
    expect(codes({ kind: "wording", proposedText: CLAUSE })).toEqual(["proposedText:consultations.remarks.field.sameWording"]);
    expect(codes({ kind: "wording", proposedText: `  ${CLAUSE.replace(/ /g, "  \n")} ` })).toEqual(["proposedText:consultations.remarks.field.sameWording"]);
    expect(codes({ kind: "wording", proposedText: CLAUSE.replace("ТОС", "ТОС и НКО") })).toEqual([]);
  });

  it("a new clause needs its text; the explanation is optional", () => {
    expect(codes({ kind: "new_clause", proposedText: "Проводить ежегодный форум ТОС." })).toEqual([]);
    expect(codes({ kind: "new_clause", body: "Пояснение" })).toEqual(["proposedText:field.required"]);
    // A new clause may repeat the clause it follows (that is not a wording).
    expect(codes({ kind: "new_clause", proposedText: CLAUSE })).toEqual([]);
  });

  it("wording and new clause are refused on the document as a whole (422 on the kind)", () => {
    expect(codes({ kind: "wording", proposedText: "Текст" }, null)).toEqual(["kind:consultations.remarks.field.wholeDocumentKind"]);
    expect(codes({ kind: "new_clause", proposedText: "Текст" }, null)).toEqual(["kind:consultations.remarks.field.wholeDocumentKind"]);
    expect(codes({ kind: "comment", body: "В целом" }, null)).toEqual([]);
  });

  it("an organisation exactly when shown as one", () => {
    expect(codes({ body: "Да", shownAs: "organisation", organisationId: "org-1" })).toEqual([]);
    expect(codes({ body: "Да", shownAs: "organisation" })).toEqual(["organisationId:consultations.remarks.field.organisationRequired"]);
    expect(codes({ body: "Да", shownAs: "name", organisationId: "org-1" })).toEqual(["organisationId:consultations.remarks.field.organisationNotForShownAs"]);
    expect(codes({ body: "Да", shownAs: "anonymous", organisationId: "org-1" })).toEqual(["organisationId:consultations.remarks.field.organisationNotForShownAs"]);
    expect(codes({ body: "Да", shownAs: "anonymous" })).toEqual([]);
  });

  it("texts are trimmed with line breaks kept; whitespace alone is empty", () => {
    expect(normaliseText("  a\r\nb\rc  ")).toBe("a\nb\nc");
    expect(normaliseText("   \n ")).toBe("");
    expect(normaliseText(null)).toBe("");
    expect(sameWording("a  b\nc", " a b c ")).toBe(true);
    expect(sameWording("a b", "a c")).toBe(false);
  });
});

describe("when remarks are accepted", () => {
  const opensAt = Date.UTC(2026, 10, 22, 7, 0); // 10:00 in Moscow
  const closesAt = opensAt + 7 * 86400_000;
  const c = { status: "published" as const, currentVersion: 2 };
  const v2 = { number: 2, status: "published" as const };
  const at = (now: number) => remarkRefusal(c, windowState({ opensAt, closesAt }, now), v2);

  it("from opensAt exactly until just before closesAt", () => {
    expect(at(opensAt - 1)).toBe("upcoming");
    expect(at(opensAt)).toBeNull();
    expect(at(closesAt - 1)).toBeNull();
    expect(at(closesAt)).toBe("closed");
  });

  it("only on the current published version: a superseded or a draft version is refused whatever the window", () => {
    expect(remarkRefusal(c, "open", { number: 1, status: "published" })).toBe("supersededVersion");
    expect(remarkRefusal(c, "open", { number: 3, status: "draft" })).toBe("draftVersion");
    expect(remarkRefusal(c, "open", null)).toBeNull();
  });

  it("never on an adopted or unpublished consultation", () => {
    expect(remarkRefusal({ status: "adopted", currentVersion: 2 }, "open", v2)).toBe("adopted");
    expect(remarkRefusal({ status: "draft", currentVersion: 0 }, "open", null)).toBe("notPublished");
    expect(remarkRefusal({ status: "published", currentVersion: 0 }, "open", null)).toBe("notPublished");
  });
});

describe("how the author is shown", () => {
  const base = { authorName: "Анна Петрова", authorDeletedAt: null, organisationId: null, organisationName: null };
  it("by name, by organisation, or as «Участник обсуждения» with no name at all", () => {
    expect(shownAuthor({ ...base, shownAs: "name" })).toEqual({ as: "name", name: "Анна Петрова", deletedAccount: false });
    expect(shownAuthor({ ...base, shownAs: "organisation", organisationId: "o1", organisationName: "ТОС «Северный»" })).toEqual({ as: "organisation", name: "ТОС «Северный»", organisationId: "o1" });
    const anon = shownAuthor({ ...base, shownAs: "anonymous" });
    expect(anon).toEqual({ as: "anonymous" });
    expect(JSON.stringify(anon)).not.toContain("Анна");
  });
  it("a deleted account shows as a deleted user, unless the remark speaks for an organisation", () => {
    expect(shownAuthor({ ...base, shownAs: "name", authorDeletedAt: 1, authorName: "" })).toEqual({ as: "name", name: null, deletedAccount: true });
    expect(shownAuthor({ ...base, shownAs: "organisation", authorDeletedAt: 1, organisationId: "o1", organisationName: "ТОС" })).toMatchObject({ as: "organisation", name: "ТОС" });
  });
});

describe("who reads a remark", () => {
  it("visible and deleted ones everybody who reads the consultation; hidden ones only their author and moderators", () => {
    const nobody = { isAuthor: false, isModerator: false };
    expect(remarkReadable("visible", nobody)).toBe(true);
    expect(remarkReadable("deleted", nobody)).toBe(true);
    expect(remarkReadable("hidden", nobody)).toBe(false);
    expect(remarkReadable("hidden", { isAuthor: true, isModerator: false })).toBe(true);
    expect(remarkReadable("hidden", { isAuthor: false, isModerator: true })).toBe(true);
  });
});

describe("the proposed wording as a word diff", () => {
  it("keeps Russian words whole and puts both texts back together", () => {
    const proposed = "Мэрии города Новосибирска завершить работу по реализации Стратегии развития ТОС.";
    const parts = wordingDiff(CLAUSE, proposed);
    expect(parts.filter((p) => p.op !== "add").map((p) => p.text).join("")).toBe(CLAUSE);
    expect(parts.filter((p) => p.op !== "del").map((p) => p.text).join("")).toBe(proposed);
    expect(parts.filter((p) => p.op === "del").map((p) => p.text.trim())).toEqual(["продолжить"]);
    expect(parts.filter((p) => p.op === "add").map((p) => p.text.trim())).toEqual(["завершить"]);
  });
  it("a text rewritten throughout shows as replaced", () => {
    const parts = wordingDiff(CLAUSE, "Совершенно иной текст без общих слов.");
    expect(parts).toEqual([
      { op: "del", text: CLAUSE },
      { op: "add", text: "Совершенно иной текст без общих слов." },
    ]);
  });
});

describe("excerpts for the queue", () => {
  it("one line, cut at a word, with an ellipsis", () => {
    expect(excerpt("a\n\nb")).toBe("a b");
    const long = "слово ".repeat(40);
    const e = excerpt(long);
    expect(e.length).toBeLessThanOrEqual(REMARK_LIMITS.label);
    expect(e.endsWith("…")).toBe(true);
  });
});
