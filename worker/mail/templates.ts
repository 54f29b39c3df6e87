import type { Locale } from "../../web/i18n";

/** Mail texts, plain text only (no HTML from anyone reaches a mailbox). */
export const mailTemplates = {
  confirm: (locale: Locale, link: string) =>
    locale === "en"
      ? { subject: "Confirm your e-mail address — Uchastie", text: `To confirm your address, open this link (valid for 24 hours):\n\n${link}\n\nIf you did not sign up, ignore this message.` }
      : { subject: "Подтвердите адрес электронной почты — «Участие»", text: `Чтобы подтвердить адрес, откройте ссылку (действует 24 часа):\n\n${link}\n\nЕсли вы не регистрировались, просто проигнорируйте это письмо.` },
  reset: (locale: Locale, link: string) =>
    locale === "en"
      ? { subject: "Reset your password — Uchastie", text: `To set a new password, open this link (valid for 1 hour):\n\n${link}\n\nIf you did not ask for it, ignore this message: your password stays as it is.` }
      : { subject: "Смена пароля — «Участие»", text: `Чтобы задать новый пароль, откройте ссылку (действует 1 час):\n\n${link}\n\nЕсли вы не запрашивали смену пароля, проигнорируйте письмо: пароль останется прежним.` },
  membershipDecided: (locale: Locale, org: string, confirmed: boolean, reason: string | null) =>
    locale === "en"
      ? { subject: `Your membership request: ${org}`, text: `Your request to join “${org}” was ${confirmed ? "confirmed" : "rejected"}.${reason ? `\nReason: ${reason}` : ""}` }
      : { subject: `Заявка на членство: ${org}`, text: `Ваша заявка на вступление в «${org}» ${confirmed ? "подтверждена" : "отклонена"}.${reason ? `\nПричина: ${reason}` : ""}` },
};
