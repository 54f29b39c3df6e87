// The demo's organisers, organisations and one account for every role — the people every other demo
// module refers to. Pure (no I/O): the start script writes the statements to a file and the worker
// tests run them (test/worker/demo-competitions.test.ts). Fixed ids and ON CONFLICT DO NOTHING.
import { q } from "./sql.ts";

export const DEMO_PASSWORD = "demo-password-2026";
export const CONSENT_VERSION = "2026-11-01";

export const DEMO_ORGANISERS = [
  { id: "org-mag", slug: "mag", nameRu: "Международная Ассамблея столиц и крупных городов", nameEn: "International Assembly of Capitals and Large Cities", shortName: "МАГ" },
  { id: "org-nsk", slug: "novosibirsk", nameRu: "Мэрия города Новосибирска", nameEn: "Novosibirsk City Hall", shortName: "Мэрия Новосибирска" },
];

export const DEMO_ORGANISATIONS = [
  { id: "demo-nko", organiserId: "org-nsk", name: "АНО «Центр городских инициатив»", type: "nko", city: "Новосибирск", description: "Поддержка социальных проектов жителей и волонтёрских инициатив.", inn: "5406123451", ogrn: null, memberCount: 1 },
  { id: "demo-tos", organiserId: "org-nsk", name: "ТОС «Северный»", type: "tos", city: "Новосибирск", description: "Территориальное общественное самоуправление микрорайона: благоустройство дворов, детские площадки, соседские праздники.", inn: null, ogrn: null, memberCount: 1 },
  { id: "demo-admin", organiserId: "org-mag", name: "Администрация города Тюмени", type: "administration", city: "Тюмень", description: "Участник смотра-конкурса «Город, где хочется жить».", inn: null, ogrn: null, memberCount: 0 },
] as const;

export const DEMO_ACCOUNTS = [
  { id: "demo-u-admin", email: "admin@uchastie.local", name: "Администратор платформы", city: "Москва", role: "platform_admin", scope: "", organiserId: null, competitionId: null },
  { id: "demo-u-organiser", email: "organiser@uchastie.local", name: "Секретариат МАГ", city: "Москва", role: "organiser_admin", scope: "org-mag", organiserId: "org-mag", competitionId: null },
  { id: "demo-u-mayor", email: "mayor@uchastie.local", name: "Управление общественных связей мэрии Новосибирска", city: "Новосибирск", role: "organiser_admin", scope: "org-nsk", organiserId: "org-nsk", competitionId: null },
  { id: "demo-u-moderator", email: "moderator@uchastie.local", name: "Модератор мэрии Новосибирска", city: "Новосибирск", role: "moderator", scope: "org-nsk", organiserId: "org-nsk", competitionId: null },
  { id: "demo-u-expert", email: "expert@uchastie.local", name: "Эксперт конкурса", city: "Екатеринбург", role: "expert", scope: "demo-comp-ggzh-2026", organiserId: "org-mag", competitionId: "demo-comp-ggzh-2026" },
  { id: "demo-u-member", email: "member@uchastie.local", name: "Анна Петрова (ТОС «Северный»)", city: "Новосибирск", role: "member", scope: "demo-tos", organiserId: null, competitionId: null },
  { id: "demo-u-nko", email: "nko@uchastie.local", name: "Игорь Смирнов (АНО «Центр городских инициатив»)", city: "Новосибирск", role: "member", scope: "demo-nko", organiserId: null, competitionId: null },
  { id: "demo-u-resident", email: "resident@uchastie.local", name: "Мария Иванова", city: "Новосибирск", role: "resident", scope: "", organiserId: null, competitionId: null },
] as const;


/** The organisers, the accounts with their consents, the organisations, memberships and role grants. `hash`: the demo password's hash. */
export function accountsDemoSql(now: number, hash: string): string[] {
  const lines: string[] = [];
  for (const o of DEMO_ORGANISERS)
    lines.push(`INSERT INTO organisers (id, slug, name_ru, name_en, short_name, created_at) VALUES (${q(o.id)}, ${q(o.slug)}, ${q(o.nameRu)}, ${q(o.nameEn)}, ${q(o.shortName)}, ${now}) ON CONFLICT DO NOTHING;`);
  for (const a of DEMO_ACCOUNTS) {
    lines.push(
      `INSERT INTO users (id, email, email_confirmed_at, password_hash, display_name, city, locale, show_memberships, created_at) VALUES (${q(a.id)}, ${q(a.email)}, ${now}, ${q(hash)}, ${q(a.name)}, ${q(a.city)}, 'ru', 1, ${now}) ON CONFLICT DO NOTHING;`,
      `INSERT INTO consents (user_id, version, accepted_at) SELECT ${q(a.id)}, ${q(CONSENT_VERSION)}, ${now} WHERE NOT EXISTS (SELECT 1 FROM consents WHERE user_id = ${q(a.id)});`,
    );
  }
  for (const o of DEMO_ORGANISATIONS)
    lines.push(
      `INSERT INTO organisations (id, organiser_id, name, type, city, description, inn, ogrn, member_count, created_at) VALUES (${q(o.id)}, ${q(o.organiserId)}, ${q(o.name)}, ${q(o.type)}, ${q(o.city)}, ${q(o.description)}, ${q(o.inn)}, ${q(o.ogrn)}, ${o.memberCount}, ${now}) ON CONFLICT DO NOTHING;`,
    );
  for (const a of DEMO_ACCOUNTS) {
    if (a.role === "member")
      lines.push(`INSERT INTO organisation_members (organisation_id, user_id, status, requested_at, decided_at, decided_by) VALUES (${q(a.scope)}, ${q(a.id)}, 'confirmed', ${now}, ${now}, 'demo-u-moderator') ON CONFLICT DO NOTHING;`);
    else if (a.role !== "resident")
      lines.push(
        // Grant ids stay "demo-g-<role>" for the first holder of a role (databases loaded before keep theirs).
        `INSERT INTO role_grants (id, user_id, role, scope, organiser_id, competition_id, granted_by, granted_at) VALUES (${q(a.id === "demo-u-mayor" ? "demo-g-organiser_admin-nsk" : `demo-g-${a.role}`)}, ${q(a.id)}, ${q(a.role)}, ${q(a.scope)}, ${q(a.organiserId)}, ${q(a.competitionId)}, NULL, ${now}) ON CONFLICT DO NOTHING;`,
      );
  }
  return lines;
}
