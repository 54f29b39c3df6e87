// Generates the benchmark's data set as SQL files for `wrangler d1 execute --local --file`.
//
// Why SQL files rather than the API: creating 100,000 accounts through sign-up would cost
// 100,000 PBKDF2 hashes (minutes of CPU) and a confirmation mail each; what the benchmark needs
// is a database of realistic *size and shape*, so the rows are written directly, exactly as the
// worker would have stored them (same columns, same hash format, consents recorded).
//
// The data are deterministic (a seeded PRNG), so two runs of the benchmark measure the same
// database and their numbers can be compared.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashPassword } from "../worker/accounts/password.ts";

/** Every generated account has this password (one PBKDF2 hash, computed once and reused). */
export const BENCH_PASSWORD = "bench-password-2026";
const CONSENT_VERSION = "2026-11-01";

export interface DataSetOptions {
  accounts: number;
  organisers?: number;
  organisations?: number;
  memberships?: number;
}

export interface DataSet {
  files: string[];
  counts: { accounts: number; consents: number; organisers: number; organisations: number; memberships: number; roleGrants: number; sessions: number };
  /** E-mail of the i-th account (1-based), for the sign-in rotation. */
  emailOf(i: number): string;
  /** Cookie value `sid=…` of a session belonging to an account with memberships and a role. */
  profileSessionCookie: string;
  profileUserId: string;
  /** The organisers' ids: МАГ first, then the city halls in CITIES order. */
  organiserIds: string[];
  /** The city of the i-th account (1-based; "" when the account names none). */
  cityOf(i: number): string;
  /** Accounts granted 'expert' for the benchmark's competition EXPERT_COMPETITION_ID (bench/generate-competitions.ts makes them its experts). */
  expertAccounts: number[];
  /** Each organiser's first admin and first moderator (account numbers). */
  organiserAdmins: Map<string, number>;
  organiserModerators: Map<string, number>;
  /** Each organisation's confirmed members (account numbers), for entries made on an organisation's behalf. */
  confirmedMembers: Map<string, number[]>;
}

/** The competition whose experts the role grants below name (bench/generate-competitions.ts creates it). */
export const EXPERT_COMPETITION_ID = "gorod-gde-hochetsya-zhit-2026";

const pad = (i: number) => String(i).padStart(6, "0");
export const userId = (i: number) => `bench-u-${pad(i)}`;
export const emailOf = (i: number) => `u${pad(i)}@bench.example`;

export const q = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);

/** mulberry32: tiny, fast, seedable; quality is irrelevant here, reproducibility is not. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

export const MALE = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил", "Никита", "Иван", "Егор", "Роман", "Павел"];
export const FEMALE = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Екатерина", "Светлана", "Юлия", "Дарья", "Полина", "Ксения", "Виктория", "Алина"];
export const SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев"];
export const CITIES = [
  ["Москва", "Moscow"],
  ["Санкт-Петербург", "Saint Petersburg"],
  ["Новосибирск", "Novosibirsk"],
  ["Екатеринбург", "Yekaterinburg"],
  ["Казань", "Kazan"],
  ["Нижний Новгород", "Nizhny Novgorod"],
  ["Челябинск", "Chelyabinsk"],
  ["Самара", "Samara"],
  ["Омск", "Omsk"],
  ["Ростов-на-Дону", "Rostov-on-Don"],
  ["Уфа", "Ufa"],
  ["Красноярск", "Krasnoyarsk"],
  ["Пермь", "Perm"],
  ["Воронеж", "Voronezh"],
  ["Тюмень", "Tyumen"],
] as const;
const ORG_KINDS = [
  { type: "tos", name: (n: string) => `ТОС «${n}»` },
  { type: "nko", name: (n: string) => `АНО «Центр городских инициатив „${n}“»` },
  { type: "nko", name: (n: string) => `Фонд поддержки местного сообщества «${n}»` },
  { type: "administration", name: (n: string) => `Администрация района «${n}»` },
  { type: "other", name: (n: string) => `Инициативная группа «${n}»` },
] as const;
const ORG_WORDS = ["Северный", "Южный", "Заречный", "Берёзовый", "Сосновый", "Центральный", "Молодёжный", "Солнечный", "Речной", "Зелёный", "Парковый", "Садовый"];

/** Batches rows into multi-row INSERTs under ~90 KB each (D1's per-statement size limit is 100 KB). */
export class SqlWriter {
  private statements: string[] = [];
  private rows: string[] = [];
  private rowsBytes = 0;
  private head = "";
  private tail = "";
  readonly files: string[] = [];
  private fileBytes = 0;
  private dir: string;
  private maxFileBytes: number;
  private prefix: string;
  /** `prefix` names the files (prefix-001.sql, …), so several writers can share a directory. */
  constructor(dir: string, maxFileBytes: number, prefix = "data") {
    this.dir = dir;
    this.maxFileBytes = maxFileBytes;
    this.prefix = prefix;
  }
  insert(head: string, row: string, tail = "") {
    if (head !== this.head || this.rowsBytes + row.length * 2 > 90_000) this.flushStatement();
    this.head = head;
    this.tail = tail;
    this.rows.push(row);
    this.rowsBytes += row.length * 2 + 2; // ×2: Cyrillic is two bytes in UTF-8; a cheap upper bound
  }
  raw(statement: string) {
    this.flushStatement();
    this.push(statement);
  }
  private flushStatement() {
    if (this.rows.length) this.push(`${this.head} VALUES\n${this.rows.join(",\n")}${this.tail};`);
    this.rows = [];
    this.rowsBytes = 0;
  }
  private push(statement: string) {
    this.statements.push(statement);
    this.fileBytes += statement.length * 2;
    // Several moderate files instead of one huge one: each `wrangler d1 execute` reads and
    // splits its whole file in memory, and progress is visible between files.
    if (this.fileBytes > this.maxFileBytes) this.flushFile();
  }
  private flushFile() {
    if (!this.statements.length) return;
    const file = join(this.dir, `${this.prefix}-${String(this.files.length + 1).padStart(3, "0")}.sql`);
    writeFileSync(file, this.statements.join("\n") + "\n");
    this.files.push(file);
    this.statements = [];
    this.fileBytes = 0;
  }
  close() {
    this.flushStatement();
    this.flushFile();
    return this.files;
  }
}

export async function generateDataSet(dir: string, opts: DataSetOptions): Promise<DataSet> {
  const nAccounts = opts.accounts;
  const nOrganisers = opts.organisers ?? 12;
  const nOrganisations = opts.organisations ?? 2_000;
  const nMemberships = Math.min(opts.memberships ?? 20_000, nAccounts * 2);
  if (nAccounts < 1) throw new RangeError("need at least one account");
  mkdirSync(dir, { recursive: true });
  const rnd = prng(20261101);
  const w = new SqlWriter(dir, 8 * 1024 * 1024);
  // Spread over the last two years, so created_at looks like a real sign-up history.
  const now = Date.now();
  const since = now - 2 * 365 * 86_400_000;
  const created = (i: number) => since + Math.floor(((now - since) * i) / (nAccounts + 1));

  // One hash for everyone: 100,000 separate hashes would take minutes, and the cost the
  // benchmark must see — verifying one hash per sign-in — is the same whichever hash it is.
  const hash = await hashPassword(BENCH_PASSWORD);

  // Organisers: the МАГ secretariat and city halls.
  const organiserIds: string[] = [];
  w.raw(
    `INSERT INTO organisers (id, slug, name_ru, name_en, short_name, created_at) VALUES ('bench-org-mag', 'bench-mag', 'Международная Ассамблея столиц и крупных городов', 'International Assembly of Capitals and Large Cities', 'МАГ', ${since});`,
  );
  organiserIds.push("bench-org-mag");
  for (let k = 1; k < nOrganisers; k++) {
    const [ru, en] = CITIES[(k - 1) % CITIES.length];
    const id = `bench-org-${String(k).padStart(2, "0")}`;
    organiserIds.push(id);
    w.insert(
      "INSERT INTO organisers (id, slug, name_ru, name_en, short_name, created_at)",
      `(${q(id)}, ${q(`bench-city-${k}`)}, ${q(`Мэрия города ${ru}`)}, ${q(`${en} City Hall`)}, ${q(`Мэрия ${ru}`)}, ${since})`,
    );
  }

  // Accounts and their consents (sign-up records one; the profile page reads it).
  const cities: string[] = [""];
  const userHead = "INSERT INTO users (id, email, email_confirmed_at, password_hash, display_name, city, locale, show_memberships, created_at)";
  for (let i = 1; i <= nAccounts; i++) {
    const female = rnd.next() < 0.5;
    const name = `${rnd.pick(female ? FEMALE : MALE)} ${rnd.pick(SURNAMES)}${female ? "а" : ""}`;
    const city = rnd.next() < 0.15 ? null : rnd.pick(CITIES)[0];
    const locale = rnd.next() < 0.05 ? "en" : "ru";
    const t = created(i);
    cities.push(city ?? "");
    w.insert(userHead, `(${q(userId(i))}, ${q(emailOf(i))}, ${t + 600_000}, ${q(hash)}, ${q(name)}, ${q(city)}, ${q(locale)}, ${rnd.next() < 0.3 ? 1 : 0}, ${t})`);
  }
  for (let i = 1; i <= nAccounts; i++) w.insert("INSERT INTO consents (user_id, version, accepted_at)", `(${q(userId(i))}, '${CONSENT_VERSION}', ${created(i)})`);

  // Role grants: per organiser one admin and three moderators, some experts, two platform admins.
  // Account 1 (the profile page's) is a moderator, so that page renders a role as well.
  const grants: { user: number; role: string; scope: string; organiserId: string | null; competitionId: string | null }[] = [];
  const taken = new Set<string>();
  const grant = (user: number, role: string, scope: string, organiserId: string | null, competitionId: string | null) => {
    const key = `${user}|${role}|${scope}`;
    if (taken.has(key)) return;
    taken.add(key);
    grants.push({ user, role, scope, organiserId, competitionId });
  };
  const someone = () => 1 + rnd.int(nAccounts);
  grant(1, "moderator", organiserIds[Math.min(1, organiserIds.length - 1)], organiserIds[Math.min(1, organiserIds.length - 1)], null);
  for (const org of organiserIds) {
    grant(someone(), "organiser_admin", org, org, null);
    for (let k = 0; k < 3; k++) grant(someone(), "moderator", org, org, null);
  }
  for (let k = 0; k < 50; k++) grant(someone(), "expert", EXPERT_COMPETITION_ID, "bench-org-mag", EXPERT_COMPETITION_ID);
  grant(someone(), "platform_admin", "", null, null);
  grant(someone(), "platform_admin", "", null, null);
  grants.forEach((g, k) =>
    w.insert(
      "INSERT INTO role_grants (id, user_id, role, scope, organiser_id, competition_id, granted_by, granted_at)",
      `(${q(`bench-g-${k + 1}`)}, ${q(userId(g.user))}, ${q(g.role)}, ${q(g.scope)}, ${q(g.organiserId)}, ${q(g.competitionId)}, NULL, ${now - rnd.int(300) * 86_400_000})`,
    ),
  );
  const moderatorsOf = new Map<string, number[]>();
  for (const g of grants) if (g.role === "moderator" && g.organiserId) moderatorsOf.set(g.organiserId, [...(moderatorsOf.get(g.organiserId) ?? []), g.user]);

  // Organisations and memberships; member_count is kept consistent with the confirmed rows.
  const orgs = Array.from({ length: nOrganisations }, (_, k) => {
    const kind = ORG_KINDS[k % ORG_KINDS.length];
    return {
      id: `bench-o-${String(k + 1).padStart(5, "0")}`,
      organiserId: organiserIds[k % organiserIds.length],
      name: kind.name(`${rnd.pick(ORG_WORDS)}-${k + 1}`),
      type: kind.type,
      city: rnd.pick(CITIES)[0],
      members: 0,
    };
  });
  const memberRows: string[] = [];
  const confirmedMembers = new Map<string, number[]>();
  const pairs = new Set<string>();
  const addMembership = (org: (typeof orgs)[number], user: number, status: "confirmed" | "requested" | "rejected") => {
    const key = `${org.id}|${user}`;
    if (pairs.has(key)) return;
    pairs.add(key);
    const requested = created(user) + 86_400_000;
    const decider = moderatorsOf.get(org.organiserId)?.[0];
    const decided = status === "requested" ? null : requested + 2 * 86_400_000;
    if (status === "confirmed") {
      org.members++;
      const list = confirmedMembers.get(org.id) ?? [];
      list.push(user);
      confirmedMembers.set(org.id, list);
    }
    memberRows.push(
      `(${q(org.id)}, ${q(userId(user))}, ${q(status)}, ${requested}, ${decided ?? "NULL"}, ${decided && decider ? q(userId(decider)) : "NULL"}, ${status === "rejected" ? q("Не удалось подтвердить участие") : "NULL"})`,
    );
  };
  if (orgs.length >= 3) {
    addMembership(orgs[0], 1, "confirmed");
    addMembership(orgs[1], 1, "requested");
    addMembership(orgs[2], 1, "rejected");
  }
  while (orgs.length && pairs.size < nMemberships) {
    const r = rnd.next();
    addMembership(rnd.pick(orgs), someone(), r < 0.75 ? "confirmed" : r < 0.92 ? "requested" : "rejected");
  }
  for (const o of orgs)
    w.insert(
      "INSERT INTO organisations (id, organiser_id, name, type, city, description, inn, ogrn, member_count, created_at)",
      `(${q(o.id)}, ${q(o.organiserId)}, ${q(o.name)}, ${q(o.type)}, ${q(o.city)}, ${q(`${o.name}: благоустройство, соседские инициативы, участие в городских конкурсах.`)}, NULL, NULL, ${o.members}, ${since})`,
    );
  for (const row of memberRows) w.insert("INSERT INTO organisation_members (organisation_id, user_id, status, requested_at, decided_at, decided_by, reason)", row);

  // A session for the profile page, stored the way the worker stores one: SHA-256 hex of the token.
  const token = randomBytes(32).toString("base64url");
  w.raw(
    `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, user_agent) VALUES (${q(createHash("sha256").update(token).digest("hex"))}, ${q(userId(1))}, ${now}, ${now + 30 * 86_400_000}, 'bench');`,
  );
  // No ANALYZE: the worker's own migrations never run it, so neither does the benchmark — the
  // query plans measured are the ones a real database of this size would get.

  return {
    files: w.close(),
    counts: { accounts: nAccounts, consents: nAccounts, organisers: organiserIds.length, organisations: orgs.length, memberships: memberRows.length, roleGrants: grants.length, sessions: 1 },
    emailOf,
    profileSessionCookie: `sid=${token}`,
    profileUserId: userId(1),
    organiserIds,
    cityOf: (i) => cities[i] ?? "",
    expertAccounts: grants.filter((g) => g.role === "expert" && g.competitionId === EXPERT_COMPETITION_ID).map((g) => g.user),
    confirmedMembers,
    organiserAdmins: new Map(organiserIds.map((o) => [o, grants.find((g) => g.role === "organiser_admin" && g.organiserId === o)!.user])),
    organiserModerators: new Map(organiserIds.map((o) => [o, moderatorsOf.get(o)![0]])),
  };
}
