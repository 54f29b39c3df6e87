import { z } from "@hono/zod-openapi";
import { CURRENT_CONSENT_VERSION } from "./consent";

/** Explicit limits; each one is tested. Messages are i18n keys (see web/i18n). */
export const LIMITS = {
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 128,
  displayNameMin: 2,
  displayNameMax: 80,
  cityMax: 80,
} as const;

const email = z
  .string({ message: "field.required" })
  .trim()
  .min(1, "field.required")
  .max(LIMITS.emailMax, "field.tooLong")
  .pipe(z.email({ message: "field.email" }))
  .transform((s) => s.toLowerCase())
  .openapi({ example: "resident@example.ru" });

const password = z
  .string({ message: "field.required" })
  .min(LIMITS.passwordMin, "field.passwordShort")
  .max(LIMITS.passwordMax, "field.passwordLong");

const displayName = z
  .string({ message: "field.required" })
  .trim()
  .min(LIMITS.displayNameMin, "field.tooShort")
  .max(LIMITS.displayNameMax, "field.tooLong");

const city = z.string().trim().max(LIMITS.cityMax, "field.tooLong");

/** Checkbox values from HTML forms arrive as "on"/"true"; JSON sends booleans. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

export const SignUpInput = z
  .object({
    email,
    password,
    displayName,
    city: city.optional(),
    consent: z.preprocess(
      (v) => v === true || v === "on" || v === "true",
      z.literal(true, { message: "field.consentRequired" }),
    ),
    consentVersion: z.literal(CURRENT_CONSENT_VERSION, { message: "field.consentOutdated" }),
  })
  .openapi("SignUpInput");

export const SignInInput = z.object({ email, password: z.string().min(1, "field.required").max(LIMITS.passwordMax, "field.passwordLong") }).openapi("SignInInput");
export const TokenInput = z.object({ token: z.string().min(10, "field.invalid").max(200, "field.invalid") }).openapi("TokenInput");
export const ForgotInput = z.object({ email }).openapi("ForgotInput");
export const ResetInput = z.object({ token: z.string().min(10, "field.invalid").max(200, "field.invalid"), password }).openapi("ResetInput");

export const ProfileInput = z
  .object({
    displayName: displayName.optional(),
    city: city.optional(),
    locale: z.enum(["ru", "en"], { message: "field.invalidChoice" }).optional(),
    showMemberships: checkbox.optional(),
  })
  .openapi("ProfileInput");

export const DeleteAccountInput = z
  .object({ confirm: z.literal("УДАЛИТЬ", { message: "field.deleteConfirm" }) })
  .openapi("DeleteAccountInput");

export const RoleView = z.object({
  id: z.string(),
  role: z.enum(["platform_admin", "organiser_admin", "moderator", "expert"]),
  scope: z.string(),
  organiserId: z.string().nullable(),
  competitionId: z.string().nullable(),
});

export const ProfileView = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    city: z.string().nullable(),
    locale: z.enum(["ru", "en"]),
    emailConfirmed: z.boolean(),
    showMemberships: z.boolean(),
    roles: z.array(RoleView),
  })
  .openapi("Profile");

export const Ok = z.object({ ok: z.literal(true) }).openapi("Ok");
