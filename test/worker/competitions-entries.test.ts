import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "./client";
import { HOUR, seedCompetition, seedEntries, setInstant, setStage, timesFor, type SeededCompetition } from "./competition-fixtures";
import { CYRILLIC, count, counts, createOrganiser, createUser, db, expectProblem, grantRole, newActor, row, rows, signedIn } from "./fixtures";
import { insertPublished, type Actor } from "./proposals-helpers";

/**
 * Entries of competitions through the real routes: entering (API and the page form), every refusal
 * with its reason and nothing written, the stage's edges, the entry limit under concurrency, other
 * people's entries, moderation through the one queue, withdrawal, escaping and personal data.
 */

const ORG = "ent-mag";
let admin: Actor;
let moderator: Actor;
let resident: Actor;
let other: Actor;

beforeAll(async () => {
  await createOrganiser(ORG);
  admin = await newActor({ displayName: "Секретариат МАГ" });
  moderator = await newActor({ displayName: "Модератор МАГ" });
  resident = await newActor({ displayName: "Анна Жительница" });
  other = await newActor({ displayName: "Чужой житель" });
  await grantRole(admin.user.id, "organiser_admin", ORG);
  await grantRole(moderator.user.id, "moderator", ORG);
});

const competition = (over: Partial<Parameters<typeof seedCompetition>[0]> = {}) => seedCompetition({ organiserId: ORG, createdBy: admin.user.id, ...over });

/** An organisation of `type` with these confirmed members (and optionally a pending one). */
async function organisation(type: "nko" | "tos" | "administration" | "other", members: string[], pending: string[] = []) {
  const id = crypto.randomUUID();
  const now = Date.now();
  await db.batch([
    db.prepare("INSERT INTO organisations (id, organiser_id, name, type, city, member_count, created_at) VALUES (?, ?, ?, ?, 'Томск', ?, ?)").bind(id, ORG, `Организация ${type} ${id.slice(0, 4)}`, type, members.length, now),
    ...members.map((u) => db.prepare("INSERT INTO organisation_members (organisation_id, user_id, status, requested_at, decided_at) VALUES (?, ?, 'confirmed', ?, ?)").bind(id, u, now, now)),
    ...pending.map((u) => db.prepare("INSERT INTO organisation_members (organisation_id, user_id, status, requested_at) VALUES (?, ?, 'requested', ?)").bind(id, u, now)),
  ]);
  return id;
}

const practice = (nominationId: string, over: Record<string, unknown> = {}) => ({
  kind: "practice",
  nominationId,
  city: "Томск",
  title: "Дворы для детей: площадки вместе с жителями",
  problem: "Во дворах старого фонда нет безопасных мест для игр.",
  actions: "Провели 12 встреч с жителями, спроектировали и построили 8 площадок.",
  results: "8 площадок, 1 200 детей, 30 % софинансирования жителей.",
  period: "май 2024 — сентябрь 2025",
  budget: 15_000_000,
  contact: "dvory@tomsk.example",
  ...over,
});

async function enter(b: Browser, c: SeededCompetition, body: Record<string, unknown>) {
  return b.api(`/competitions/${c.id}/entries`, { json: body });
}

async function entered(b: Browser, c: SeededCompetition, body: Record<string, unknown>) {
  const res = await enter(b, c, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const entryRow = (id: string) =>
  row<{ status: string; hidden_at: number | null; reason: string | null; participant: string; kind: string; contact: string; title: string; actions: string; city: string; budget: number | null; period: string }>(
    "SELECT status, hidden_at, reason, participant, kind, contact, title, actions, city, budget, period FROM competition_entries WHERE id = ?",
    id,
  );
const entryCount = async (nominationId: string) => (await row<{ entry_count: number }>("SELECT entry_count FROM competition_nominations WHERE id = ?", nominationId))!.entry_count;
const recounted = (nominationId: string) => count("competition_entries", "nomination_id = ? AND status = 'admitted' AND hidden_at IS NULL", nominationId);
const queueItem = (id: string) => row<{ id: string; status: string; kind: string; decision: string | null; author_id: string }>("SELECT id, status, kind, decision, author_id FROM moderation_items WHERE target_type = 'entry' AND target_id = ? ORDER BY created_at DESC", id);
const TABLES = ["competition_entries", "moderation_items", "audit_log"];

describe("entering through the API", () => {
  it("a city practice in one's own name: stored as submitted, a review item in the organiser's queue, audited — together", async () => {
    const c = await competition();
    const id = await entered(resident, c, practice(c.nominationIds[0]));
    expect(await entryRow(id)).toMatchObject({ status: "submitted", participant: `u:${resident.user.id}`, kind: "practice", city: "Томск", budget: 15_000_000, contact: "dvory@tomsk.example" });
    expect(await queueItem(id)).toMatchObject({ status: "open", kind: "review", author_id: resident.user.id });
    expect(await count("audit_log", "action = 'entry.create' AND object_id = ? AND actor_id = ? AND organiser_id = ?", id, resident.user.id, ORG)).toBe(1);
    // Not admitted yet: the nomination's count of admitted entries does not move.
    expect(await entryCount(c.nominationIds[0])).toBe(0);
  });
});
