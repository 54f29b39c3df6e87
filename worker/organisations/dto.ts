import { z } from "@hono/zod-openapi";
import { ORGANISATION_TYPES } from "./schema";
import { isValidInn, isValidOgrn } from "./rules";

export const ORG_LIMITS = { nameMin: 3, nameMax: 200, cityMax: 80, descriptionMax: 2000, reasonMax: 500 } as const;

const optionalDigits = (check: (s: string) => boolean, key: "field.inn" | "field.ogrn") =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    z.string().refine(check, { message: key }).optional(),
  );

const organisationFields = {
  organiserId: z.string({ message: "field.unknownOrganiser" }).min(1, "field.unknownOrganiser").max(64),
  name: z.string({ message: "field.required" }).trim().min(ORG_LIMITS.nameMin, "field.tooShort").max(ORG_LIMITS.nameMax, "field.tooLong"),
  type: z.enum(ORGANISATION_TYPES, { message: "field.invalidChoice" }),
  city: z.string({ message: "field.required" }).trim().min(2, "field.tooShort").max(ORG_LIMITS.cityMax, "field.tooLong"),
  description: z.string().trim().max(ORG_LIMITS.descriptionMax, "field.tooLong"),
  inn: optionalDigits(isValidInn, "field.inn"),
  ogrn: optionalDigits(isValidOgrn, "field.ogrn"),
};

export const OrganisationInput = z
  .object({ ...organisationFields, description: organisationFields.description.default("") })
  .openapi("OrganisationInput");

/** Built from the fields without defaults: in zod 4 a default inside .partial() still fills in,
 * so a patch of one field would have blanked the description. */
export const OrganisationPatch = z.object(organisationFields).omit({ organiserId: true }).partial().openapi("OrganisationPatch");

export const MembershipDecisionInput = z
  .object({
    decision: z.enum(["confirmed", "rejected"], { message: "field.invalidChoice" }),
    reason: z.string().trim().max(ORG_LIMITS.reasonMax, "field.tooLong").optional(),
  })
  .refine((v) => v.decision === "confirmed" || (v.reason && v.reason.length > 0), { message: "field.reasonRequired", path: ["reason"] })
  .openapi("MembershipDecisionInput");

export const OrganisationView = z
  .object({
    id: z.string(),
    organiserId: z.string(),
    name: z.string(),
    type: z.enum(ORGANISATION_TYPES),
    city: z.string(),
    description: z.string(),
    inn: z.string().nullable(),
    ogrn: z.string().nullable(),
    memberCount: z.number().int(),
  })
  .openapi("Organisation");

export const PublicMember = z.object({ userId: z.string(), displayName: z.string() }).openapi("PublicMember");
