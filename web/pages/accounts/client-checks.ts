import type { Translate } from "../../i18n";

/** The same limits as the server's zod schemas (worker/accounts/dto.ts), checked as the person types;
 * the server still checks everything. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export function checkField(t: Translate, name: string, value: string): string | undefined {
  if (name === "email") {
    if (!value.trim()) return t("field.required");
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())) return t("field.email");
  }
  if (name === "password") {
    if (value.length < PASSWORD_MIN) return t("field.passwordShort", { min: PASSWORD_MIN });
    if (value.length > PASSWORD_MAX) return t("field.passwordLong", { max: PASSWORD_MAX });
  }
  if (name === "displayName" && value.trim().length < 2) return t("field.tooShort", { min: 2 });
  return undefined;
}
