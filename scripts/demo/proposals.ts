// Demo content of the proposals module: fixed ids and ON CONFLICT DO NOTHING, so a restart adds nothing.
// Texts follow the resolutions in /work/shared/seeds (ТОС of Novosibirsk, «Город соседей», НКО support).
import { DEFAULT_THEMES } from "../../worker/proposals/themes.ts";
import type { ProposalContent } from "../../worker/proposals/completeness.ts";
import { q } from "./sql.ts";

const DAY = 86_400_000;

/** Мэрия Новосибирска keeps its own list (with «Проекты ТОС»); МАГ uses the default one, written out. */
const NSK_THEMES: [slug: string, ru: string, en: string][] = [
  ["improvement", "Благоустройство", "Public spaces and improvement"],
  ["tos", "Проекты ТОС", "Neighbourhood council projects"],
  ["children-family", "Дети и семья", "Children and family"],
  ["ecology", "Экология", "Ecology"],
  ["culture", "Культура", "Culture"],
  ["sport", "Спорт", "Sport"],
  ["nko-support", "Поддержка НКО", "Support for NGOs"],
  ["interethnic", "Межнациональные отношения", "Interethnic relations"],
  ["health", "Здоровье", "Health"],
  ["other", "Другое", "Other"],
];

/** A proposal's content (as the rules know it), complete, with who wrote it and where it stands. */
export interface DemoProposal extends ProposalContent {
  id: string;
  organiserId: string;
  authorId: string;
  organisationId: string | null;
  status: "draft" | "submitted" | "returned" | "published" | "archived";
  daysAgo: number;
  theme: string;
  beneficiaries: number;
  budgetRequested: number;
  startDate: string;
  endDate: string;
  /** For a returned one: the moderator's reason (in the history). */
  returnReason?: string;
}

export const PROPOSALS: DemoProposal[] = [
  {
    id: "demo-p-yard",
    organiserId: "org-nsk",
    authorId: "demo-u-member",
    organisationId: "demo-tos",
    status: "published",
    daysAgo: 12,
    title: "Благоустройство двора на улице Северной, 12–16",
    summary: "Освещение, скамейки и зона отдыха во дворе трёх домов микрорайона ТОС «Северный».",
    problem: "Двор трёх пятиэтажек не освещён, скамейки сломаны, после дождя дорожки превращаются в лужи. Пожилым жителям негде отдохнуть, вечером во дворе небезопасно.\n\nНа собрании ТОС жители назвали благоустройство двора главной задачей на год.",
    goal: "Создать безопасный и удобный двор для жителей всех возрастов силами ТОС и при поддержке мэрии.",
    tasks: ["Провести собрание жителей и согласовать проект", "Подготовить схему благоустройства с учётом мнения жителей", "Установить 8 светильников и 6 скамеек", "Отсыпать и выложить плиткой дорожки", "Провести субботник по озеленению"],
    expectedResults: "Освещённый двор, 6 скамеек, 120 м дорожек, 30 посаженных кустарников. Жители участвуют в уходе за двором.",
    city: "Новосибирск",
    district: "Калининский",
    tos: "ТОС «Северный»",
    theme: "improvement",
    beneficiaries: 650,
    budgetRequested: 1_450_000,
    cofinancing: 180_000,
    startDate: "2027-05-01",
    endDate: "2027-09-30",
    team: "Анна Петрова — председатель совета ТОС, руководитель проекта.\nСовет ТОС «Северный» — 7 человек.\nУправляющая компания — согласование работ.",
  },
  {
    id: "demo-p-playground",
    organiserId: "org-nsk",
    authorId: "demo-u-member",
    organisationId: "demo-tos",
    status: "published",
    daysAgo: 8,
    title: "Детская площадка «Северное сияние»",
    summary: "Современная инклюзивная детская площадка на месте старой песочницы.",
    problem: "Ближайшая детская площадка — в двух километрах, через проезжую часть. Оборудование во дворе установлено в 1980-х и опасно.",
    goal: "Дать детям микрорайона безопасное место для игр рядом с домом, доступное и детям с инвалидностью.",
    tasks: ["Демонтировать старое оборудование", "Уложить резиновое покрытие", "Установить игровой комплекс и инклюзивные качели", "Организовать праздник открытия площадки"],
    expectedResults: "Площадка на 400 м² для детей от 3 до 12 лет; около 150 детей микрорайона играют рядом с домом.",
    city: "Новосибирск",
    district: "Калининский",
    tos: "ТОС «Северный»",
    theme: "children-family",
    beneficiaries: 150,
    budgetRequested: 2_300_000,
    cofinancing: 250_000,
    startDate: "2027-06-01",
    endDate: "2027-08-31",
    team: "Совет ТОС «Северный»; родительский актив школы № 45.",
  },
  {
    id: "demo-p-cleanup",
    organiserId: "org-nsk",
    authorId: "demo-u-resident",
    organisationId: null,
    status: "published",
    daysAgo: 5,
    title: "Экологический субботник на берегу Оби",
    summary: "Весенняя уборка береговой линии с раздельным сбором мусора и экоуроком для школьников.",
    problem: "После зимы берег Оби у Бугринской рощи завален мусором; пластик уносит в реку.",
    goal: "Очистить 3 км берега и научить участников раздельному сбору отходов.",
    tasks: ["Договориться с районной администрацией о вывозе мусора", "Закупить перчатки, мешки и контейнеры для раздельного сбора", "Провести субботник и экоурок"],
    expectedResults: "Собрано не меньше 2 тонн мусора, из них треть — на переработку; 200 участников.",
    city: "Новосибирск",
    district: "Кировский",
    tos: "",
    theme: "ecology",
    beneficiaries: 5000,
    budgetRequested: 120_000,
    cofinancing: null,
    startDate: "2027-04-20",
    endDate: "2027-05-20",
    team: "Мария Иванова — организатор; волонтёры экологического клуба «Чистый берег».",
  },
  {
    id: "demo-p-nko-school",
    organiserId: "org-nsk",
    authorId: "demo-u-nko",
    organisationId: "demo-nko",
    status: "published",
    daysAgo: 20,
    title: "«Школа НКО»: курсы по проектному управлению для активистов",
    summary: "Бесплатные занятия для НКО и ТОС: как написать проект, посчитать бюджет и отчитаться.",
    problem: "Многие НКО и ТОС не подают заявки на гранты: не хватает навыков проектного управления и знаний нормативной базы.",
    goal: "Научить 60 активистов готовить и реализовывать социальные проекты.",
    tasks: ["Разработать программу из 8 занятий", "Провести занятия в трёх районах города", "Сопроводить 10 проектов выпускников до подачи заявки"],
    expectedResults: "60 выпускников, не меньше 10 заявок на конкурс социально значимых проектов.",
    city: "Новосибирск",
    district: "Центральный",
    tos: "",
    theme: "nko-support",
    beneficiaries: 60,
    budgetRequested: 480_000,
    cofinancing: 60_000,
    startDate: "2027-02-01",
    endDate: "2027-06-30",
    team: "Игорь Смирнов — руководитель АНО «Центр городских инициатив»; 4 преподавателя-практика.",
  },
  {
    id: "demo-p-neighbours",
    organiserId: "org-nsk",
    authorId: "demo-u-resident",
    organisationId: null,
    status: "submitted",
    daysAgo: 2,
    title: "Праздник двора «Город соседей»",
    summary: "Соседский праздник с концертом, ярмаркой и мастер-классами для всех поколений.",
    problem: "Соседи почти не знают друг друга, новые жители не вовлечены в жизнь микрорайона.",
    goal: "Познакомить соседей и собрать инициативную группу для будущих проектов двора.",
    tasks: ["Собрать программу с участием жителей", "Провести праздник", "Создать чат инициативной группы"],
    expectedResults: "300 участников, инициативная группа из 15 человек.",
    city: "Новосибирск",
    district: "Ленинский",
    tos: "",
    theme: "culture",
    beneficiaries: 300,
    budgetRequested: 90_000,
    cofinancing: 10_000,
    startDate: "2027-08-15",
    endDate: "2027-08-15",
    team: "Мария Иванова и соседи по дому на улице Станиславского.",
  },
  {
    id: "demo-p-sport",
    organiserId: "org-nsk",
    authorId: "demo-u-member",
    organisationId: "demo-tos",
    status: "returned",
    daysAgo: 4,
    title: "Уличные тренажёры у школы № 45",
    summary: "Площадка воркаута для подростков и взрослых.",
    problem: "Подросткам негде заниматься спортом после уроков.",
    goal: "Создать бесплатную спортивную площадку рядом со школой.",
    tasks: ["Согласовать место со школой", "Установить 10 тренажёров"],
    expectedResults: "Площадка для 200 подростков и взрослых.",
    city: "Новосибирск",
    district: "Калининский",
    tos: "ТОС «Северный»",
    theme: "sport",
    beneficiaries: 200,
    budgetRequested: 900_000,
    cofinancing: null,
    startDate: "2027-06-01",
    endDate: "2027-07-31",
    team: "Совет ТОС «Северный».",
    returnReason: "Нужно уточнить бюджет проекта: приложите смету на тренажёры и покрытие",
  },
  {
    id: "demo-p-draft",
    organiserId: "org-mag",
    authorId: "demo-u-resident",
    organisationId: null,
    status: "draft",
    daysAgo: 1,
    title: "Библиотека городских практик для малых городов",
    summary: "",
    problem: "Малые города редко знают об удачных практиках крупных городов.",
    goal: "",
    tasks: [],
    expectedResults: "",
    city: "",
    district: "",
    tos: "",
    theme: "education",
    beneficiaries: 0,
    budgetRequested: 0,
    cofinancing: null,
    startDate: "2027-09-01",
    endDate: "2027-12-31",
    team: "",
  },
  {
    id: "demo-p-museum",
    organiserId: "org-mag",
    authorId: "demo-u-nko",
    organisationId: "demo-nko",
    status: "archived",
    daysAgo: 60,
    title: "Маршрут «Город, где хочется жить»: экскурсии по лучшим практикам",
    summary: "Экскурсионный маршрут по объектам — победителям смотра-конкурса.",
    problem: "О победителях смотра-конкурса знают только участники форумов МАГ.",
    goal: "Показать жителям и гостям города лучшие практики благоустройства.",
    tasks: ["Составить маршрут", "Подготовить экскурсоводов-волонтёров", "Провести 20 экскурсий"],
    expectedResults: "20 экскурсий, 400 участников, буклет маршрута.",
    city: "Тюмень",
    district: "",
    tos: "",
    theme: "culture",
    beneficiaries: 400,
    budgetRequested: 150_000,
    cofinancing: 30_000,
    startDate: "2026-05-01",
    endDate: "2026-09-30",
    team: "АНО «Центр городских инициатив»; волонтёры-экскурсоводы.",
  },
];

/** Who supports what (demo accounts; the counter is recounted from these rows below). */
const SUPPORTS: [proposalId: string, userId: string][] = [
  ["demo-p-yard", "demo-u-resident"],
  ["demo-p-yard", "demo-u-nko"],
  ["demo-p-yard", "demo-u-expert"],
  ["demo-p-playground", "demo-u-resident"],
  ["demo-p-playground", "demo-u-nko"],
  ["demo-p-cleanup", "demo-u-member"],
  ["demo-p-nko-school", "demo-u-member"],
];

/** A history entry written once (the audit log has no natural key, so NOT EXISTS keeps it idempotent). */
const audit = (at: number, actorId: string, action: string, p: DemoProposal, reason: string | null = null) =>
  `INSERT INTO audit_log (at, actor_id, action, object_type, object_id, organiser_id, reason) SELECT ${at}, ${q(actorId)}, ${q(action)}, 'proposal', ${q(p.id)}, ${q(p.organiserId)}, ${q(reason)} WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE object_type = 'proposal' AND object_id = ${q(p.id)} AND action = ${q(action)});`;

/** One proposal with its history (and its queue item while it waits): also used by other demo modules (competitions.ts adds ТОС projects). */
export function proposalSql(p: DemoProposal, now: number): string[] {
  const lines: string[] = [];
  const created = now - p.daysAgo * DAY;
  const submitted = p.status === "draft" ? null : created + 3_600_000;
  const published = p.status === "published" || p.status === "archived" ? created + 86_400_000 / 2 : null;
  lines.push(
    `INSERT INTO proposals (id, organiser_id, author_id, organisation_id, status, title, summary, problem, goal, tasks, expected_results, city, district, tos, theme, beneficiaries, budget_requested, cofinancing, start_date, end_date, team, created_at, updated_at, submitted_at, published_at) VALUES (${[
      p.id, p.organiserId, p.authorId, p.organisationId, p.status, p.title, p.summary, p.problem, p.goal, JSON.stringify(p.tasks), p.expectedResults, p.city, p.district, p.tos, p.theme,
      p.beneficiaries, p.budgetRequested, p.cofinancing, p.startDate, p.endDate, p.team, created, published ?? submitted ?? created, submitted, published,
    ].map(q).join(", ")}) ON CONFLICT DO NOTHING;`,
    audit(created, p.authorId, "proposal.create", p),
  );
  if (submitted) lines.push(audit(submitted, p.authorId, "proposal.submit", p));
  if (published) lines.push(audit(published, "demo-u-moderator", "proposal.publish", p));
  if (p.status === "archived") lines.push(audit(now - DAY, "demo-u-moderator", "proposal.archive", p));
  if (p.status === "returned") lines.push(audit(submitted! + 7_200_000, "demo-u-moderator", "proposal.return", p, p.returnReason ?? null));
  if (p.status === "submitted")
    lines.push(
      `INSERT INTO moderation_items (id, organiser_id, target_type, target_id, kind, author_id, label, created_at) VALUES (${q(`demo-mi-${p.id}`)}, ${q(p.organiserId)}, 'proposal', ${q(p.id)}, 'review', ${q(p.authorId)}, ${q(p.title.slice(0, 140))}, ${submitted}) ON CONFLICT DO NOTHING;`,
    );
  return lines;
}

export function proposalsDemoSql(now: number): string[] {
  const lines: string[] = [];
  NSK_THEMES.forEach(([slug, ru, en], i) =>
    lines.push(`INSERT INTO organiser_themes (organiser_id, slug, name_ru, name_en, position) VALUES ('org-nsk', ${q(slug)}, ${q(ru)}, ${q(en)}, ${i}) ON CONFLICT DO NOTHING;`),
  );
  DEFAULT_THEMES.forEach((t, i) =>
    lines.push(`INSERT INTO organiser_themes (organiser_id, slug, name_ru, name_en, position) VALUES ('org-mag', ${q(t.slug)}, ${q(t.nameRu)}, ${q(t.nameEn)}, ${i}) ON CONFLICT DO NOTHING;`),
  );
  for (const p of PROPOSALS) lines.push(...proposalSql(p, now));
  for (const [proposalId, userId] of SUPPORTS)
    lines.push(`INSERT INTO proposal_supports (proposal_id, user_id, created_at) VALUES (${q(proposalId)}, ${q(userId)}, ${now}) ON CONFLICT DO NOTHING;`);
  // Counters from the rows, as the service keeps them.
  lines.push(`UPDATE proposals SET support_count = (SELECT count(*) FROM proposal_supports s WHERE s.proposal_id = proposals.id) WHERE id LIKE 'demo-p-%';`);
  return lines;
}
