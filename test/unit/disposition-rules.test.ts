import { describe, expect, it } from "vitest";
import {
  checkDisposition,
  defaultSummaryVersion,
  DISPOSITION_LIMITS,
  dispositionRefusal,
  needsDisposition,
  progressOf,
  publishRefusal,
  summaryReadable,
} from "../../worker/consultations/summary/dispositions";
import { decodeRemarkKey, encodeRemarkKey } from "../../worker/consultations/summary/cursor";

describe("checkDisposition", () => {
  it("accepts «учтено» without a reason, and stores an empty one as null", () => {
    expect(checkDisposition({ disposition: "accepted" })).toEqual({ ok: true, disposition: "accepted", reason: null });
    expect(checkDisposition({ disposition: "accepted", reason: "   \n " })).toEqual({ ok: true, disposition: "accepted", reason: null });
    expect(checkDisposition({ disposition: "accepted", reason: " Учтено в п. 3. " })).toEqual({ ok: true, disposition: "accepted", reason: "Учтено в п. 3." });
  });

  it.each(["partly", "rejected", "out_of_scope"])("requires a reason for %s (spaces are no reason)", (d) => {
    for (const reason of [undefined, null, "", "   ", "\r\n\t "]) {
      expect(checkDisposition({ disposition: d, reason })).toEqual({ ok: false, issues: [{ field: "reason", code: "consultations.summary.field.reasonRequired" }] });
    }
    expect(checkDisposition({ disposition: d, reason: "Не относится к полномочиям мэрии." })).toMatchObject({ ok: true, disposition: d });
  });

  it("trims the reason and keeps its line breaks (\\r\\n → \\n)", () => {
    expect(checkDisposition({ disposition: "partly", reason: "  Первое.\r\nВторое.  " })).toEqual({ ok: true, disposition: "partly", reason: "Первое.\nВторое." });
  });

  it("counts the limit after trimming: 2,000 characters pass, 2,001 do not", () => {
    const max = DISPOSITION_LIMITS.reason;
    expect(max).toBe(2000);
    expect(checkDisposition({ disposition: "rejected", reason: `  ${"я".repeat(max)}  ` })).toMatchObject({ ok: true });
    expect(checkDisposition({ disposition: "rejected", reason: "я".repeat(max + 1) })).toEqual({ ok: false, issues: [{ field: "reason", code: "field.tooLong", params: { max } }] });
    // Too long is too long for «учтено» as well.
    expect(checkDisposition({ disposition: "accepted", reason: "я".repeat(max + 1) })).toMatchObject({ ok: false });
  });

  it("refuses an unknown disposition (and says nothing about the reason then)", () => {
    for (const d of ["", "approved", null, undefined, 1, "ACCEPTED"]) {
      expect(checkDisposition({ disposition: d, reason: "" })).toEqual({ ok: false, issues: [{ field: "disposition", code: "field.invalidChoice" }] });
    }
  });
});

describe("which remarks need a disposition, and the progress", () => {
  it("only visible remarks need one", () => {
    expect(needsDisposition({ status: "visible" })).toBe(true);
    expect(needsDisposition({ status: "hidden" })).toBe(false);
    expect(needsDisposition({ status: "deleted" })).toBe(false);
  });

  it("progress adds the dispositions up; left is the count without one", () => {
    expect(progressOf({ accepted: 3, partly: 1, rejected: 2, out_of_scope: 1, none: 5 })).toEqual({ total: 12, done: 7, left: 5, complete: false });
    expect(progressOf({ accepted: 3, none: 0 })).toEqual({ total: 3, done: 3, left: 0, complete: true });
    expect(progressOf({ none: 1 })).toEqual({ total: 1, done: 0, left: 1, complete: false });
    // A version without remarks has a (trivially) complete, publishable summary.
    expect(progressOf({})).toEqual({ total: 0, done: 0, left: 0, complete: true });
  });
});

describe("when dispositions may be recorded and the summary published", () => {
  const published = { status: "published" as const, summaryPublishedAt: null };
  const c = { status: "published" as const };

  it("dispositions: only after the window has closed, on a published version whose summary is not yet published", () => {
    expect(dispositionRefusal(c, "closed", published)).toBeNull();
    expect(dispositionRefusal({ status: "adopted" }, "closed", published)).toBeNull();
    expect(dispositionRefusal(c, "open", published)).toBe("notClosed");
    expect(dispositionRefusal(c, "upcoming", published)).toBe("notClosed");
    expect(dispositionRefusal(c, "closed", { status: "published", summaryPublishedAt: 1 })).toBe("summaryPublished");
    // After publication the summary is final, whatever the window does (reopened for the next version).
    expect(dispositionRefusal(c, "open", { status: "published", summaryPublishedAt: 1 })).toBe("summaryPublished");
    expect(dispositionRefusal(c, "closed", { status: "draft", summaryPublishedAt: null })).toBe("notPublished");
    expect(dispositionRefusal({ status: "draft" }, "closed", published)).toBe("notPublished");
  });

  it("publication: not while any remark lacks a disposition, not twice", () => {
    const complete = progressOf({ accepted: 2, rejected: 1 });
    const incomplete = progressOf({ accepted: 2, none: 1 });
    expect(publishRefusal(c, "closed", published, complete)).toBeNull();
    expect(publishRefusal(c, "closed", published, incomplete)).toBe("missingDispositions");
    expect(publishRefusal(c, "closed", { status: "published", summaryPublishedAt: 5 }, complete)).toBe("summaryPublished");
    expect(publishRefusal(c, "open", published, complete)).toBe("notClosed");
    expect(publishRefusal(c, "closed", published, progressOf({}))).toBeNull();
  });

  it("the public reads a summary once published; the organiser's admins before (preview)", () => {
    expect(summaryReadable({ status: "published", summaryPublishedAt: 1 }, false)).toBe(true);
    expect(summaryReadable({ status: "published", summaryPublishedAt: null }, false)).toBe(false);
    expect(summaryReadable({ status: "published", summaryPublishedAt: null }, true)).toBe(true);
    expect(summaryReadable({ status: "draft", summaryPublishedAt: null }, true)).toBe(false);
  });

  it("the default version: the newest with a published summary, else the newest published", () => {
    const v = (number: number, status: "draft" | "published", summaryPublishedAt: number | null) => ({ number, status, summaryPublishedAt });
    expect(defaultSummaryVersion([v(1, "published", 10), v(2, "published", null), v(3, "draft", null)])?.number).toBe(1);
    expect(defaultSummaryVersion([v(1, "published", 10), v(2, "published", 20)])?.number).toBe(2);
    expect(defaultSummaryVersion([v(2, "published", null), v(1, "published", null)])?.number).toBe(2);
    expect(defaultSummaryVersion([v(1, "draft", null)])).toBeNull();
    expect(defaultSummaryVersion([])).toBeNull();
  });
});

describe("the summary's cursor", () => {
  it("round-trips the key and refuses anything else", () => {
    const k = { pos: -1, at: 1_790_000_000_000, id: "8c0e7c9a-4a57-4f0e-9d1a-3f1c2b3a4d5e" };
    expect(decodeRemarkKey(encodeRemarkKey(k))).toEqual(k);
    for (const bad of [undefined, null, "", "!!!", btoa("[1,2]"), btoa('["a",2,"x"]'), btoa(`[1.5,2,"x"]`), "x".repeat(400)]) expect(decodeRemarkKey(bad)).toBeUndefined();
  });
});
