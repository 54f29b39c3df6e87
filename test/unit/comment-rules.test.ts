import { describe, expect, it } from "vitest";
import { COMMENT_LIMITS, EDIT_WINDOW_MS, answersAReply, checkBody, editableUntil, excerpt, isBlocked, normaliseBody, placeReply, withinEditWindow } from "../../worker/comments/rules";

describe("the 15-minute edit window", () => {
  const t0 = Date.UTC(2026, 10, 1, 9, 0, 0);
  it("is open from posting until just before 15 minutes", () => {
    expect(EDIT_WINDOW_MS).toBe(15 * 60 * 1000);
    expect(withinEditWindow(t0, t0)).toBe(true);
    expect(withinEditWindow(t0, t0 + 14 * 60_000 + 59_999)).toBe(true);
  });
  it("is closed at exactly 15:00 and after", () => {
    expect(withinEditWindow(t0, t0 + 15 * 60_000)).toBe(false);
    expect(withinEditWindow(t0, t0 + 3600_000)).toBe(false);
    expect(editableUntil(t0)).toBe(t0 + 15 * 60_000);
  });
  it("a clock before the posting time does not open it", () => {
    expect(withinEditWindow(t0, t0 - 1)).toBe(false);
  });
});

describe("body limits", () => {
  it("trims, keeps line breaks and turns CRLF into LF", () => {
    expect(normaliseBody("  Первая строка\r\nвторая\rтретья \n\n ")).toBe("Первая строка\nвторая\nтретья");
  });
  it("1..4000 characters after trimming", () => {
    expect(checkBody(normaliseBody("   \n\t "))).toBe("field.required");
    expect(checkBody("я")).toBeNull();
    expect(checkBody("ж".repeat(COMMENT_LIMITS.bodyMax))).toBeNull();
    expect(checkBody("ж".repeat(COMMENT_LIMITS.bodyMax + 1))).toBe("field.tooLong");
    expect(checkBody(normaliseBody(`  ${"ж".repeat(COMMENT_LIMITS.bodyMax)}  `))).toBeNull();
  });
});

describe("threading: two levels however deep the answering goes", () => {
  const root = { id: "r", parentId: null, rootId: "r" };
  it("a reply to a top-level comment hangs under it", () => {
    const reply = { id: "a", ...placeReply(root) };
    expect(reply).toEqual({ id: "a", parentId: "r", rootId: "r" });
    expect(answersAReply(reply)).toBe(false);
  });
  it("a reply to a reply hangs under the same root and says whom it answers", () => {
    const a = { id: "a", ...placeReply(root) };
    const b = { id: "b", ...placeReply(a) };
    const c = { id: "c", ...placeReply(b) };
    expect(b).toEqual({ id: "b", parentId: "a", rootId: "r" });
    expect(c).toEqual({ id: "c", parentId: "b", rootId: "r" });
    expect(answersAReply(b)).toBe(true);
    expect(answersAReply(c)).toBe(true);
    expect(answersAReply(root)).toBe(false);
  });
  it("a legacy top-level row without root_id is its own root", () => {
    expect(placeReply({ id: "x", parentId: null, rootId: null })).toEqual({ parentId: "x", rootId: "x" });
  });
});

describe("excerpts and blocks", () => {
  it("one line, cut at a word boundary with an ellipsis", () => {
    expect(excerpt("Коротко\nи ясно")).toBe("Коротко и ясно");
    const long = "слово ".repeat(60);
    const e = excerpt(long, 80);
    expect(e.length).toBeLessThanOrEqual(80);
    expect(e.endsWith("слово…")).toBe(true);
  });
  it("blocked only while blocked_until is in the future", () => {
    expect(isBlocked(null, 1000)).toBe(false);
    expect(isBlocked(999, 1000)).toBe(false);
    expect(isBlocked(1000, 1000)).toBe(false);
    expect(isBlocked(1001, 1000)).toBe(true);
  });
});
