// Demo content of the moderation module: fixed ids and ON CONFLICT DO NOTHING, so a restart adds nothing.
import { q } from "./sql.ts";

/** Frequent reasons, per decision, as the organisers' secretariats word them. */
const TEMPLATES: [action: string, text: string][] = [
  ["return", "Нужно уточнить бюджет проекта"],
  ["return", "Не указаны сроки реализации и ответственные"],
  ["reject", "Не соответствует теме конкурса"],
  ["reject", "Проект не относится к полномочиям организатора"],
  ["hide", "Оскорбительные высказывания"],
  ["hide", "Реклама"],
  ["hide", "Персональные данные третьих лиц"],
  ["block", "Систематические оскорбления участников обсуждения"],
  ["block", "Массовая рассылка рекламы"],
];

export function moderationDemoSql(now: number): string[] {
  const lines: string[] = [];
  const settings = [
    // The secretariat of МАГ answers within two days; the city hall has a smaller, busier team.
    { organiserId: "org-mag", threshold: 3, staleHours: 48 },
    { organiserId: "org-nsk", threshold: 3, staleHours: 24 },
  ];
  for (const s of settings) {
    lines.push(
      `INSERT INTO moderation_settings (organiser_id, report_threshold, stale_after_hours) VALUES (${q(s.organiserId)}, ${s.threshold}, ${s.staleHours}) ON CONFLICT DO NOTHING;`,
    );
    TEMPLATES.forEach(([action, text], n) => {
      lines.push(
        `INSERT INTO moderation_reason_templates (id, organiser_id, action, text, position) VALUES (${q(`demo-tpl-${s.organiserId}-${n}`)}, ${q(s.organiserId)}, ${q(action)}, ${q(text)}, ${now + n}) ON CONFLICT DO NOTHING;`,
      );
    });
  }
  return lines;
}
