import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { SessionUser } from "../../worker/accounts/session-user";
import type { Ctx } from "../../worker/accounts/service";
import { makeDb } from "../../worker/db/client";
import type { Browser } from "./client";
import { db, type TestUser } from "./fixtures";

/** Test helpers of the proposals tests: complete input, direct rows for list tests, a moderator as the queue passes them. */
export type Actor = Browser & { user: TestUser };

export const complete = (organiserId: string, over: Record<string, unknown> = {}) => ({
  organiserId,
  title: "Благоустройство двора на улице Северной, 12",
  summary: "Детская площадка, скамейки и освещение во дворе трёх домов ТОС «Северный».",
  problem: "Во дворе нет освещения и безопасной площадки; дети играют на проезжей части.",
  goal: "Создать безопасное и удобное пространство для детей и жителей.",
  tasks: ["Провести собрание жителей", "Подготовить проект благоустройства", "Установить оборудование"],
  expectedResults: "Площадка для 120 детей, 6 скамеек, 8 светильников.",
  city: "Новосибирск",
  district: "Калининский",
  tos: "ТОС «Северный»",
  theme: "improvement",
  beneficiaries: 450,
  budgetRequested: 1_500_000,
  cofinancing: 200_000,
  startDate: "2027-05-01",
  endDate: "2027-09-30",
  team: "Анна Петрова — руководитель проекта; совет ТОС — 7 человек.",
  ...over,
});

export async function createProposal(b: Browser, body: Record<string, unknown>) {
  const res = await b.api("/proposals", { json: body });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

export const ctx = (): Ctx => ({ db: makeDb((env as any).DB), env: env as any, origin: "https://uchastie.test", locale: "ru" });

/** The signed-in person as the moderation queue hands them to `decide` (a moderator of `organiserId`). */
export function sessionUser(u: TestUser, roles: { role: "moderator" | "organiser_admin" | "platform_admin"; organiserId: string | null }[] = []): SessionUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    city: null,
    locale: "ru",
    emailConfirmed: true,
    showMemberships: false,
    blockedUntil: null,
    unreadNotifications: 0,
    roles: roles.map((r, i) => ({ id: `g${i}`, role: r.role, scope: r.organiserId ?? "", organiserId: r.organiserId, competitionId: null })),
  } as SessionUser;
}

/** A published proposal written straight into D1 (list and support tests need many). */
export async function insertPublished(p: { id?: string; organiserId: string; authorId: string; title?: string; theme?: string | null; city?: string; supportCount?: number; commentCount?: number; publishedAt?: number; status?: string; hidden?: boolean }) {
  const id = p.id ?? crypto.randomUUID();
  const now = Date.now();
  await db
    .prepare(
      `INSERT INTO proposals (id, organiser_id, author_id, status, hidden_at, title, summary, tasks, city, theme, support_count, comment_count, created_at, updated_at, submitted_at, published_at)
       VALUES (?, ?, ?, ?, ?, ?, 'Кратко', '[]', ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(id, p.organiserId, p.authorId, p.status ?? "published", p.hidden ? now : null, p.title ?? `Проект ${id.slice(0, 6)}`, p.city ?? "Новосибирск", p.theme ?? null, p.supportCount ?? 0, p.commentCount ?? 0, now, now, now, p.publishedAt ?? now)
    .run();
  return id;
}

export async function addOrganisation(organiserId: string, name: string, members: { userId: string; status: "confirmed" | "requested" }[]) {
  const id = crypto.randomUUID();
  await db.prepare("INSERT INTO organisations (id, organiser_id, name, type, city, created_at) VALUES (?, ?, ?, 'tos', 'Новосибирск', ?)").bind(id, organiserId, name, Date.now()).run();
  for (const m of members)
    await db.prepare("INSERT INTO organisation_members (organisation_id, user_id, status, requested_at) VALUES (?, ?, ?, ?)").bind(id, m.userId, m.status, Date.now()).run();
  return id;
}
