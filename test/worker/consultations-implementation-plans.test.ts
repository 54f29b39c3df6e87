import { describe, expect, it } from "vitest";
import {
  addresseeCounts,
  adoptedVersionOf,
  clausesOfVersionNumber,
  commitmentContext,
  commitmentsOfConsultation,
  feedEvents,
  notesOf,
  notesOfConsultation,
  overdueCountAll,
  portalCommitments,
  statusCountsAll,
  twinCommitment,
} from "../../worker/consultations/implementation/data";
import { db, expectIndexed, plan } from "./query-plan";

/**
 * Every query of the implementation part is answered through an index: no full-table SCAN, and no
 * temporary B-tree for ORDER BY on the lists — checked with SQLite's EXPLAIN QUERY PLAN on the SQL
 * drizzle really sends, against the migrated schema (as test/worker/query-plans.test.ts does).
 */

const uses = (details: string[], index: string) => expect(details.join(" | ")).toContain(index);

describe("implementation query plans", () => {
  it("adoption: the version's clauses in order, the adopted version", async () => {
    expectIndexed(await plan(clausesOfVersionNumber(db, "c", null)), { sorted: true });
    expectIndexed(await plan(clausesOfVersionNumber(db, "c", 2)), { sorted: true });
    expectIndexed(await plan(adoptedVersionOf(db, "c")));
  });

  it("one consultation's commitments and notes in clause order, all or one addressee's", async () => {
    // notesOfConsultation has no ORDER BY (the service orders each commitment's notes): no sort either way.
    for (const q of [commitmentsOfConsultation(db, "c"), commitmentsOfConsultation(db, "c", "Мэрии"), notesOfConsultation(db, "c"), notesOfConsultation(db, "c", "Мэрии")]) {
      const p = await plan(q);
      expectIndexed(p, { sorted: true });
      uses(p, "commitments_consultation");
    }
    const notes = await plan(notesOfConsultation(db, "c"));
    uses(notes, "commitment_notes_commitment");
  });

  it("one commitment with its context, its notes, a twin of the same clause", async () => {
    expectIndexed(await plan(commitmentContext(db, "x")));
    const n = await plan(notesOf(db, "x"));
    expectIndexed(n, { sorted: true });
    uses(n, "commitment_notes_commitment");
    expectIndexed(await plan(twinCommitment(db, { consultationId: "c", clauseId: "k", id: "x" }, "Мэрии")));
  });

  it("the portal-wide list: every filter, both halves (dated by due date, undated by id), first and later pages — no scan, no sort", async () => {
    const filters = [
      {},
      { addressee: "Мэрии" },
      { status: "in_progress" as const },
      { addressee: "Мэрии", status: "done" as const },
      { overdueBefore: "2026-11-22" },
      { overdueBefore: "2026-11-22", addressee: "Мэрии" },
      { overdueBefore: "2026-11-22", status: "not_started" as const },
    ];
    const afters = [undefined, { dueOn: "2027-01-01", id: "x" }, { dueOn: null, id: "x" }];
    let checked = 0;
    for (const f of filters)
      for (const after of afters) {
        const q = portalCommitments(db, f, after, 51);
        for (const part of [q.dated, q.undated]) {
          if (!part) continue;
          const p = await plan(part);
          expectIndexed(p, { sorted: true });
          const expected = f.addressee ? "commitments_addressee" : f.status ? "commitments_status" : "commitments_due";
          // A status filter together with an addressee may be served by either index; both are ranges.
          if (!(f.addressee && f.status)) uses(p, expected);
          // The latest note of each row is one step into its notes' index.
          uses(p, "commitment_notes_commitment");
          checked++;
        }
      }
    expect(checked).toBe(26);
  });

  it("the filter's addressees and the counts are read off covering indexes; overdue counts two ranges", async () => {
    const a = await plan(addresseeCounts(db));
    expectIndexed(a, { sorted: true });
    uses(a, "COVERING INDEX commitments_addressee");
    const s = await plan(statusCountsAll(db));
    expectIndexed(s, { sorted: true });
    uses(s, "COVERING INDEX commitments_status");
    const o = await plan(overdueCountAll(db, "2026-11-22"));
    expectIndexed(o);
    uses(o, "commitments_status");
  });

  it("the Atom feed walks consultation_events_feed backwards", async () => {
    const p = await plan(feedEvents(db, 50));
    expectIndexed(p, { sorted: true });
    uses(p, "consultation_events_feed");
  });
});
