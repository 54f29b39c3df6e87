/**
 * The consent text for personal-data processing (152-ФЗ), versioned. A new version is added
 * here, never edited in place: the accepted version is stored with each consent.
 */
export const CONSENT_VERSIONS = {
  "2026-11-01": {
    ru: [
      "Я, регистрируясь на портале «Участие», свободно, своей волей и в своём интересе даю согласие оператору портала на обработку моих персональных данных: адреса электронной почты, отображаемого имени, города, сведений о членстве в организациях и о моих действиях на портале.",
      "Цель обработки — предоставление возможности участвовать в общественных обсуждениях, подавать проекты, голосовать и получать уведомления. Способы обработки: сбор, запись, хранение, уточнение, использование, удаление, в том числе автоматизированные.",
      "Отображаемое имя и опубликованные мной материалы становятся общедоступными по моему выбору. Адрес электронной почты не публикуется и не передаётся третьим лицам.",
      "Согласие действует до его отзыва. Я могу в любой момент скачать свои данные и удалить учётную запись в разделе «Профиль»; удаление учётной записи означает отзыв согласия.",
    ],
    en: [
      "By signing up to the Uchastie portal I freely give the portal's operator my consent to process my personal data: e-mail address, display name, city, memberships in organisations and my actions on the portal.",
      "The purpose is to let me take part in public consultations, submit projects, vote and receive notifications. Processing covers collection, recording, storage, correction, use and deletion, including automated processing.",
      "My display name and what I publish become public by my choice. My e-mail address is never published or passed to third parties.",
      "The consent lasts until I withdraw it. I can download my data and delete my account at any time under “Profile”; deleting the account withdraws the consent.",
    ],
  },
} as const;

export type ConsentVersion = keyof typeof CONSENT_VERSIONS;
export const CURRENT_CONSENT_VERSION: ConsentVersion = "2026-11-01";
