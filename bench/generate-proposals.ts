// Generates the benchmark's proposals, supports and discussions as SQL files, on top of the
// accounts and organisers of bench/generate.ts — rows exactly as the worker stores them (same
// columns, counters consistent with the rows they count), deterministic (a seeded PRNG and
// arithmetic over row numbers, no randomness inside SQLite).
//
// What is written how, and why (wrangler's local execute costs about a second per megabyte of SQL,
// SQLite itself writes tens of thousands of rows a second — so the SQL is kept small):
// - proposals: compact rows of numbers and indexes, chosen here, turned into full rows by an
//   INSERT … SELECT that composes the Russian text from fragments inside SQLite (~200 bytes of SQL
//   a row instead of ~1.7 KB, the stored rows as long as real ones);
// - supports (a million) and the background comments on other proposals: INSERT … SELECT over a
//   recursive CTE, driven by each proposal's own counter (a few hundred bytes of SQL for all of
//   them). The counters are chosen first (here, skewed like real attention), so each counter and
//   its rows agree by construction;
// - the hot discussion: literal rows, built here (threads, replies, votes and their counters).
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { CITIES, prng, q, SqlWriter, userId } from "./generate.ts";

export interface ProposalSetOptions {
  /** Accounts 1..accounts exist (bench/generate.ts). */
  accounts: number;
  /** Organiser ids of bench/generate.ts: the first is МАГ, the others are city halls (in CITIES order). */
  organiserIds: string[];
  proposals: number;
  supports: number;
  /** Comments on the one "hot" proposal (top-level ones and replies). */
  hotComments: number;
  /** Comments spread over the other published proposals. */
  comments: number;
  /** Signed-in sessions of accounts that support nothing yet: the support request's rotation. */
  sessions: number;
}

export interface ProposalSet {
  files: { proposals: string[]; supports: string[]; comments: string[] };
  counts: {
    themes: number;
    proposals: number;
    published: number;
    supports: number;
    comments: number;
    hotComments: number;
    hotTopLevel: number;
    hotDeleted: number;
    hotHidden: number;
    commentVotes: number;
    sessions: number;
  };
  /** Milliseconds spent building the rows and writing the SQL files. */
  generationMs: number;
  /** The theme the list is filtered by (the most common one). */
  theme: string;
  hotId: string;
  /** A published proposal with a median number of supports and a few comments. */
  typicalId: string;
  /** `sid=…` cookies of accounts that have supported nothing. */
  supportSessions: string[];
  /** Published, visible proposals: what a support may be given to. */
  supportTargets: string[];
}

const pad6 = (i: number) => String(i).padStart(6, "0");
export const proposalId = (i: number) => `bench-p-${pad6(i)}`;
const PROPOSAL_PREFIX = "bench-p-"; // substr(id, 9) is the number

export const THEMES = [
  ["blagoustroystvo", "Благоустройство", "Public spaces", 26],
  ["deti-i-semya", "Дети и семья", "Children and family", 14],
  ["sport", "Спорт и здоровье", "Sport and health", 11],
  ["kultura", "Культура и память", "Culture and heritage", 9],
  ["ekologiya", "Экология", "Environment", 10],
  ["starshee-pokolenie", "Старшее поколение", "Older people", 7],
  ["dostupnaya-sreda", "Доступная среда", "Accessibility", 7],
  ["molodezh", "Молодёжь", "Youth", 7],
  ["bezopasnost", "Безопасность", "Safety", 5],
  ["sosedskie-soobshchestva", "Соседские сообщества", "Neighbourhood communities", 4],
] as const;

const TITLES: Record<string, string[]> = {
  blagoustroystvo: ["Благоустройство сквера", "Обустройство пешеходной дорожки", "Освещение аллеи", "Ремонт лестницы к остановке", "Новая зона отдыха", "Озеленение двора", "Скамейки и урны вдоль набережной"],
  "deti-i-semya": ["Детская площадка", "Семейный клуб выходного дня", "Игровая комната в библиотеке", "Летний лагерь для детей", "Площадка для малышей"],
  sport: ["Воркаут-площадка", "Хоккейная коробка", "Беговая дорожка в парке", "Футбольное поле с искусственным покрытием", "Секция скандинавской ходьбы"],
  kultura: ["Музей истории улицы", "Летний кинотеатр под открытым небом", "Реставрация мемориала", "Фестиваль дворовых театров", "Краеведческие экскурсии"],
  ekologiya: ["Раздельный сбор отходов", "Посадка деревьев", "Очистка берега реки", "Экологическая тропа", "Пункт приёма батареек"],
  "starshee-pokolenie": ["Клуб компьютерной грамотности для пожилых", "Танцы для старшего поколения", "Серебряные волонтёры", "Сад для жителей дома престарелых"],
  "dostupnaya-sreda": ["Пандус у поликлиники", "Тактильная плитка на переходе", "Доступный вход в библиотеку", "Звуковые светофоры"],
  molodezh: ["Молодёжное пространство", "Скейт-парк", "Школа городских медиа", "Стена для граффити"],
  bezopasnost: ["Безопасный переход у школы", "Освещение двора", "Лежачие полицейские у детского сада", "Видеонаблюдение на площадке"],
  "sosedskie-soobshchestva": ["Соседский центр", "Общий огород во дворе", "Книжный шкаф в подъезде", "Праздник двора"],
};
const STREETS = ["Ленина", "Мира", "Советской", "Гагарина", "Садовой", "Лесной", "Школьной", "Молодёжной", "Победы", "Набережной", "Первомайской", "Октябрьской"];
const DISTRICTS = ["Центральный", "Ленинский", "Кировский", "Октябрьский", "Советский", "Заречный", "Северный", "Железнодорожный"];
const PROBLEMS = [
  "Во дворе нет места, где дети могут безопасно играть: старое оборудование демонтировали три года назад, нового так и не поставили.",
  "Жители вынуждены ходить по проезжей части, потому что тротуар разрушен, а зимой его не чистят.",
  "Вечером участок не освещён, и люди обходят его стороной; за прошлый год было несколько обращений в полицию.",
  "Пожилым жителям микрорайона некуда пойти: ближайший клуб закрылся, а до центра города добираться больше часа.",
  "Берег зарос и завален мусором, хотя летом здесь отдыхают сотни семей.",
  "Подростки проводят время у гаражей, потому что в районе нет ни одной бесплатной спортивной площадки.",
  "Маломобильные жители не могут попасть в здание без посторонней помощи: у входа только ступени.",
  "Соседи почти не знают друг друга, а общие вопросы дома решаются с трудом.",
];
const GOALS = [
  "Создать безопасное и удобное общественное пространство для жителей всех возрастов.",
  "Сделать маршрут к школе и поликлинике безопасным в любое время года.",
  "Дать детям и подросткам место для занятий спортом рядом с домом.",
  "Объединить соседей вокруг общего дела и сохранить историю района.",
  "Обеспечить равный доступ к городской среде для людей с инвалидностью.",
];
const TASKS = [
  "Провести опрос жителей и согласовать проект",
  "Подготовить проектно-сметную документацию",
  "Закупить и установить оборудование",
  "Организовать субботник с участием жителей",
  "Провести открытие и первое мероприятие",
  "Договориться с управляющей компанией об обслуживании",
  "Рассказать о проекте в местных СМИ и соцсетях",
];
const RESULTS = [
  "Не менее 500 жителей ежемесячно пользуются новым пространством.",
  "Количество обращений о небезопасном участке снизилось до нуля.",
  "В проекте приняли участие более 100 волонтёров из числа жителей.",
  "Появилось постоянное место встреч для соседей и регулярные мероприятия.",
];
const FIRST = ["Анна", "Мария", "Елена", "Ольга", "Сергей", "Андрей", "Дмитрий", "Ирина", "Павел", "Наталья"];
const LAST = ["Иванова", "Смирнов", "Кузнецова", "Попов", "Соколова", "Лебедев", "Новикова", "Морозов"];
const COMMENT_OPENERS = ["Полностью поддерживаю!", "Хорошая идея, но есть вопросы.", "Живу в соседнем доме.", "Спасибо авторам за проект.", "Не согласен с частью предложений.", "Добавлю от себя."];
const COMMENT_BODIES = [
  "Кто будет обслуживать всё это после открытия? Управляющая компания уже отказалась чистить снег на соседней площадке.",
  "Важно сохранить старые деревья: в проекте они отмечены как сносимые, хотя им больше пятидесяти лет.",
  "Бюджет кажется завышенным, сравните с аналогичным проектом в соседнем районе — там вышло почти вдвое дешевле.",
  "Обязательно нужен пандус и освещение, иначе вечером туда никто не пойдёт.",
  "Предлагаю провести общее собрание жителей в субботу, чтобы обсудить расположение.",
  "Мы с соседями готовы помочь на субботнике и с покраской.",
  "Парковка у дома и так переполнена, нельзя ли сдвинуть площадку ближе к школе?",
  "В прошлом году похожий проект в Заречном районе сделали за два месяца, опыт есть.",
];
const COMMENT_CLOSERS = ["", "", " Давайте обсудим.", " Надеюсь, администрация услышит.", " Готов помочь.", " Подпишусь под каждым словом."];
// Bodies of the background comments, picked inside SQLite by row number (see backgroundCommentsSql).
const SHORT_COMMENTS = [
  "Поддерживаю, очень нужно нашему району.",
  "А когда планируется начало работ?",
  "Хорошая идея, но бюджет стоит пересчитать.",
  "Живу рядом — буду рад помочь.",
  "Нужно обязательно учесть мнение жителей соседних домов.",
  "Спасибо за инициативу!",
];

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
/** A step that visits every residue mod n exactly once (coprime to n). */
function coprimeStep(n: number, from: number) {
  let s = from % n || 1;
  while (gcd(s, n) !== 1) s++;
  return s;
}

/**
 * Splits `total` into integer shares with a long tail (log-normal weights, like attention on a
 * real portal: most proposals get a few, some get thousands), each at most `cap`, summing to exactly total.
 */
function skewedShares(rnd: ReturnType<typeof prng>, n: number, total: number, cap: number, sigma: number): number[] {
  if (n === 0) return [];
  if (total > n * cap) throw new RangeError(`cannot spread ${total} over ${n} items of at most ${cap}`);
  const w = Array.from({ length: n }, () => {
    const u = Math.max(rnd.next(), 1e-12);
    const v = rnd.next();
    return Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  });
  const sum = w.reduce((a, x) => a + x, 0);
  const out = w.map((x) => Math.min(cap, Math.floor((total * x) / sum)));
  let left = total - out.reduce((a, x) => a + x, 0);
  // Hand out what rounding and capping left, largest weights first, one each round.
  const order = w.map((x, i) => [x, i] as const).sort((a, b) => b[0] - a[0]);
  while (left > 0)
    for (const [, i] of order) {
      if (left === 0) break;
      if (out[i] < cap) {
        out[i]++;
        left--;
      }
    }
  return out;
}

interface P {
  n: number;
  id: string;
  orgIdx: number;
  organiserId: string;
  author: number;
  status: "draft" | "submitted" | "returned" | "published" | "rejected" | "archived" | "withdrawn";
  hiddenAt: number | null;
  /** Index into THEMES, or null (the theme is optional). */
  themeIdx: number | null;
  cityIdx: number;
  /** Index into FLAT_TITLES and PLACES; the title is "<title> <place>". */
  titleIdx: number;
  placeIdx: number;
  /** Picks the text fragments inside SQLite (see proposalsSelect). */
  seed: number;
  beneficiaries: number;
  budget: number;
  cofinancing: number;
  startDate: string;
  endDate: string;
  createdAt: number;
  submittedAt: number | null;
  publishedAt: number | null;
  updatedAt: number;
  supports: number;
  comments: number;
}

const FLAT_TITLES = THEMES.flatMap(([slug]) => TITLES[slug]);
const titleOffset = (themeIdx: number) => THEMES.slice(0, themeIdx).reduce((a, [slug]) => a + TITLES[slug].length, 0);
const PLACES = [...STREETS.map((s) => `на улице ${s}`), ...DISTRICTS.map((d) => `в микрорайоне ${d}`)];

/** `CASE (expr) % n WHEN 0 THEN 'a' …`: picks list[expr mod n] inside SQLite. */
const pickSql = (list: readonly string[], expr: string) =>
  list.length === 1 ? q(list[0]) : `CASE (${expr}) % ${list.length} ${list.map((x, i) => `WHEN ${i} THEN ${q(x)}`).join(" ")} END`;

/**
 * The SELECT that turns compact rows (numbers and indexes) into proposals with their full text.
 * The long fields are composed from fragments by the row's seed: the SQL stays ~200 bytes a row
 * instead of ~1.7 KB (wrangler's local execute costs about a second per megabyte of SQL), while
 * the stored rows are as long as real ones.
 */
function proposalsSelect(organiserIds: string[]) {
  const task = (div: number) => pickSql(TASKS, `r / ${div}`);
  return `SELECT printf('bench-p-%06d', n), ${pickSql(organiserIds, "org")}, printf('bench-u-%06d', author), NULL, status, hidden,
  ${pickSql(FLAT_TITLES, "title")} || ' ' || ${pickSql(PLACES, "place")},
  ${pickSql(GOALS, "r")} || ' Проект подготовлен жителями и обсуждён на собрании.',
  ${pickSql(PROBLEMS, "r / 5")} || ' ' || ${pickSql(PROBLEMS, `(r / 5) % ${PROBLEMS.length} + 1 + (r / 41) % ${PROBLEMS.length - 1}`)},
  ${pickSql(GOALS, "r / 331")},
  CASE (r / 1301) % 3 WHEN 0 THEN json_array(${task(3907)}, ${task(11003)}, ${task(33013)}) WHEN 1 THEN json_array(${task(3907)}, ${task(11003)}, ${task(33013)}, ${task(7)}) ELSE json_array(${task(3907)}, ${task(11003)}, ${task(33013)}, ${task(7)}, ${task(101)}) END,
  ${pickSql(RESULTS, "r / 7")},
  ${pickSql(CITIES.map((c) => c[0]), "city")},
  ${pickSql(DISTRICTS, "r / 13")} || ' район',
  CASE WHEN (r / 17) % 10 < 3 THEN 'ТОС «' || ${pickSql(STREETS, "r / 19")} || '»' ELSE '' END,
  ${pickSql(THEMES.map((t) => t[0]), "theme")},
  beneficiaries, budget, cofinancing, start_date, end_date,
  'Руководитель — ' || ${pickSql(FIRST, "r / 23")} || ' ' || ${pickSql(LAST, "r / 29")} || '; ' || (5 + (r / 31) % 16) || ' волонтёров из числа жителей; партнёр — управляющая компания.',
  supports, comments, created, updated, submitted, published FROM v;`;
}
const PROPOSALS_HEAD =
  "INSERT INTO proposals (id, organiser_id, author_id, organisation_id, status, hidden_at, title, summary, problem, goal, tasks, expected_results, city, district, tos, theme, beneficiaries, budget_requested, cofinancing, start_date, end_date, team, support_count, comment_count, created_at, updated_at, submitted_at, published_at)\n" +
  "WITH v(n, org, author, status, hidden, theme, city, title, place, r, beneficiaries, budget, cofinancing, start_date, end_date, supports, comments, created, updated, submitted, published) AS (VALUES\n";
const MAX_STATEMENT_BYTES = 90_000; // D1 refuses statements over 100 KB

export function generateProposalSet(dir: string, o: ProposalSetOptions, now = Date.now()): ProposalSet {
  const t0 = performance.now();
  mkdirSync(dir, { recursive: true });
  const rnd = prng(20261122);
  // Supporters and commenters are accounts 1..pool; the rest keep a clean slate for the
  // support request, so that what it measures is mostly a new support, not a repeat.
  const pool = o.accounts - o.sessions;
  if (pool < 1) throw new RangeError(`need more accounts (${o.accounts}) than support sessions (${o.sessions})`);
  if (o.proposals < 2 || o.proposals > 999_999) throw new RangeError("proposals must be 2..999,999");

  // ---- themes: МАГ has them all, each city hall a subset (its own list, as organisers do) ----
  const themesOf = new Map<string, number[]>();
  const themeRows: string[] = [];
  o.organiserIds.forEach((org, k) => {
    const list = THEMES.map((_, i) => i).filter((i) => k === 0 || i < 4 || (i + k) % 3 !== 0);
    themesOf.set(org, list);
    list.forEach((i, pos) => themeRows.push(`(${q(org)}, ${q(THEMES[i][0])}, ${q(THEMES[i][1])}, ${q(THEMES[i][2])}, ${pos})`));
  });

  // ---- proposals ----
  const day = 86_400_000;
  const since = now - 2 * 365 * day;
  const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
  const ps: P[] = [];
  for (let n = 1; n <= o.proposals; n++) {
    // A third to МАГ, the rest to the city halls.
    const orgIdx = o.organiserIds.length === 1 || rnd.next() < 0.33 ? 0 : 1 + rnd.int(o.organiserIds.length - 1);
    const organiserId = o.organiserIds[orgIdx];
    const cityIdx = orgIdx === 0 ? rnd.int(CITIES.length) : (orgIdx - 1) % CITIES.length;
    const themes = themesOf.get(organiserId)!;
    let themeIdx: number | null = null;
    if (rnd.next() > 0.03) {
      // Weighted by how common the theme is.
      const total = themes.reduce((a, i) => a + THEMES[i][3], 0);
      let r = rnd.next() * total;
      themeIdx = themes.find((i) => (r -= THEMES[i][3]) < 0) ?? themes[0];
    }
    const r = rnd.next();
    const status: P["status"] = r < 0.84 ? "published" : r < 0.91 ? "archived" : r < 0.94 ? "draft" : r < 0.965 ? "submitted" : r < 0.98 ? "returned" : r < 0.99 ? "rejected" : "withdrawn";
    const createdAt = since + Math.floor(((now - since - 7 * day) * n) / (o.proposals + 1)) + rnd.int(day);
    const submittedAt = status === "draft" ? null : createdAt + rnd.int(3 * day);
    const publishedAt = status === "published" || status === "archived" ? submittedAt! + day + rnd.int(2 * day) : null;
    const updatedAt = Math.min(now, (publishedAt ?? submittedAt ?? createdAt) + rnd.int(day));
    const titleTheme = themeIdx ?? 0;
    const budget = (50 + rnd.int(2950)) * 1000;
    const start = createdAt + (30 + rnd.int(60)) * day;
    ps.push({
      n,
      id: proposalId(n),
      orgIdx,
      organiserId,
      author: 1 + rnd.int(pool),
      status,
      hiddenAt: status === "published" && rnd.next() < 0.005 ? updatedAt : null,
      themeIdx,
      cityIdx,
      titleIdx: titleOffset(titleTheme) + rnd.int(TITLES[THEMES[titleTheme][0]].length),
      placeIdx: rnd.int(PLACES.length),
      seed: rnd.int(2 ** 31),
      beneficiaries: 50 + rnd.int(5000),
      budget,
      cofinancing: Math.floor(budget * (0.1 + rnd.next() * 0.3)),
      startDate: isoDate(start),
      endDate: isoDate(start + (90 + rnd.int(270)) * day),
      createdAt,
      submittedAt,
      publishedAt,
      updatedAt,
      supports: 0,
      comments: 0,
    });
  }
  const benchThemeIdx = 0;
  const benchTheme = THEMES[benchThemeIdx][0];
  // The hot proposal: a published, visible МАГ one in the filtered theme, published 70 days ago.
  const hot = ps[Math.floor(o.proposals / 2)];
  const hotTitle = "Реконструкция центрального парка: сохранить старые деревья и сделать дорожки доступными";
  Object.assign(hot, {
    status: "published",
    hiddenAt: null,
    themeIdx: benchThemeIdx,
    orgIdx: 0,
    organiserId: o.organiserIds[0],
    createdAt: now - 80 * day,
    submittedAt: now - 78 * day,
    publishedAt: now - 70 * day,
    updatedAt: now - 70 * day,
  } satisfies Partial<P>);

  // Supports go to published and archived proposals (archived ones collected theirs while published).
  const supportable = ps.filter((p) => p.publishedAt !== null);
  skewedShares(rnd, supportable.length, o.supports, pool, 1.3).forEach((k, i) => (supportable[i].supports = k));
  // The hot proposal is also the most supported one: attention comes together.
  const top = supportable.reduce((a, p) => (p.supports > a.supports ? p : a), hot);
  [top.supports, hot.supports] = [hot.supports, top.supports];
  const discussable = supportable.filter((p) => p !== hot);
  skewedShares(rnd, discussable.length, o.comments, 9_999, 1.0).forEach((k, i) => (discussable[i].comments = k));

  // ---- the hot discussion: top-level comments, replies to them and replies to replies ----
  interface C {
    id: string;
    parent: C | null;
    root: C | null;
    author: number;
    body: string;
    status: "visible" | "deleted" | "hidden";
    createdAt: number;
    editedAt: number | null;
    up: number;
    down: number;
    replies: number;
  }
  const hc: C[] = [];
  const hotStart = hot.publishedAt! + 3_600_000;
  const hotSpan = now - 3_600_000 - hotStart;
  const commentBody = () => {
    const parts = [rnd.pick(COMMENT_OPENERS), " ", rnd.pick(COMMENT_BODIES)];
    if (rnd.next() < 0.4) parts.push(" ", rnd.pick(COMMENT_BODIES));
    parts.push(rnd.pick(COMMENT_CLOSERS));
    return parts.join("");
  };
  const roots: C[] = [];
  for (let k = 0; k < o.hotComments; k++) {
    // In time order, so parents are always older than their replies.
    const createdAt = hotStart + Math.floor((hotSpan * (k + 1)) / (o.hotComments + 1));
    const replyTo = roots.length && rnd.next() < 0.6 ? (rnd.next() < 0.7 ? roots[roots.length - 1 - rnd.int(Math.min(roots.length, 30))] : rnd.pick(hc)) : null;
    // A few taken back by their authors (the worker blanks the text) and a few hidden by a moderator.
    const r = rnd.next();
    const status = r < 0.01 ? "deleted" : r < 0.015 ? "hidden" : "visible";
    const c: C = {
      id: `bench-hc-${pad6(k + 1)}`,
      parent: replyTo,
      root: replyTo ? (replyTo.root ?? replyTo) : null,
      author: 1 + rnd.int(pool),
      body: status === "deleted" ? "" : commentBody(),
      status,
      createdAt,
      editedAt: status === "deleted" ? createdAt + 3_600_000 : null,
      up: 0,
      down: 0,
      replies: 0,
    };
    hc.push(c);
    if (!replyTo) roots.push(c);
  }
  // As the comments module keeps them: a top-level comment's reply_count is its whole thread
  // (every reply under it, whatever its status); the target's counter, the comments not deleted.
  for (const c of hc) if (c.root) c.root.replies++;
  hot.comments = hc.filter((c) => c.status !== "deleted").length;
  // A few votes on the hot discussion: one per person per comment, never on one's own, on visible comments.
  const votes: string[] = [];
  const voted = new Set<string>();
  const nVotes = Math.min(hc.length * 3, 5_000);
  for (let k = 0; k < nVotes && hc.length; k++) {
    const c = hc[Math.floor(Math.pow(rnd.next(), 2) * hc.length)]; // the early ones more
    const u = 1 + rnd.int(pool);
    if (c.status !== "visible" || u === c.author || voted.has(`${c.id}|${u}`)) continue;
    voted.add(`${c.id}|${u}`);
    const value = rnd.next() < 0.8 ? 1 : -1;
    if (value > 0) c.up++;
    else c.down++;
    votes.push(`(${q(c.id)}, ${q(userId(u))}, ${value}, ${Math.min(now, c.createdAt + 60_000 + rnd.int(day))})`);
  }

  // ---- writing ----
  const pw = new SqlWriter(dir, 8 * 1024 * 1024, "proposals");
  for (const row of themeRows) pw.insert("INSERT INTO organiser_themes (organiser_id, slug, name_ru, name_en, position)", row);
  const select = proposalsSelect(o.organiserIds);
  const fixed = Buffer.byteLength(PROPOSALS_HEAD) + Buffer.byteLength(select) + 4;
  let rows: string[] = [];
  let bytes = fixed;
  const flush = () => {
    if (rows.length) pw.raw(`${PROPOSALS_HEAD}${rows.join(",\n")}\n)\n${select}`);
    rows = [];
    bytes = fixed;
  };
  for (const p of ps) {
    const row = `(${[p.n, p.orgIdx, p.author, q(p.status), q(p.hiddenAt), q(p.themeIdx), p.cityIdx, p.titleIdx, p.placeIdx, p.seed, p.beneficiaries, p.budget, p.cofinancing, q(p.startDate), q(p.endDate), p.supports, p.comments, p.createdAt, p.updatedAt, q(p.submittedAt), q(p.publishedAt)].join(",")})`;
    if (bytes + row.length + 2 > MAX_STATEMENT_BYTES) flush();
    rows.push(row);
    bytes += row.length + 2;
  }
  flush();
  pw.raw(`UPDATE proposals SET title = ${q(hotTitle)} WHERE id = ${q(hot.id)};`);
  // Sessions for the support rotation, stored the way the worker stores one: SHA-256 hex of the token.
  const supportSessions: string[] = [];
  for (let k = 1; k <= o.sessions; k++) {
    const token = randomBytes(32).toString("base64url");
    supportSessions.push(`sid=${token}`);
    pw.insert(
      "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, user_agent)",
      `(${q(createHash("sha256").update(token).digest("hex"))}, ${q(userId(pool + k))}, ${now}, ${now + 30 * day}, 'bench')`,
    );
  }
  const proposalFiles = pw.close();

  // Supports: for a proposal with k supports, accounts 1 + (n·7919 + j·step) mod pool for
  // j < k — distinct because step is coprime to pool and k ≤ pool. Spread in time from publication
  // to now. In blocks of proposals, so one statement stays a few seconds of work.
  const sw = new SqlWriter(dir, 8 * 1024 * 1024, "supports");
  const step = coprimeStep(pool, 104_729);
  const block = 5_000;
  for (let from = 1; from <= o.proposals; from += block) {
    const to = Math.min(o.proposals, from + block - 1);
    sw.raw(
      `INSERT INTO proposal_supports (proposal_id, user_id, created_at)
WITH RECURSIVE s(pid, n, k, j, t0) AS (
  SELECT id, CAST(substr(id, ${PROPOSAL_PREFIX.length + 1}) AS INTEGER), support_count, 0, published_at FROM proposals
  WHERE id BETWEEN ${q(proposalId(from))} AND ${q(proposalId(to))} AND support_count > 0
  UNION ALL SELECT pid, n, k, j + 1, t0 FROM s WHERE j + 1 < k
)
SELECT pid, printf('bench-u-%06d', 1 + ((n * 7919 + j * ${step}) % ${pool})), t0 + (j * (${now} - t0)) / k FROM s;`,
    );
  }
  const supportFiles = sw.close();

  // Comments: the hot discussion as literal rows, the others generated from the counters.
  const cw = new SqlWriter(dir, 8 * 1024 * 1024, "comments");
  const commentHead =
    "INSERT INTO comments (id, target_type, target_id, organiser_id, parent_id, root_id, author_id, body, status, up_count, down_count, reply_count, created_at, edited_at)";
  for (const c of hc)
    cw.insert(
      commentHead,
      `(${q(c.id)}, 'proposal', ${q(hot.id)}, ${q(hot.organiserId)}, ${q(c.parent?.id ?? null)}, ${q((c.root ?? c).id)}, ${q(userId(c.author))}, ${q(c.body)}, ${q(c.status)}, ${c.up}, ${c.down}, ${c.replies}, ${c.createdAt}, ${q(c.editedAt)})`,
    );
  for (const v of votes) cw.insert("INSERT INTO comment_votes (comment_id, user_id, value, created_at)", v);
  const bodyCase = `CASE (n + j) % ${SHORT_COMMENTS.length} ${SHORT_COMMENTS.map((b, i) => `WHEN ${i} THEN ${q(b)}`).join(" ")} END`;
  for (let from = 1; from <= o.proposals; from += block * 4) {
    const to = Math.min(o.proposals, from + block * 4 - 1);
    cw.raw(
      `${commentHead}
WITH RECURSIVE s(pid, org, n, k, j, t0) AS (
  SELECT id, organiser_id, CAST(substr(id, ${PROPOSAL_PREFIX.length + 1}) AS INTEGER), comment_count, 0, published_at FROM proposals
  WHERE id BETWEEN ${q(proposalId(from))} AND ${q(proposalId(to))} AND id <> ${q(hot.id)} AND comment_count > 0
  UNION ALL SELECT pid, org, n, k, j + 1, t0 FROM s WHERE j + 1 < k
), c AS (
  SELECT printf('bench-c-%06d-%04d', n, j) AS id, pid, org, n, j, k, t0 FROM s
)
SELECT id, 'proposal', pid, org, NULL, id, printf('bench-u-%06d', 1 + ((n * 31 + j * ${step}) % ${pool})), ${bodyCase}, 'visible', 0, 0, 0, t0 + ((j + 1) * (${now} - t0)) / (k + 1), NULL FROM c;`,
    );
  }
  const commentFiles = cw.close();

  const published = ps.filter((p) => p.status === "published" && p.hiddenAt === null);
  // Typical: the median number of supports among published proposals, with a few comments.
  const bySupports = [...published].filter((p) => p !== hot).sort((a, b) => a.supports - b.supports);
  const median = bySupports[Math.floor(bySupports.length / 2)];
  const typical = bySupports.find((p) => p.supports >= median.supports && p.comments >= 2 && p.comments <= 8) ?? median;

  return {
    files: { proposals: proposalFiles, supports: supportFiles, comments: commentFiles },
    counts: {
      themes: themeRows.length,
      proposals: ps.length,
      published: published.length,
      supports: o.supports,
      comments: o.comments + hc.length,
      hotDeleted: hc.filter((c) => c.status === "deleted").length,
      hotHidden: hc.filter((c) => c.status === "hidden").length,
      hotComments: hc.length,
      hotTopLevel: roots.length,
      commentVotes: votes.length,
      sessions: o.sessions,
    },
    generationMs: performance.now() - t0,
    theme: benchTheme,
    hotId: hot.id,
    typicalId: typical.id,
    supportSessions,
    supportTargets: published.map((p) => p.id),
  };
}
