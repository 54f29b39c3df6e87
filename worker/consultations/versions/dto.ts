import { z } from "@hono/zod-openapi";
import { clauseFields } from "../reading/dto";
import { REMARK_KINDS, VERSION_STATUSES } from "../schema";

/** Version numbers a request may name: 1 … 9999 (a consultation never gets near; bounds what is read). */
export const VERSION_NUMBER_MAX = 9999;

const VersionNumber = z
  .string()
  .regex(new RegExp(`^[1-9][0-9]{0,${String(VERSION_NUMBER_MAX).length - 1}}$`), "consultations.versions.field.number")
  .transform(Number);

export const CompareQuery = z.object({
  from: VersionNumber.optional().openapi({ description: "The earlier version's number (default: the one before `to`)", example: "1" }),
  to: VersionNumber.optional().openapi({ description: "The later version's number (default: the newest published)", example: "2" }),
});

const Clause = z.object({ ...clauseFields, lineage: z.string() }).openapi("VersionClause");

const Segment = z.object({ op: z.enum(["same", "add", "del"]), text: z.string() }).openapi("WordSegment");

const Entry = z
  .object({
    status: z.enum(["same", "changed", "added", "removed"]),
    moved: z.boolean().openapi({ description: "Its place among the clauses changed (independently of `status`)" }),
    fields: z.array(z.enum(["text", "number", "addressees", "kind"])).openapi({ description: "For `changed`: what differs" }),
    before: Clause.nullable().openapi({ description: "The clause in `from` (null when added)" }),
    after: Clause.nullable().openapi({ description: "The clause in `to` (null when removed)" }),
    words: z.array(Segment).nullable().openapi({ description: "Word-level changes of the text, when it changed" }),
    takenRemarks: z.array(z.object({ id: z.string(), kind: z.enum(REMARK_KINDS), excerpt: z.string() })).openapi({ description: "Remarks the organiser took into account in this clause of `to`" }),
  })
  .openapi("VersionDiffEntry");

const Version = z.object({ number: z.number().int(), status: z.enum(VERSION_STATUSES), publishedAt: z.number().int().nullable() });

export const ComparisonView = z
  .object({
    consultation: z.object({ id: z.string(), title: z.string() }),
    from: Version,
    to: Version,
    counts: z.object({ same: z.number().int(), changed: z.number().int(), added: z.number().int(), removed: z.number().int(), moved: z.number().int() }),
    entries: z.array(Entry).openapi({ description: "The later version's clauses in order, each removed clause after the clause it followed" }),
  })
  .openapi("VersionComparison");
