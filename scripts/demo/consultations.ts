// Demo consultations: four real documents (scripts/demo/seeds) parsed by the module's own parser, one
// in each state a visitor can meet — open for remarks (004), closed with its «сводка предложений»
// and a second version (000), adopted with commitments being tracked (003), upcoming (002).
//
// Fixed ids and ON CONFLICT DO NOTHING, so a restart adds nothing. Clauses are inserted only while
// their version is a draft (the migration's triggers refuse any clause change in a published
// version — even an insert that ON CONFLICT would ignore, since a BEFORE trigger runs first), and the
// version is flipped to published afterwards with `WHERE status = 'draft'`, so re-running is a no-op.
// The window dates are computed from the time of the first load; counters are recounted from the rows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DraftClause } from "../../worker/consultations/clause-types.ts";
import { suggestAddressees } from "../../worker/consultations/parser/addressees.ts";
import { parseClauses } from "../../worker/consultations/parser/clauses.ts";
import type { CommitmentStatus, Disposition, RemarkKind, RemarkShownAs } from "../../worker/consultations/schema.ts";
import { q } from "./sql.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SEEDS = join(import.meta.dirname, "seeds");
const seed = (file: string) => readFileSync(join(SEEDS, file), "utf8");
/** A calendar date in Moscow (UTC+3 all year), as due dates and adoption dates are stored. */
const moscowDate = (ms: number) => new Date(ms + 3 * HOUR).toISOString().slice(0, 10);

interface Clause extends DraftClause {
  id: string;
  position: number;
  lineage: string;
}

/** The parsed document, each clause with its id; `find` picks one by section heading and number. */
function document(versionId: string, source: string) {
  const clauses: Clause[] = suggestAddressees(parseClauses(source)).map((c, position) => ({ ...c, id: `${versionId}-${position}`, position, lineage: `${versionId}-${position}` }));
  return { clauses, find: (number: string, section?: string) => findClause(clauses, number, section) };
}

function findClause(clauses: Clause[], number: string, section?: string): Clause {
  let from = 0;
  if (section) from = clauses.findIndex((c) => c.kind === "heading" && c.text.includes(section));
  const found = clauses.find((c, i) => i > from && c.number === number);
  if (from < 0 || !found) throw new Error(`demo consultations: no clause ${number} in ${section ?? "the document"}`);
  return found;
}

interface Consultation {
  id: string;
  organiserId: string;
  createdBy: string;
  title: string;
  adoptingBody: string;
  description: string;
  status: "published" | "adopted";
  opensAt: number;
  closesAt: number;
  currentVersion: number;
  createdAt: number;
  publishedAt: number;
}

interface Version {
  id: string;
  number: number;
  note?: string;
  sourceText: string;
  clauses: Clause[];
  createdAt: number;
  publishedAt: number;
  summaryPublishedAt?: number;
  adopted?: { on: string; by: string; at: number };
}

interface Remark {
  id: string;
  clause: Clause | null;
  authorId: string;
  shownAs: RemarkShownAs;
  kind: RemarkKind;
  body: string;
  proposedText?: string;
  createdAt: number;
  supporters: string[];
  disposition?: { value: Disposition; reason: string; at: number; by: string };
  /** Clauses of the next version that took it into account (written once that version exists). */
  linkedTo?: Clause[];
}

/** Members speak for their organisation when they choose «от организации». */
const ORGANISATION_OF: Record<string, string> = { "demo-u-member": "demo-tos", "demo-u-nko": "demo-nko" };

function consultationSql(c: Consultation): string {
  return `INSERT INTO consultations (id, organiser_id, title, adopting_body, description, status, opens_at, closes_at, current_version, remark_count, created_by, created_at, updated_at, published_at) VALUES (${q(c.id)}, ${q(c.organiserId)}, ${q(c.title)}, ${q(c.adoptingBody)}, ${q(c.description)}, ${q(c.status)}, ${c.opensAt}, ${c.closesAt}, ${c.currentVersion}, 0, ${q(c.createdBy)}, ${c.createdAt}, ${c.publishedAt}, ${c.publishedAt}) ON CONFLICT DO NOTHING;`;
}

/** The version as a draft, its clauses, then the flip to published (a no-op once published). */
function versionSql(c: Consultation, v: Version): string[] {
  const lines = [
    `INSERT INTO consultation_versions (id, consultation_id, number, status, note, source_text, clause_count, remark_count, created_by, created_at, summary_published_at, adopted_on, adopted_by, adopted_at) VALUES (${q(v.id)}, ${q(c.id)}, ${v.number}, 'draft', ${q(v.note ?? "")}, ${q(v.sourceText)}, ${v.clauses.length}, 0, ${q(c.createdBy)}, ${v.createdAt}, ${q(v.summaryPublishedAt ?? null)}, ${q(v.adopted?.on ?? null)}, ${q(v.adopted?.by ?? null)}, ${q(v.adopted?.at ?? null)}) ON CONFLICT DO NOTHING;`,
  ];
  for (const k of v.clauses)
    lines.push(
      `INSERT INTO consultation_clauses (id, version_id, consultation_id, position, depth, kind, number, text, addressees, lineage, remark_count) SELECT ${q(k.id)}, ${q(v.id)}, ${q(c.id)}, ${k.position}, ${k.depth}, ${q(k.kind)}, ${q(k.number)}, ${q(k.text)}, ${q(JSON.stringify(k.addressees))}, ${q(k.lineage)}, 0 WHERE EXISTS (SELECT 1 FROM consultation_versions WHERE id = ${q(v.id)} AND status = 'draft') ON CONFLICT DO NOTHING;`,
    );
  lines.push(`UPDATE consultation_versions SET status = 'published', published_at = ${v.publishedAt} WHERE id = ${q(v.id)} AND status = 'draft';`);
  return lines;
}

function remarksSql(c: Consultation, v: Version, remarks: Remark[]): string[] {
  const lines: string[] = [];
  for (const r of remarks) {
    const organisationId = r.shownAs === "organisation" ? ORGANISATION_OF[r.authorId] : null;
    const d = r.disposition;
    lines.push(
      `INSERT INTO remarks (id, consultation_id, version_id, clause_id, clause_position, organiser_id, author_id, organisation_id, shown_as, kind, body, proposed_text, status, support_count, reply_count, created_at, disposition, disposition_reason, disposed_at, disposed_by) VALUES (${q(r.id)}, ${q(c.id)}, ${q(v.id)}, ${q(r.clause?.id ?? null)}, ${r.clause?.position ?? -1}, ${q(c.organiserId)}, ${q(r.authorId)}, ${q(organisationId ?? null)}, ${q(r.shownAs)}, ${q(r.kind)}, ${q(r.body)}, ${q(r.proposedText ?? null)}, 'visible', 0, 0, ${r.createdAt}, ${q(d?.value ?? null)}, ${q(d?.reason ?? null)}, ${q(d?.at ?? null)}, ${q(d?.by ?? null)}) ON CONFLICT DO NOTHING;`,
    );
    r.supporters.forEach((userId, i) =>
      lines.push(`INSERT INTO remark_supports (remark_id, user_id, created_at) VALUES (${q(r.id)}, ${q(userId)}, ${r.createdAt + (i + 1) * HOUR}) ON CONFLICT DO NOTHING;`),
    );
  }
  return lines;
}

function eventSql(id: string, c: Consultation, kind: string, params: Record<string, string | number>, url: string, at: number): string {
  return `INSERT INTO consultation_events (id, consultation_id, organiser_id, kind, params, url, created_at) VALUES (${q(id)}, ${q(c.id)}, ${q(c.organiserId)}, ${q(kind)}, ${q(JSON.stringify(params))}, ${q(url)}, ${at}) ON CONFLICT DO NOTHING;`;
}

// ---- 004: open ------------------------------------------------------------------------------

function activeCity(now: number): string[] {
  const source = seed("004_4ae2ef571d6fa131.txt");
  const doc = document("demo-cv-004-1", source);
  const c: Consultation = {
    id: "demo-cons-004",
    organiserId: "org-nsk",
    createdBy: "demo-u-admin",
    title: "Резолюция VIII Форума городских сообществ «Активный город»",
    adoptingBody: "Участники VIII Форума городских сообществ «Активный город»",
    description:
      "Проект резолюции форума (Новосибирск, 24–30 октября 2024 года): рекомендации секций «Город соседей», «Город патриотов», «Город добрых» и «Город друзей» мэрии, Совету депутатов, ТОС и НКО. Оставьте замечание к пункту или предложите свою редакцию, пока открыто обсуждение.",
    status: "published",
    opensAt: now - 5 * DAY,
    closesAt: now + 25 * DAY,
    currentVersion: 1,
    createdAt: now - 7 * DAY,
    publishedAt: now - 5 * DAY,
  };
  const v: Version = { id: "demo-cv-004-1", number: 1, sourceText: source, clauses: doc.clauses, createdAt: now - 7 * DAY, publishedAt: now - 5 * DAY };
  const at = (hoursAgo: number) => now - hoursAgo * HOUR;
  const remarks: Remark[] = [
    {
      id: "demo-r-004-1",
      clause: doc.find("2.1", "Город соседей"),
      authorId: "demo-u-member",
      shownAs: "organisation",
      kind: "wording",
      proposedText:
        "Провести работу по организации ежегодного конкурса социально-значимых проектов для территориальных общественных самоуправлений с публикацией критериев оценки и результатов экспертизы.",
      body: "Когда критерии и баллы экспертов открыты, ТОС понимают, за что снижена оценка, и следующую заявку пишут лучше.",
      createdAt: at(110),
      supporters: ["demo-u-resident", "demo-u-nko"],
    },
    {
      id: "demo-r-004-2",
      clause: doc.find("2.2", "Город соседей"),
      authorId: "demo-u-resident",
      shownAs: "name",
      kind: "comment",
      body: "Прошу проводить занятия «Школы ТОС» вечером или в выходные: председатели советов ТОС работают, днём прийти не могут. И выкладывать записи занятий.",
      createdAt: at(96),
      supporters: ["demo-u-member"],
    },
    {
      id: "demo-r-004-3",
      clause: doc.find("3.2", "Город соседей"),
      authorId: "demo-u-member",
      shownAs: "name",
      kind: "comment",
      body: "Молодёжь охотно идёт в проекты с понятным результатом за одно лето: дворовые турниры, роспись трансформаторных будок по согласованию с владельцем. Стоит привести такие примеры.",
      createdAt: at(80),
      supporters: [],
    },
    {
      id: "demo-r-004-4",
      clause: doc.find("3.2", "Город соседей"),
      authorId: "demo-u-member",
      shownAs: "organisation",
      kind: "new_clause",
      proposedText: "3.3. Ежегодно отмечать лучшие ТОС по итогам года и рассказывать об их проектах на сайте мэрии и в районных газетах.",
      body: "Признание важно для актива не меньше, чем гранты.",
      createdAt: at(72),
      supporters: ["demo-u-resident"],
    },
    {
      id: "demo-r-004-5",
      clause: doc.find("1.3", "Город патриотов"),
      authorId: "demo-u-resident",
      shownAs: "name",
      kind: "wording",
      proposedText: "Рассмотреть возможность создания цифровых музеев оборонных предприятий с открытым доступом для школьников и студентов.",
      body: "",
      createdAt: at(60),
      supporters: ["demo-u-member"],
    },
    {
      id: "demo-r-004-6",
      clause: doc.find("1.5", "Город добрых"),
      authorId: "demo-u-nko",
      shownAs: "organisation",
      kind: "new_clause",
      proposedText:
        "1.7. Организовать в МКУ «Координационный центр «Активный город» консультации для НКО по подготовке заявок на грантовые конкурсы и отчётов по грантам.",
      body: "Небольшие НКО чаще всего проигрывают на оформлении заявки, а не на содержании проекта.",
      createdAt: at(50),
      supporters: ["demo-u-member", "demo-u-resident"],
    },
    {
      id: "demo-r-004-7",
      clause: doc.find("2.1", "Город добрых"),
      authorId: "demo-u-nko",
      shownAs: "name",
      kind: "objection",
      body: "Ярмарки в каждом районе по отдельности собирают мало посетителей. Лучше одна общегородская ярмарка социальных услуг НКО два раза в год, с выездными площадками в районах.",
      createdAt: at(30),
      supporters: [],
    },
    {
      id: "demo-r-004-8",
      clause: doc.find("4", "Город друзей"),
      authorId: "demo-u-resident",
      shownAs: "anonymous",
      kind: "objection",
      body: "Стационарный пункт полиции нужен жителям Хилокского жилмассива сам по себе. Не стоит связывать его возвращение только с приезжими — это настраивает соседей друг против друга.",
      createdAt: at(20),
      supporters: ["demo-u-nko"],
    },
    {
      id: "demo-r-004-9",
      clause: null,
      authorId: "demo-u-nko",
      shownAs: "name",
      kind: "comment",
      body: "Резолюцию стоит дополнить сроками и ответственными по каждому пункту — иначе через год трудно будет понять, что выполнено.",
      createdAt: at(6),
      supporters: ["demo-u-resident", "demo-u-member"],
    },
  ];
  return [
    consultationSql(c),
    ...versionSql(c, v),
    ...remarksSql(c, v, remarks),
    // A reply to a remark (the discussion under it), by the chair of a ТОС.
    `INSERT INTO comments (id, target_type, target_id, organiser_id, parent_id, root_id, author_id, body, status, created_at) VALUES ('demo-c-remark-1', 'remark', 'demo-r-004-2', ${q(c.organiserId)}, NULL, 'demo-c-remark-1', 'demo-u-member', ${q("Поддерживаю. В ТОС «Северный» записи занятий уже выкладываем в группе дома — можем поделиться с мэрией.")}, 'visible', ${at(90)}) ON CONFLICT DO NOTHING;`,
    eventSql("demo-ev-004-published", c, "published", { title: c.title }, `/consultations/${c.id}`, c.publishedAt),
  ];
}

// ---- 000: closed, dispositions, summary, version 2 ---------------------------------------------

function childrenAndCity(now: number): string[] {
  const source = seed("000_55ff901bd2de4cb6.txt");
  const v1doc = document("demo-cv-000-1", source);
  const c: Consultation = {
    id: "demo-cons-000",
    organiserId: "org-mag",
    createdBy: "demo-u-organiser",
    title: "Резолюция Международного форума МАГ «Мегаполис: XXI век. Город и дети»",
    adoptingBody: "Участники Международного форума МАГ «Мегаполис: XXI век»",
    description:
      "Проект итоговой резолюции форума (Москва, 19–20 декабря 2012 года). Обсуждение завершено: по каждому замечанию принято решение, сводка предложений опубликована, вторая редакция учитывает принятые предложения.",
    status: "published",
    opensAt: now - 70 * DAY,
    closesAt: now - 40 * DAY,
    currentVersion: 2,
    createdAt: now - 72 * DAY,
    publishedAt: now - 70 * DAY,
  };
  const v1: Version = { id: "demo-cv-000-1", number: 1, sourceText: source, clauses: v1doc.clauses, createdAt: now - 72 * DAY, publishedAt: now - 70 * DAY, summaryPublishedAt: now - 30 * DAY };

  // Version 2: the same clauses (same lineage) with the accepted remarks worked in, and one new clause.
  const v2id = "demo-cv-000-2";
  const v2clauses: Clause[] = v1doc.clauses.map((k) => ({ ...k, addressees: [...k.addressees] }));
  const in2 = (number: string) => findClause(v2clauses, number);
  in2("8.2").text = in2("8.2").text.replace("не позднее 15 января 2013 года", "не позднее 1 февраля 2013 года");
  const firstItemOf83 = v2clauses[v2clauses.indexOf(in2("8.3")) + 1];
  firstItemOf83.text = firstItemOf83.text.replace(
    "«Библиотека городских практик. Город и дети»",
    "«Библиотека городских практик. Город и дети», включив в неё рекомендации по учёту потребностей детей при планировании городских территорий,",
  );
  const newClause: Clause = {
    kind: "clause",
    number: "8.6",
    depth: 1,
    text: "Поручить Оргкомитету форума включить в программу форума 2013 года круглый стол «Безопасность детей на улично-дорожной сети крупного города».",
    addressees: ["Оргкомитету форума"],
    id: "",
    position: 0,
    lineage: "",
  };
  v2clauses.splice(v2clauses.indexOf(in2("8.5")) + 1, 0, newClause);
  v2clauses.forEach((k, position) => {
    k.id = `${v2id}-${position}`;
    k.position = position;
    if (k === newClause) k.lineage = k.id;
  });
  const v2: Version = {
    id: v2id,
    number: 2,
    note: "Учтены замечания, поступившие в ходе обсуждения: срок представления итоговой резолюции перенесён на 1 февраля 2013 года (п. 8.2), рекомендации по учёту потребностей детей при планировании включены в серию «Библиотека городских практик» (п. 8.3), добавлен п. 8.6 о круглом столе по безопасности детей на дорогах.",
    sourceText: "",
    clauses: v2clauses,
    createdAt: now - 28 * DAY,
    publishedAt: now - 25 * DAY,
  };

  const disposedAt = now - 35 * DAY;
  const by = "demo-u-organiser";
  const remarks: Remark[] = [
    {
      id: "demo-r-000-1",
      clause: v1doc.find("8.2"),
      authorId: "demo-u-expert",
      shownAs: "name",
      kind: "wording",
      proposedText: v1doc.find("8.2").text.replace("не позднее 15 января 2013 года", "не позднее 1 февраля 2013 года"),
      body: "С учётом новогодних праздников двух недель мало: замечания городов придут только в середине января.",
      createdAt: now - 66 * DAY,
      supporters: ["demo-u-member", "demo-u-resident"],
      disposition: { value: "accepted", reason: "Срок перенесён: города просили время на согласование замечаний.", at: disposedAt, by },
      linkedTo: [in2("8.2")],
    },
    {
      id: "demo-r-000-2",
      clause: v1doc.find("8.3"),
      authorId: "demo-u-nko",
      shownAs: "organisation",
      kind: "new_clause",
      proposedText: "- подготовить методические рекомендации для городов по учёту потребностей детей при планировании территорий и разместить их в «Библиотеке городских практик».",
      body: "Практики городов есть, но проектировщикам нужен короткий документ, с которым можно работать.",
      createdAt: now - 60 * DAY,
      supporters: ["demo-u-expert"],
      disposition: { value: "partly", reason: "Рекомендации войдут в тематическую серию «Библиотека городских практик. Город и дети»; отдельным документом не выпускаются.", at: disposedAt, by },
      linkedTo: [firstItemOf83],
    },
    {
      id: "demo-r-000-3",
      clause: v1doc.find("9.2"),
      authorId: "demo-u-member",
      shownAs: "name",
      kind: "objection",
      body: "Платная подписка на специализированные издания — лишняя нагрузка на бюджеты небольших городов.",
      createdAt: now - 58 * DAY,
      supporters: [],
      disposition: { value: "rejected", reason: "Подписка рекомендуется, а не предписывается; электронная версия «Вестника МАГ» предоставляется городам-членам МАГ бесплатно.", at: disposedAt, by },
    },
    {
      id: "demo-r-000-4",
      clause: v1doc.find("10.4"),
      authorId: "demo-u-resident",
      shownAs: "name",
      kind: "wording",
      proposedText: v1doc.find("10.4").text.replace("малого и среднего бизнеса", "малого, среднего и семейного бизнеса"),
      body: "",
      createdAt: now - 55 * DAY,
      supporters: [],
      disposition: { value: "rejected", reason: "Семейный бизнес входит в малый и средний; отдельное упоминание не меняет содержания пункта.", at: disposedAt, by },
    },
    {
      id: "demo-r-000-5",
      clause: v1doc.find("11.2"),
      authorId: "demo-u-resident",
      shownAs: "anonymous",
      kind: "comment",
      body: "Акцию «Обними ребенка» стоит проводить весь год, через школы и детские поликлиники, а не только в дни форума.",
      createdAt: now - 50 * DAY,
      supporters: ["demo-u-nko"],
      disposition: { value: "out_of_scope", reason: "Сроки и формат акции определит отдельное Положение (п. 11.2); предложение передано в Экспертный совет МАГ.", at: disposedAt, by },
    },
    {
      id: "demo-r-000-6",
      clause: null,
      authorId: "demo-u-expert",
      shownAs: "name",
      kind: "comment",
      body: "В резолюции о городе и детях нет ни слова о безопасности детей на дорогах. Предлагаю вынести эту тему на форум 2013 года.",
      createdAt: now - 45 * DAY,
      supporters: ["demo-u-resident", "demo-u-member", "demo-u-nko"],
      disposition: { value: "accepted", reason: "Добавлен п. 8.6: круглый стол по безопасности детей на улично-дорожной сети в программе форума 2013 года.", at: disposedAt, by },
      linkedTo: [newClause],
    },
  ];
  return [
    consultationSql(c),
    ...versionSql(c, v1),
    ...remarksSql(c, v1, remarks),
    ...versionSql(c, v2),
    // The links are written after version 2's clauses exist.
    ...remarks.flatMap((r) => (r.linkedTo ?? []).map((k) => `INSERT INTO remark_links (remark_id, clause_id) VALUES (${q(r.id)}, ${q(k.id)}) ON CONFLICT DO NOTHING;`)),
    eventSql("demo-ev-000-published", c, "published", { title: c.title }, `/consultations/${c.id}`, c.publishedAt),
    eventSql("demo-ev-000-summary", c, "summary", { title: c.title, version: 1 }, `/consultations/${c.id}/summary?version=1`, v1.summaryPublishedAt!),
    eventSql("demo-ev-000-version", c, "version", { title: c.title, version: 2 }, `/consultations/${c.id}?version=2`, v2.publishedAt),
  ];
}

// ---- 003: adopted, commitments -----------------------------------------------------------------

interface Commitment {
  id: string;
  clause: Clause;
  addressee: string;
  responsible: string;
  dueOn: string | null;
  status: CommitmentStatus;
  notes: { daysAgo: number; body: string; status: CommitmentStatus | null }[];
}

function seventeenthSession(now: number): string[] {
  const source = seed("003_f4e2f1aadaa07caa.txt");
  const doc = document("demo-cv-003-1", source);
  // The organiser's corrections in the editor: who carries out 1.1, and the commission named in 1.2.
  doc.find("1.1").addressees = ["Секретариату МАГ"];
  doc.find("1.2").addressees = ["Экспертному совету МАГ", "Постоянной комиссии МАГ по информационной политике и PR-проектам"];
  const adoptedAt = now - 85 * DAY;
  const c: Consultation = {
    id: "demo-cons-003",
    organiserId: "org-mag",
    createdBy: "demo-u-organiser",
    title: "Решение Семнадцатой сессии МАГ",
    adoptingBody: "Сессия Ассоциации «Международная Ассамблея столиц и крупных городов»",
    description:
      "Решение сессии (Москва, 30 ноября 2009 года) об итогах Форума «Мегаполис: XXI век» и об основных мероприятиях МАГ на 2010 год. Принято; исполнение поручений отслеживается по каждому адресату.",
    status: "adopted",
    opensAt: now - 120 * DAY,
    closesAt: now - 95 * DAY,
    currentVersion: 1,
    createdAt: now - 122 * DAY,
    publishedAt: now - 120 * DAY,
  };
  const v: Version = {
    id: "demo-cv-003-1",
    number: 1,
    sourceText: source,
    clauses: doc.clauses,
    createdAt: now - 122 * DAY,
    publishedAt: now - 120 * DAY,
    adopted: { on: moscowDate(adoptedAt), by: "Семнадцатая сессия МАГ", at: adoptedAt },
  };
  const due = (days: number) => moscowDate(now + days * DAY);
  const commitments: Commitment[] = [
    {
      id: "demo-cm-003-1",
      clause: doc.find("1.1"),
      addressee: "Секретариату МАГ",
      responsible: "Секретариат МАГ",
      dueOn: due(-30),
      status: "done",
      notes: [
        { daysAgo: 80, body: "Перечень приоритетов проекта «Электронный город будущего» разослан городам — членам МАГ.", status: "in_progress" },
        { daysAgo: 60, body: "Получены ответы 23 городов; готовится сводка для мониторинга.", status: null },
        { daysAgo: 35, body: "Мониторинг информационного развития городов проведён, итоги опубликованы в «Вестнике МАГ».", status: "done" },
      ],
    },
    {
      id: "demo-cm-003-2",
      clause: doc.find("1.2"),
      addressee: "Экспертному совету МАГ",
      responsible: "Экспертный совет МАГ",
      dueOn: due(60),
      status: "in_progress",
      notes: [{ daysAgo: 50, body: "Предложения, поступившие к конференции, обобщены; проект плана совместных действий направлен в МРГ.", status: "in_progress" }],
    },
    {
      id: "demo-cm-003-3",
      clause: doc.find("1.2"),
      addressee: "Постоянной комиссии МАГ по информационной политике и PR-проектам",
      responsible: "",
      dueOn: due(-20),
      status: "failed",
      notes: [{ daysAgo: 15, body: "Комиссия в отчётном периоде не собиралась; её часть работы передана Экспертному совету МАГ.", status: "failed" }],
    },
    {
      id: "demo-cm-003-4",
      clause: doc.find("1.4"),
      addressee: "Секретариату МАГ",
      responsible: "Секретариат МАГ, Управление информатизации города Москвы",
      // Overdue: the date has passed and the work is not finished.
      dueOn: due(-10),
      status: "in_progress",
      notes: [{ daysAgo: 40, body: "Сборник лучших программно-технических решений свёрстан; концепция презентации проектов Москвы на согласовании.", status: "in_progress" }],
    },
    {
      id: "demo-cm-003-5",
      clause: doc.find("2.1"),
      addressee: "Экспертному совету МАГ",
      responsible: "Экспертный совет МАГ",
      dueOn: due(20),
      status: "not_started",
      notes: [],
    },
  ];
  const lines = [consultationSql(c), ...versionSql(c, v), eventSql("demo-ev-003-published", c, "published", { title: c.title }, `/consultations/${c.id}`, c.publishedAt)];
  lines.push(
    eventSql("demo-ev-003-adopted", c, "adopted", { title: c.title, version: 1, adoptedOn: v.adopted!.on, adoptedBy: v.adopted!.by }, `/consultations/${c.id}/implementation`, adoptedAt),
  );
  for (const m of commitments) {
    const statusNotes = m.notes.filter((n) => n.status !== null);
    const changedAt = statusNotes.length > 0 ? now - statusNotes[statusNotes.length - 1].daysAgo * DAY : adoptedAt;
    const updatedAt = m.notes.length > 0 ? now - Math.min(...m.notes.map((n) => n.daysAgo)) * DAY : adoptedAt;
    lines.push(
      `INSERT INTO commitments (id, consultation_id, organiser_id, version_id, clause_id, clause_position, addressee, responsible, due_on, status, status_changed_at, created_at, updated_at) VALUES (${q(m.id)}, ${q(c.id)}, ${q(c.organiserId)}, ${q(v.id)}, ${q(m.clause.id)}, ${m.clause.position}, ${q(m.addressee)}, ${q(m.responsible)}, ${q(m.dueOn)}, ${q(m.status)}, ${changedAt}, ${adoptedAt}, ${updatedAt}) ON CONFLICT DO NOTHING;`,
    );
    m.notes.forEach((n, i) => {
      const at = now - n.daysAgo * DAY;
      lines.push(
        `INSERT INTO commitment_notes (id, commitment_id, author_id, noted_on, body, status, created_at) VALUES (${q(`${m.id}-n${i + 1}`)}, ${q(m.id)}, 'demo-u-organiser', ${q(moscowDate(at))}, ${q(n.body)}, ${q(n.status)}, ${at}) ON CONFLICT DO NOTHING;`,
      );
      if (n.status)
        lines.push(
          eventSql(`${m.id}-ev${i + 1}`, c, "commitment_status", { title: c.title, addressee: m.addressee, status: n.status, clause: m.clause.number }, `/consultations/${c.id}/implementation#commitment-${m.id}`, at),
        );
    });
  }
  return lines;
}

// ---- 002: upcoming ----------------------------------------------------------------------------

function citiesOfFuture(now: number): string[] {
  const source = seed("002_40d759b66f19c75e.txt");
  const doc = document("demo-cv-002-1", source);
  const c: Consultation = {
    id: "demo-cons-002",
    organiserId: "org-mag",
    createdBy: "demo-u-organiser",
    title: "Резолюция Международного форума местных властей «Города настоящего и будущего»",
    adoptingBody: "Участники Международного форума местных властей «Города настоящего и будущего»",
    description:
      "Документ Союза российских городов (Тюмень, 20 октября 2022 года). МАГ выносит резолюцию на обсуждение городов — членов Ассамблеи, чтобы собрать предложения к общей позиции по межмуниципальному и приграничному сотрудничеству. Текст можно прочитать уже сейчас; замечания принимаются с открытия обсуждения.",
    status: "published",
    opensAt: now + 3 * DAY,
    closesAt: now + 33 * DAY,
    currentVersion: 1,
    createdAt: now - 2 * DAY,
    publishedAt: now - 1 * DAY,
  };
  const v: Version = { id: "demo-cv-002-1", number: 1, sourceText: source, clauses: doc.clauses, createdAt: now - 2 * DAY, publishedAt: now - 1 * DAY };
  return [consultationSql(c), ...versionSql(c, v), eventSql("demo-ev-002-published", c, "published", { title: c.title }, `/consultations/${c.id}`, c.publishedAt)];
}

export function consultationsDemoSql(now: number): string[] {
  return [
    ...activeCity(now),
    ...childrenAndCity(now),
    ...seventeenthSession(now),
    ...citiesOfFuture(now),
    // Counters from the rows, as the worker keeps them (not deleted; hidden ones included).
    `UPDATE remarks SET support_count = (SELECT count(*) FROM remark_supports s WHERE s.remark_id = remarks.id), reply_count = (SELECT count(*) FROM comments c WHERE c.target_type = 'remark' AND c.target_id = remarks.id AND c.status <> 'deleted') WHERE consultation_id LIKE 'demo-cons-%';`,
    `UPDATE consultation_clauses SET remark_count = (SELECT count(*) FROM remarks r WHERE r.clause_id = consultation_clauses.id AND r.status <> 'deleted') WHERE consultation_id LIKE 'demo-cons-%';`,
    `UPDATE consultation_versions SET remark_count = (SELECT count(*) FROM remarks r WHERE r.version_id = consultation_versions.id AND r.status <> 'deleted') WHERE consultation_id LIKE 'demo-cons-%';`,
    `UPDATE consultations SET remark_count = (SELECT count(*) FROM remarks r WHERE r.consultation_id = consultations.id AND r.status <> 'deleted') WHERE id LIKE 'demo-cons-%';`,
  ];
}
