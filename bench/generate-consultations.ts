// Generates the benchmark's consultation (issue 4) as SQL files, on top of the accounts,
// organisers and organisations of bench/generate.ts: one consultation of the МАГ organiser with
// two published versions of a long draft resolution (300 clauses each by default), the comment
// window closed, 20,000 remarks on version 1 (one "hot" clause with 5,000 of them), their
// supports, a disposition with its reason on every visible remark and the summary published.
// Rows exactly as the worker stores them, counters consistent with the rows they count,
// deterministic (a seeded PRNG; the texts come from the real resolutions in scripts/demo/seeds).
//
// How it is written, and why (wrangler's local execute costs about a second per megabyte of SQL):
// - the consultation, its versions and clauses: literal rows (a few hundred KB). Clauses go in
//   while their version is a draft, then the version is published — the migration's triggers
//   refuse any insert into a published version, exactly as they do for the worker;
// - remarks: compact rows of numbers (~60 bytes each), turned into full rows by an INSERT … SELECT
//   that composes the Russian text from fragments inside SQLite (a wording remark's proposed text
//   is its clause's own text with an addition, read from the clause row);
// - remarks shown as an organisation: their author and organisation are taken afterwards from a
//   confirmed membership (bench/generate.ts decides the memberships; an UPDATE picks one per remark);
// - supports: one INSERT … SELECT over a recursive CTE driven by each remark's support_count
//   (chosen here, skewed like real attention), so counters and rows agree by construction.
//
// Ids are UUID-shaped (be9c000T-0000-4000-8000-NNNNNNNNNNNN, T the table) like the worker's
// randomUUID() ids, so routes that validate their id parameters as UUIDs accept them.
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { prng, q, SqlWriter, userId } from "./generate.ts";

export interface ConsultationSetOptions {
  /** Accounts 1..accounts exist (bench/generate.ts). */
  accounts: number;
  /** The organiser that runs the consultation (МАГ, the first of bench/generate.ts). */
  organiserId: string;
  /** Organisations bench-o-00001..bench-o-<organisations> exist (bench/generate.ts). */
  organisations: number;
  /** Clauses of each version (headings, clauses, sub-clauses and bullets). */
  clauses: number;
  /** Remarks on version 1: on clauses, on the hot clause, and about 1% on the document as a whole. */
  remarks: number;
  hotClauseRemarks: number;
  remarkSupports: number;
}

export interface ConsultationSet {
  files: { consultation: string[]; remarks: string[] };
  counts: {
    clauses: [number, number];
    remarks: number;
    visible: number;
    hidden: number;
    deleted: number;
    wholeDocument: number;
    /** Remarks on the hot clause, deleted ones included (its counter leaves those out). */
    hot: number;
    kinds: Record<(typeof KINDS)[number], number>;
    dispositions: Record<(typeof DISPOSITIONS)[number], number>;
    shownAsOrganisation: number;
    supports: number;
    links: number;
    /** Version 2 against version 1. */
    changed: number;
    added: number;
    removed: number;
    moved: number;
  };
  generationMs: number;
  consultationId: string;
  /** Version 1's clause with the most remarks. */
  hotClauseId: string;
  /** A clause of version 1 with a median number of remarks. */
  typicalClauseId: string;
}

const ID_TAIL = "-0000-4000-8000-";
const uuid = (table: number, n: number) => `be9c${String(table).padStart(4, "0")}${ID_TAIL}${String(n).padStart(12, "0")}`;
/** printf pattern of the same ids inside SQLite. */
const uuidSql = (table: number, expr: string) => `printf('be9c${String(table).padStart(4, "0")}${ID_TAIL}%012d', ${expr})`;
const CONSULTATION = 1;
const VERSION = 2;
const CLAUSE = 3;
const REMARK = 4;
const EVENT = 5;
/** Where the number starts in an id (1-based, for substr). */
const ID_NUMBER_AT = 25;
export const REMARK_ID_PATTERN = /be9c0004-0000-4000-8000-\d{12}/g;
/** Clause n of version v: the version's digit leads the number. */
const clauseId = (v: number, n: number) => uuid(CLAUSE, v * 100_000_000_000 + n);

const KINDS = ["comment", "wording", "new_clause", "objection"] as const;
const SHOWN_AS = ["name", "organisation", "anonymous"] as const;
const STATUSES = ["visible", "hidden", "deleted"] as const;
const DISPOSITIONS = ["accepted", "partly", "rejected", "out_of_scope"] as const;

const ADDRESSEES = [
  "Секретариату МАГ",
  "Экспертному совету МАГ",
  "Правлению МАГ",
  "Мэрии города Новосибирска",
  "Администрациям городов — членов МАГ",
  "Оргкомитету форума",
  "Конкурсной комиссии",
  "Постоянной комиссии МАГ по информационной политике",
  "Экспертному совету по развитию ТОС",
  "Активу ТОС",
  "Администрациям районов",
  "Социально ориентированным НКО",
];
const SECTIONS = [
  "Участники секции «Город соседей» — общественные инициативы территориальных общественных самоуправлений, РЕКОМЕНДУЮТ:",
  "Участники секции «Город патриотов» — общественные организации патриотической направленности, РЕКОМЕНДУЮТ:",
  "Участники секции «Город добрых» — поддержка благотворительных, добровольческих и социальных организаций, РЕКОМЕНДУЮТ:",
  "Участники секции «Город друзей» — задачи государственной национальной политики в городе, РЕКОМЕНДУЮТ:",
  "Единое информационное пространство",
  "Социальное партнерство в интересах городского развития",
  "Об итогах смотра-конкурса практик городов «Город, где хочется жить»",
  "Стратегическое партнерство. Инициатива «Здоровое планирование»",
  "Об основных мероприятиях МАГ на 2027 год",
  "Город и дети: среда, образование, досуг",
  "Участие граждан в принятии решений",
  "Контроль за реализацией принятых решений",
];

// Remarks' texts, picked inside SQLite by the row's seed (see remarksSelect).
// (SQLite's upper() knows only ASCII, so every fragment carries its own capital.)
const OPENERS = ["", "", "", "Спасибо за проект резолюции. ", "Пишу как житель Новосибирска. ", "От имени совета ТОС. ", "Поддерживаю пункт в целом. ", "Прошу учесть. "];
const COMMENTS = [
  "Срок исполнения не указан — предлагаю установить конкретную дату и назвать ответственного.",
  "Непонятно, из каких средств будет финансироваться эта работа и кто утвердит смету.",
  "Формулировка слишком общая, её невозможно проверить при контроле исполнения.",
  "Предлагаю публиковать отчёт о ходе исполнения на сайте МАГ раз в полгода.",
  "Нужно учесть опыт городов, которые уже провели такой конкурс, и не начинать с нуля.",
  "Прошу уточнить, какое именно подразделение мэрии отвечает за этот пункт.",
  "Без участия жителей этот пункт останется на бумаге: нужны открытые собрания в районах.",
  "Важно предусмотреть доступность мероприятий для людей с инвалидностью и пожилых горожан.",
  "В пункте не упомянуты ТОС, хотя основную работу на местах ведут именно они.",
  "Пункт противоречит разделу о поддержке НКО — их стоит согласовать между собой.",
  "Стоит добавить показатели, по которым через год можно будет понять, выполнено ли решение.",
  "Молодёжь узнаёт о таких решениях из социальных сетей — нужен план информирования.",
];
const WORDING_WHY = [
  "Предлагаю изложить пункт в новой редакции: так понятнее, кто исполнитель и в какой срок.",
  "Редакция уточняет исполнителя и добавляет отчётность перед жителями.",
  "Новая редакция убирает двусмысленность и делает пункт проверяемым.",
  "",
];
const WORDING_TAILS = [
  ", с ежегодным отчётом о ходе исполнения на сайте МАГ.",
  ", с привлечением территориальных общественных самоуправлений и социально ориентированных НКО.",
  " в срок до 1 июля 2027 года.",
  ", предусмотрев финансирование в бюджете города на 2027 год.",
  " и обеспечить публичное обсуждение результатов с жителями.",
];
const NEW_CLAUSES = [
  "Секретариату МАГ ежегодно публиковать отчёт об исполнении настоящей резолюции с указанием ответственных и сроков.",
  "Рекомендовать администрациям городов — членов МАГ проводить открытые слушания по итогам реализации резолюции.",
  "Экспертному совету МАГ подготовить методические рекомендации по вовлечению молодёжи в деятельность ТОС.",
  "Оргкомитету форума предусмотреть в программе следующего форума отдельную секцию по доступной городской среде.",
  "Создать на портале раздел с лучшими практиками городов по теме пункта и обновлять его не реже раза в квартал.",
];
const NEW_CLAUSE_WHY = ["Предлагаю дополнить резолюцию новым пунктом после этого.", "Этого пункта не хватает для полноты раздела.", ""];
const OBJECTIONS = [
  "Возражаю против этого пункта: он дублирует действующее положение о конкурсе.",
  "Не согласен: предложенная мера потребует расходов, которых нет в бюджете города.",
  "Пункт ограничивает участие небольших НКО, это несправедливо по отношению к ним.",
  "Считаю пункт преждевременным: сначала нужно подвести итоги прошлого года.",
  "Возражаю: решение принимается без обсуждения с жителями районов, которых оно касается.",
];
const REASONS: Record<(typeof DISPOSITIONS)[number], string[]> = {
  accepted: ["Учтено в редакции пункта во второй версии.", "Предложение учтено.", ""],
  partly: [
    "Учтено частично: срок исполнения уточнён, источник финансирования определяется бюджетом города.",
    "Учтено частично: исполнитель назван, отчётность предусмотрена общим планом мероприятий МАГ.",
    "Учтено частично в редакции пункта; остальное будет рассмотрено при подготовке плана на следующий год.",
  ],
  rejected: [
    "Не учтено: пункт носит рекомендательный характер, конкретные сроки устанавливаются планом мероприятий.",
    "Не учтено: предложение противоречит Уставу МАГ.",
    "Не учтено: вопрос уже урегулирован действующим положением о конкурсе.",
    "Не учтено: предлагаемая мера требует решения органов местного самоуправления каждого города.",
  ],
  out_of_scope: [
    "Вопрос выходит за рамки резолюции форума и передан в профильную комиссию МАГ.",
    "Предложение не относится к проекту документа; направлено в мэрию города для рассмотрения по существу.",
  ],
};
// Word edits of version 2 (see editWords).
const INSERTIONS = ["в установленном порядке", "ежегодно", "совместно с Секретариатом МАГ", "с участием жителей", "до 1 июля 2027 года", "на постоянной основе"];
// (JavaScript's \b knows only ASCII letters: the words are delimited by hand.)
const REPLACEMENTS: [string, string][] = [
  ["продолжить", "активизировать"],
  ["рассмотреть возможность", "обеспечить"],
  ["организовать", "провести"],
  ["разработать", "подготовить и утвердить"],
  ["рекомендовать", "поручить"],
  ["проводить", "регулярно проводить"],
];
/** Replaces the first whole-word `from` (any case) by `to`, keeping a capital at the start. */
function replaceWord(text: string, from: string, to: string): string | null {
  const m = new RegExp(`(^|[\\s«(])(${from})(?=[\\s,.;:»)]|$)`, "i").exec(text);
  if (!m) return null;
  const at = m.index + m[1].length;
  const word = m[2][0] === m[2][0].toUpperCase() ? to[0].toUpperCase() + to.slice(1) : to;
  return text.slice(0, at) + word + text.slice(at + m[2].length);
}

/** `CASE (expr) % n WHEN 0 THEN 'a' …`: picks list[expr mod n] inside SQLite. */
const pickSql = (list: readonly string[], expr: string) =>
  list.length === 1 ? q(list[0]) : `CASE (${expr}) % ${list.length} ${list.map((x, i) => `WHEN ${i} THEN ${q(x)}`).join(" ")} END`;

/** Sentences of the real resolutions in scripts/demo/seeds (not 001, a report in prose): the clauses' vocabulary. */
function seedSentences(): string[] {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "../scripts/demo/seeds");
  const files = ["000_55ff901bd2de4cb6.txt", "002_40d759b66f19c75e.txt", "003_f4e2f1aadaa07caa.txt", "004_4ae2ef571d6fa131.txt"];
  const out: string[] = [];
  for (const f of files) {
    const text = readFileSync(join(dir, f), "utf8").replace(/\[bookmark:[^\]]*\]/g, "").replace(/\*\*/g, "");
    for (const line of text.split("\n")) {
      const body = line.replace(/^[\s\-–—•*]*(\d+(\.\d+)*\.?)?\s*/, "").replace(/\s+/g, " ").trim();
      // Not after an initial («Ю.М. Лужков»): a sentence ends after a word of two letters or more.
      for (const s of body.split(/(?<=[а-яё»)]{2}[.;!?])\s+(?=[А-ЯЁ«])/)) {
        const t = s.replace(/;$/, ".").trim();
        if (t.length >= 40 && t.length <= 420 && /^[А-ЯЁ«]/.test(t) && /[.!?]$/.test(t) && !/\d{3,}\s*$/.test(t)) out.push(t);
      }
    }
  }
  return out;
}

interface GClause {
  id: string;
  depth: number;
  kind: "heading" | "clause" | "item";
  number: string;
  text: string;
  addressees: string[];
  lineage: string;
  remarks: number;
}

export function generateConsultationSet(dir: string, o: ConsultationSetOptions, now = Date.now()): ConsultationSet {
  const t0 = performance.now();
  mkdirSync(dir, { recursive: true });
  if (o.clauses < 20 || o.clauses > 9_999) throw new RangeError("consultation clauses must be 20..9,999");
  if (o.hotClauseRemarks > o.remarks) throw new RangeError("the hot clause cannot have more remarks than there are");
  const rnd = prng(20261201);
  const day = 86_400_000;
  const sentences = seedSentences();
  let cursor = rnd.int(sentences.length);
  /** 100–600 characters of consecutive seed sentences (most 150–350, as real clauses are). */
  const clauseText = (min = 100, max = 600) => {
    const target = min + Math.floor((max - min) * Math.pow(rnd.next(), 1.8));
    let text = "";
    for (let guard = 0; guard < 50 && text.length < target; guard++) {
      const s = sentences[cursor++ % sentences.length];
      if (text && text.length + 1 + s.length > max) continue;
      if (!text && s.length > max) continue;
      text = text ? `${text} ${s}` : s;
    }
    while (text.length < min) text = `${text} ${sentences[cursor++ % sentences.length]}`.slice(0, max);
    return text;
  };
  const someAddressees = () => {
    const k = rnd.next() < 0.7 ? 1 : rnd.next() < 0.8 ? 2 : 3;
    const list = new Set<string>();
    while (list.size < k) list.add(rnd.pick(ADDRESSEES));
    return [...list];
  };
  /**
   * A clause's text; when it starts with an infinitive it reads as an instruction to the addressees
   * and names them first («Секретариату МАГ подготовить …»), as the seeds' clauses do.
   */
  const addressed = (addressees: string[], min = 100, max = 600) => {
    const prefix = addressees.join(", ");
    const text = clauseText(min, max - prefix.length - 1);
    return addressees.length && /^[А-ЯЁ][а-яё]+(ть|ти)(?=\s)/.test(text) ? `${prefix} ${text[0].toLowerCase()}${text.slice(1)}` : text;
  };

  // ---- version 1: ~one heading per 30 clauses, numbered clauses with sub-clauses and a few bullets ----
  const v1: GClause[] = [];
  let serial = 0;
  const add = (c: Omit<GClause, "id" | "lineage" | "remarks">) => {
    const id = clauseId(1, ++serial);
    v1.push({ ...c, id, lineage: id, remarks: 0 });
  };
  const headings = Math.max(1, Math.round(o.clauses / 30));
  let top = 0;
  for (let s = 0; s < headings; s++) {
    let budget = Math.floor((o.clauses * (s + 1)) / headings) - Math.floor((o.clauses * s) / headings) - 1;
    add({ depth: 0, kind: "heading", number: "", text: SECTIONS[s % SECTIONS.length], addressees: [] });
    while (budget > 0) {
      const number = String(++top);
      const addressees = rnd.next() < 0.85 ? someAddressees() : [];
      const subs = Math.min(budget - 1, rnd.next() < 0.35 ? 0 : 1 + rnd.int(5));
      // A clause with sub-clauses often only names its addressees («Мэрии города Новосибирска:»), as in the seeds.
      const text = subs > 0 && addressees.length && rnd.next() < 0.3 ? `${addressees.join(", ")}:` : addressed(addressees);
      add({ depth: 0, kind: "clause", number, text, addressees });
      budget--;
      for (let j = 1; j <= subs && budget > 0; j++) {
        const own = rnd.next() < 0.8 ? addressees : someAddressees();
        add({ depth: 1, kind: "clause", number: `${number}.${j}`, text: addressed(own), addressees: own });
        budget--;
        if (rnd.next() < 0.12)
          for (let b = 1 + rnd.int(3); b > 0 && budget > 0; b--, budget--) add({ depth: 2, kind: "item", number: "", text: clauseText(100, 300), addressees: own });
      }
    }
  }

  // ---- remarks: where they go ----
  const commentable = v1.filter((c) => c.kind !== "heading");
  // The hot clause: an early sub-clause (the document's most disputed one), changed in version 2.
  const hot = commentable.find((c, i) => i >= 3 && c.depth === 1) ?? commentable[0];
  const wholeDocument = Math.min(o.remarks - o.hotClauseRemarks, Math.round(o.remarks * 0.01));
  hot.remarks = o.hotClauseRemarks;
  const others = commentable.filter((c) => c !== hot);
  let rest = o.remarks - o.hotClauseRemarks - wholeDocument;
  // Skewed: a few clauses draw hundreds, most a few dozen.
  const weights = others.map(() => Math.exp(1.0 * Math.sqrt(-2 * Math.log(Math.max(rnd.next(), 1e-12))) * Math.cos(2 * Math.PI * rnd.next())));
  const wsum = weights.reduce((a, x) => a + x, 0);
  others.forEach((c, i) => (c.remarks = Math.floor((rest * weights[i]) / wsum)));
  rest -= others.reduce((a, c) => a + c.remarks, 0);
  for (let i = 0; rest > 0; i = (i + 1) % others.length, rest--) others[i].remarks++;
  const positionOf = new Map(v1.map((c, i) => [c, i]));
  const targets: number[] = []; // v1 position per remark, -1 for the whole document
  for (const c of commentable) for (let k = 0; k < c.remarks; k++) targets.push(positionOf.get(c)!);
  for (let k = 0; k < wholeDocument; k++) targets.push(-1);
  for (let i = targets.length - 1; i > 0; i--) {
    const j = rnd.int(i + 1);
    [targets[i], targets[j]] = [targets[j], targets[i]];
  }

  // ---- the timeline: version 1 published, the window, dispositions, the summary, version 2 ----
  const createdAt = now - 70 * day;
  const v1Published = now - 61 * day;
  const opensAt = now - 60 * day;
  const closesAt = now - 30 * day;
  const summaryAt = now - 20 * day;
  const v2Published = now - 10 * day;
  const span = closesAt - opensAt;

  interface R {
    n: number;
    clause: number;
    author: number;
    kind: number;
    shown: number;
    status: number;
    supports: number;
    created: number;
    disp: number | null;
    disposedAt: number | null;
    seed: number;
  }
  const rs: R[] = targets.map((clause, i) => {
    const r = rnd.next();
    // The whole document has no text to reword: its remarks are comments, new clauses and objections.
    const kind = clause < 0 ? (r < 0.7 ? 0 : r < 0.85 ? 2 : 3) : r < 0.6 ? 0 : r < 0.8 ? 1 : r < 0.9 ? 2 : 3;
    const s = rnd.next();
    const shown = s < 0.7 ? 0 : s < 0.8 ? 1 : 2;
    const st = rnd.next();
    const status = st < 0.975 ? 0 : st < 0.99 ? 1 : 2;
    const d = rnd.next();
    // Objections are seldom accepted; every visible remark has its disposition (the summary is published).
    const disp = status !== 0 ? null : kind === 3 ? (d < 0.1 ? 0 : d < 0.25 ? 1 : d < 0.85 ? 2 : 3) : d < 0.25 ? 0 : d < 0.45 ? 1 : d < 0.85 ? 2 : 3;
    return {
      n: i + 1,
      clause,
      author: 0,
      kind,
      shown,
      status,
      supports: 0,
      created: opensAt + Math.floor((span * (i + 1)) / (targets.length + 1)) + rnd.int(1000),
      disp,
      disposedAt: disp === null ? null : closesAt + day + rnd.int(8 * day),
      seed: rnd.int(2 ** 31),
    };
  });
  const visible = rs.filter((r) => r.status === 0);
  // Supports on visible remarks, log-normal (most none or a few, some hundreds), capped by the accounts.
  const pool = o.accounts;
  {
    const cap = Math.min(pool, 5_000);
    if (o.remarkSupports > visible.length * cap) throw new RangeError(`cannot spread ${o.remarkSupports} supports over ${visible.length} remarks`);
    const w = visible.map(() => Math.exp(1.6 * Math.sqrt(-2 * Math.log(Math.max(rnd.next(), 1e-12))) * Math.cos(2 * Math.PI * rnd.next())));
    const sum = w.reduce((a, x) => a + x, 0);
    visible.forEach((r, i) => (r.supports = Math.min(cap, Math.floor((o.remarkSupports * w[i]) / sum))));
    let left = o.remarkSupports - visible.reduce((a, r) => a + r.supports, 0);
    const order = w.map((x, i) => [x, i] as const).sort((a, b) => b[0] - a[0]);
    while (left > 0)
      for (const [, i] of order) {
        if (left === 0) break;
        if (visible[i].supports < cap) {
          visible[i].supports++;
          left--;
        }
      }
  }
  // Supporters of remark n are accounts 1 + (n·7919 + j·step) mod pool, j < supports (the SQL
  // below); the author is someone else. (Remarks shown as an organisation take their author from
  // a membership afterwards and may, rarely, coincide with a supporter.)
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  let step = 104_729 % pool || 1;
  while (gcd(step, pool) !== 1) step++;
  for (const r of rs) {
    const supporters = new Set<number>();
    for (let j = 0; j < r.supports; j++) supporters.add(1 + ((r.n * 7919 + j * step) % pool));
    do r.author = 1 + rnd.int(pool);
    while (supporters.has(r.author) && supporters.size < pool);
  }
  for (const c of v1) c.remarks = 0;
  for (const r of rs) if (r.clause >= 0 && r.status !== 2) v1[r.clause].remarks++;
  const counted = rs.filter((r) => r.status !== 2).length;
  const hotPosition = v1.indexOf(hot);

  // ---- version 2: the same lineage for most clauses; word edits, removals, moves, additions ----
  let v2: GClause[] = v1.map((c) => ({ ...c, remarks: 0 }));
  const leaves = (list: GClause[]) => list.filter((c, i) => c.depth === 1 && c.kind === "clause" && !(list[i + 1] && list[i + 1].depth > 1));
  const pickDistinct = (from: GClause[], k: number, not: Set<string>) => {
    const out: GClause[] = [];
    for (let guard = 0; out.length < k && guard < 10_000 && from.length; guard++) {
      const x = from[rnd.int(from.length)];
      if (!not.has(x.id)) {
        not.add(x.id);
        out.push(x);
      }
    }
    return out;
  };
  // By id: version 2's clauses are copies of version 1's.
  const touched = new Set<string>([hot.id]);
  const scale = o.clauses / 300;
  const removed = pickDistinct(leaves(v2), Math.max(1, Math.round(5 * scale)), touched);
  v2 = v2.filter((c) => !removed.includes(c));
  const tops = () => v2.filter((c) => c.kind === "clause" && c.depth === 0);
  /** Index after the last descendant of v2[i]. */
  const endOf = (i: number) => {
    let j = i + 1;
    while (j < v2.length && v2[j].depth > v2[i].depth) j++;
    return j;
  };
  const nextSubNumber = (parent: GClause) => {
    const i = v2.indexOf(parent);
    let max = 0;
    for (let j = i + 1; j < endOf(i); j++) if (v2[j].depth === 1) max = Math.max(max, Number(v2[j].number.split(".").pop()) || 0);
    return `${parent.number}.${max + 1}`;
  };
  const moved = pickDistinct(leaves(v2), Math.max(1, Math.round(5 * scale)), touched);
  for (const c of moved) {
    v2.splice(v2.indexOf(c), 1);
    // Under another top-level clause, at its end, numbered as the next sub-clause there (no renumbering).
    const elsewhere = tops().filter((p) => !c.number.startsWith(`${p.number}.`));
    const parent = elsewhere[rnd.int(elsewhere.length)];
    v2.splice(endOf(v2.indexOf(parent)), 0, { ...c, number: nextSubNumber(parent) });
  }
  const addedCount = Math.max(1, Math.round(5 * scale));
  for (let k = 0; k < addedCount; k++) {
    const parent = tops()[rnd.int(tops().length)];
    const addressees = parent.addressees.length ? parent.addressees : someAddressees();
    v2.splice(endOf(v2.indexOf(parent)), 0, { id: "", depth: 1, kind: "clause", number: nextSubNumber(parent), text: addressed(addressees), addressees, lineage: "", remarks: 0 });
  }
  /** One to three word edits: a replaced word, an inserted phrase, a word taken out. */
  const editWords = (text: string) => {
    let t = text;
    const edits = 1 + rnd.int(3);
    for (let e = 0; e < edits; e++) {
      const op = rnd.int(3);
      const replaced = op === 0 ? REPLACEMENTS.map(([from, to]) => replaceWord(t, from, to)).find((x) => x !== null) : null;
      if (replaced) t = replaced;
      else {
        const words = t.split(" ");
        const at = 1 + rnd.int(Math.max(1, words.length - 2));
        if (op === 2 && words.length > 12) words.splice(at, 1);
        else words.splice(at, 0, rnd.pick(INSERTIONS));
        t = words.join(" ");
      }
    }
    return t === text ? `${text.replace(/[.]$/, "")} ${rnd.pick(INSERTIONS)}.` : t;
  };
  const changeable = v2.filter((c) => c.kind !== "heading" && c.id && !touched.has(c.id));
  const changed = [hot, ...pickDistinct(changeable, Math.max(1, Math.round(30 * scale)) - 1, touched)];
  const changedIds = new Set(changed.map((c) => c.id));
  v2 = v2.map((c) => (changedIds.has(c.id) ? { ...c, text: editWords(c.text) } : c));
  // New ids for version 2; lineage kept from version 1 (new clauses start their own).
  const v2IdOf = new Map<string, string>();
  v2 = v2.map((c, i) => {
    const id = clauseId(2, i + 1);
    if (c.id) v2IdOf.set(c.id, id);
    return { ...c, id, lineage: c.lineage || id };
  });

  // "Учтено в этом пункте": accepted rewordings and new clauses, at most three per clause of version 2.
  const links: [string, string][] = [];
  const perClause = new Map<string, number>();
  for (const r of rs) {
    if (r.clause < 0 || r.disp !== 0 || (r.kind !== 1 && r.kind !== 2)) continue;
    const to = v2IdOf.get(v1[r.clause].id);
    if (!to || (perClause.get(to) ?? 0) >= 3) continue;
    perClause.set(to, (perClause.get(to) ?? 0) + 1);
    links.push([uuid(REMARK, r.n), to]);
  }

  // ---- writing ----
  const cid = uuid(CONSULTATION, 1);
  const vid = [uuid(VERSION, 1), uuid(VERSION, 2)];
  const title = "Проект резолюции Международного форума МАГ «Город для жизни: соседи, добровольцы, партнёры»";
  const admin = `(SELECT user_id FROM role_grants WHERE role = 'organiser_admin' AND organiser_id = ${q(o.organiserId)} ORDER BY granted_at, id LIMIT 1)`;
  const cw = new SqlWriter(dir, 8 * 1024 * 1024, "consultation");
  cw.raw(
    `INSERT INTO consultations (id, organiser_id, title, adopting_body, description, status, opens_at, closes_at, current_version, remark_count, created_by, created_at, updated_at, published_at) VALUES (${q(cid)}, ${q(o.organiserId)}, ${q(title)}, 'Участники форума', ${q("Проект итогового документа форума вынесен на публичное обсуждение. Оставляйте замечания к конкретным пунктам: каждое будет рассмотрено, решение по нему с обоснованием войдёт в сводку предложений.")}, 'published', ${opensAt}, ${closesAt}, 2, ${counted}, ${admin}, ${createdAt}, ${v2Published}, ${v1Published});`,
  );
  // Each version as the worker publishes one: created as the draft (at most one draft at a time),
  // its clauses inserted, then published (the triggers refuse inserts into a published version).
  const versionHead = "INSERT INTO consultation_versions (id, consultation_id, number, status, note, clause_count, remark_count, created_by, created_at)";
  const clauseHead = "INSERT INTO consultation_clauses (id, version_id, consultation_id, position, depth, kind, number, text, addressees, lineage, remark_count)";
  const versions = [
    { list: v1, note: "", remarks: counted, created: createdAt, published: v1Published, summary: summaryAt },
    { list: v2, note: "Учтены замечания, поступившие в ходе публичного обсуждения: уточнены исполнители и сроки, добавлены новые пункты.", remarks: 0, created: summaryAt + day, published: v2Published, summary: null },
  ];
  versions.forEach((v, vi) => {
    cw.raw(`${versionHead} VALUES (${q(vid[vi])}, ${q(cid)}, ${vi + 1}, 'draft', ${q(v.note)}, ${v.list.length}, ${v.remarks}, ${admin}, ${v.created});`);
    v.list.forEach((c, i) =>
      cw.insert(clauseHead, `(${q(c.id)}, ${q(vid[vi])}, ${q(cid)}, ${i}, ${c.depth}, ${q(c.kind)}, ${q(c.number)}, ${q(c.text)}, ${q(JSON.stringify(c.addressees))}, ${q(c.lineage)}, ${vi === 0 ? c.remarks : 0})`),
    );
    cw.raw(`UPDATE consultation_versions SET status = 'published', published_at = ${v.published}, summary_published_at = ${q(v.summary)} WHERE id = ${q(vid[vi])};`);
  });
  const events = [
    ["published", { title }, `/consultations/${cid}`, v1Published],
    ["summary", { title, version: 1 }, `/consultations/${cid}/summary?version=1`, summaryAt],
    ["version", { title, version: 2 }, `/consultations/${cid}?version=2`, v2Published],
  ] as const;
  events.forEach(([kind, params, url, at], k) =>
    cw.insert("INSERT INTO consultation_events (id, consultation_id, organiser_id, kind, params, url, created_at)", `(${q(uuid(EVENT, k + 1))}, ${q(cid)}, ${q(o.organiserId)}, ${q(kind)}, ${q(JSON.stringify(params))}, ${q(url)}, ${at})`),
  );
  const consultationFiles = cw.close();

  const rw = new SqlWriter(dir, 8 * 1024 * 1024, "remarks");
  const head =
    "INSERT INTO remarks (id, consultation_id, version_id, clause_id, clause_position, organiser_id, author_id, organisation_id, shown_as, kind, body, proposed_text, status, support_count, reply_count, created_at, disposition, disposition_reason, disposed_at, disposed_by)\n" +
    "WITH v(n, clause, author, kind, shown, status, supports, created, disp, disposed, r) AS (VALUES\n";
  const reason = DISPOSITIONS.map((d, i) => `WHEN ${i} THEN ${pickSql(REASONS[d], "v.r / 7")}`).join(" ");
  const body = `CASE v.kind
    WHEN 0 THEN ${pickSql(OPENERS, "v.r / 3")} || ${pickSql(COMMENTS, "v.r / 11")} || CASE WHEN (v.r / 13) % 3 = 0 THEN ' ' || ${pickSql(COMMENTS, `v.r / 11 + 1 + (v.r / 17) % ${COMMENTS.length - 1}`)} ELSE '' END
    WHEN 1 THEN ${pickSql(WORDING_WHY, "v.r / 3")}
    WHEN 2 THEN ${pickSql(NEW_CLAUSE_WHY, "v.r / 3")}
    ELSE ${pickSql(OBJECTIONS, "v.r / 11")} END`;
  const select = `SELECT ${uuidSql(REMARK, "v.n")}, ${q(cid)}, ${q(vid[0])}, c.id, v.clause, ${q(o.organiserId)}, printf('bench-u-%06d', v.author), NULL,
  ${pickSql(SHOWN_AS, "v.shown")}, ${pickSql(KINDS, "v.kind")},
  CASE WHEN v.status = 2 THEN '' ELSE ${body} END,
  CASE WHEN v.status = 2 THEN NULL WHEN v.kind = 1 THEN rtrim(c.text, '.;: ') || ${pickSql(WORDING_TAILS, "v.r / 5")} WHEN v.kind = 2 THEN ${pickSql(NEW_CLAUSES, "v.r / 5")} END,
  ${pickSql(STATUSES, "v.status")}, v.supports, 0, v.created,
  CASE WHEN v.disp IS NOT NULL THEN ${pickSql(DISPOSITIONS, "v.disp")} END,
  nullif(CASE v.disp ${reason} END, ''),
  v.disposed, CASE WHEN v.disp IS NOT NULL THEN ${admin} END
FROM v LEFT JOIN consultation_clauses c ON v.clause >= 0 AND c.id = printf('be9c${String(CLAUSE).padStart(4, "0")}${ID_TAIL}1%011d', v.clause + 1);`;
  const fixed = Buffer.byteLength(head) + Buffer.byteLength(select) + 4;
  let rows: string[] = [];
  let bytes = fixed;
  const flush = () => {
    if (rows.length) rw.raw(`${head}${rows.join(",\n")}\n)\n${select}`);
    rows = [];
    bytes = fixed;
  };
  for (const r of rs) {
    const row = `(${[r.n, r.clause, r.author, r.kind, r.shown, r.status, r.supports, r.created, q(r.disp), q(r.disposedAt), r.seed].join(",")})`;
    if (bytes + row.length + 2 > 90_000) flush();
    rows.push(row);
    bytes += row.length + 2;
  }
  flush();
  // Shown as an organisation: the author becomes a confirmed member of one (the first one from a
  // point that moves with the remark's number; the first confirmed membership if none lies after it).
  // Both columns come from the same membership row: the same two ordered look-ups, one column each.
  // `+status`: not the status index (a sort of every confirmed membership per look-up) but the
  // primary key's order from the starting organisation.
  const membership = (col: string) =>
    `coalesce((SELECT ${col} FROM organisation_members WHERE +status = 'confirmed' AND organisation_id >= printf('bench-o-%05d', 1 + (CAST(substr(remarks.id, ${ID_NUMBER_AT}) AS INTEGER) * 7) % ${o.organisations}) ORDER BY organisation_id, user_id LIMIT 1), (SELECT ${col} FROM organisation_members WHERE +status = 'confirmed' ORDER BY organisation_id, user_id LIMIT 1))`;
  rw.raw(
    `UPDATE remarks SET author_id = coalesce(${membership("user_id")}, author_id), organisation_id = ${membership("organisation_id")} WHERE consultation_id = ${q(cid)} AND shown_as = 'organisation';`,
  );
  rw.raw(`UPDATE remarks SET shown_as = 'name' WHERE consultation_id = ${q(cid)} AND shown_as = 'organisation' AND organisation_id IS NULL;`);
  for (const [r, c] of links) rw.insert("INSERT INTO remark_links (remark_id, clause_id)", `(${q(r)}, ${q(c)})`);
  rw.raw(
    `INSERT INTO remark_supports (remark_id, user_id, created_at)
WITH RECURSIVE s(rid, n, k, j, t0) AS (
  SELECT id, CAST(substr(id, ${ID_NUMBER_AT}) AS INTEGER), support_count, 0, created_at FROM remarks WHERE version_id = ${q(vid[0])} AND support_count > 0
  UNION ALL SELECT rid, n, k, j + 1, t0 FROM s WHERE j + 1 < k
)
SELECT rid, printf('bench-u-%06d', 1 + ((n * 7919 + j * ${step}) % ${pool})), t0 + ((j + 1) * (${closesAt} - t0)) / (k + 1) FROM s;`,
  );
  const remarkFiles = rw.close();

  const byRemarks = [...others].sort((a, b) => a.remarks - b.remarks);
  const count = <T extends string>(names: readonly T[], of: (r: R) => number | null) =>
    Object.fromEntries(names.map((k, i) => [k, rs.filter((r) => of(r) === i).length])) as Record<T, number>;
  return {
    files: { consultation: consultationFiles, remarks: remarkFiles },
    counts: {
      clauses: [v1.length, v2.length],
      remarks: rs.length,
      visible: visible.length,
      hidden: rs.filter((r) => r.status === 1).length,
      deleted: rs.filter((r) => r.status === 2).length,
      wholeDocument,
      hot: rs.filter((r) => r.clause === hotPosition).length,
      kinds: count(KINDS, (r) => r.kind),
      dispositions: count(DISPOSITIONS, (r) => r.disp),
      shownAsOrganisation: rs.filter((r) => r.shown === 1).length,
      supports: o.remarkSupports,
      links: links.length,
      changed: changed.length,
      added: addedCount,
      removed: removed.length,
      moved: moved.length,
    },
    generationMs: performance.now() - t0,
    consultationId: cid,
    hotClauseId: hot.id,
    typicalClauseId: byRemarks[Math.floor(byRemarks.length / 2)].id,
  };
}
