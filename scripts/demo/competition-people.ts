// The people and organisations the demo competitions need beyond the seven demo accounts: city
// administrations and НКО of Russia and the CIS/ЕАЭС with one representative each, experts, ТОС of
// Novosibirsk with their chairs and projects (proposals), and residents who vote. Every account signs
// in with the demo password. Fixed ids and ON CONFLICT DO NOTHING, so a restart adds nothing.
import { CONSENT_VERSION } from "./accounts.ts";
import { proposalSql, type DemoProposal } from "./proposals.ts";
import { q } from "./sql.ts";

const DAY = 86_400_000;

export interface Person {
  id: string;
  email: string;
  name: string;
  city: string;
  /** When the account was made, in days before the demo's "now" (new accounts matter to the vote report). */
  daysAgo: number;
}

export interface Organisation {
  id: string;
  organiserId: string;
  name: string;
  type: "nko" | "tos" | "administration" | "other";
  city: string;
  country: string;
  description: string;
  /** The confirmed member who enters the organisation's practices (an account of its own or a demo account). */
  repId: string;
}

const person = (id: string, email: string, name: string, city: string, daysAgo = 900): Person => ({ id: `demo-u-${id}`, email: `${email}@uchastie.local`, name, city, daysAgo });

/** Representatives of the organisations (one each). */
export const REPS: Person[] = [
  person("rep-brn", "barnaul", "Ольга Кравченко (администрация Барнаула)", "Барнаул"),
  person("rep-tsk", "tomsk", "Денис Шамаев (администрация Томска)", "Томск"),
  person("rep-krs", "krasnoyarsk", "Виктория Лазарева (администрация Красноярска)", "Красноярск"),
  person("rep-kem", "kemerovo", "Максим Тихонов (администрация Кемерова)", "Кемерово"),
  person("rep-oms", "omsk", "Людмила Романова (администрация Омска)", "Омск"),
  person("rep-irk", "irkutsk", "Артём Ефимов (администрация Иркутска)", "Иркутск"),
  person("rep-bsk", "bishkek", "Айбек Осмонов (мэрия Бишкека)", "Бишкек"),
  person("rep-ala", "almaty", "Динара Жумабаева (акимат Алматы)", "Алматы"),
  person("rep-msq", "minsk", "Павел Гриневич (Мингорисполком)", "Минск"),
  person("rep-evn", "yerevan", "Анна Саргсян (мэрия Еревана)", "Ереван"),
  person("rep-kzn", "kazan", "Ильдар Галиев (исполком Казани)", "Казань"),
  person("rep-ekb", "ekaterinburg", "Юлия Старцева (администрация Екатеринбурга)", "Екатеринбург"),
  person("rep-tmn", "tyumen", "Роман Федосеев (администрация Тюмени)", "Тюмень"),
  person("rep-enisey", "enisey", "Полина Ветрова (фонд «Енисей»)", "Красноярск"),
  person("rep-gi", "gi-almaty", "Асель Нурланова (ОО «Городская инициатива»)", "Алматы"),
  person("rep-urban", "urban-yerevan", "Давид Акопян (Ереванский клуб урбанистов)", "Ереван"),
  person("rep-dobro", "dobro-omsk", "Екатерина Белых (АНО «Омский центр добровольчества»)", "Омск"),
];

/** Experts of the competitions (besides expert@uchastie.local, Екатеринбург). */
export const EXPERTS: Person[] = [
  person("exp-kzn", "expert.kazan", "Рустем Хайруллин", "Казань"),
  person("exp-msk", "expert.moscow", "Елена Воронцова", "Москва"),
  person("exp-msq", "expert.minsk", "Андрей Ковалёв", "Минск"),
  person("exp-ast", "expert.astana", "Айгерим Садыкова", "Астана"),
  person("exp-spb", "expert.spb", "Наталья Орлова", "Санкт-Петербург"),
  // The Экспертный совет по развитию ТОС of Novosibirsk invites experts from neighbouring cities, so
  // that no expert scores a project of their own city.
  person("exp-brd", "expert.berdsk", "Сергей Лаптев", "Бердск"),
  person("exp-tsk", "expert.tomsk", "Ирина Белова", "Томск"),
  person("exp-brn", "expert.barnaul", "Олег Захаров", "Барнаул"),
];

/** Chairs of the ТОС of Novosibirsk (ТОС «Северный» is member@uchastie.local's). */
export const TOS_CHAIRS: Person[] = [
  person("tos-rodniki", "tos.rodniki", "Валентина Гусева (ТОС «Родники»)", "Новосибирск"),
  person("tos-snegiri", "tos.snegiri", "Николай Пестов (ТОС «Снегири»)", "Новосибирск"),
  person("tos-zatulinsky", "tos.zatulinsky", "Галина Рябова (ТОС «Затулинский»)", "Новосибирск"),
  person("tos-plehanovsky", "tos.plehanovsky", "Евгений Мальцев (ТОС «Плехановский»)", "Новосибирск"),
];

const MALE = ["Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Иван", "Николай", "Павел", "Артём", "Евгений"];
const FEMALE = ["Ольга", "Елена", "Татьяна", "Наталья", "Ирина", "Светлана", "Юлия", "Анастасия", "Екатерина", "Дарья"];
const SURNAMES = ["Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов", "Волков", "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов", "Воробьёв"];
const OTHER_CITIES = ["Барнаул", "Томск", "Красноярск", "Кемерово", "Омск", "Иркутск", "Бишкек", "Алматы", "Минск", "Ереван", "Тюмень", "Казань", "Екатеринбург", "Москва", "Астана"];

/**
 * Residents who voted: voter01–30 live in Новосибирск, voter31–60 elsewhere; all have had their
 * accounts for years. voter61–66 were made a day before they voted, from one network: the burst the
 * anomaly report of the ТОС contest shows.
 */
export const VOTERS: Person[] = Array.from({ length: 66 }, (_, i) => {
  const n = i + 1;
  const female = n % 2 === 0;
  const surname = SURNAMES[(n * 7) % SURNAMES.length];
  const name = `${(female ? FEMALE : MALE)[(n * 3) % 10]} ${female ? `${surname}а` : surname}`;
  const city = n <= 30 || n > 60 ? "Новосибирск" : OTHER_CITIES[(n - 31) % OTHER_CITIES.length];
  const nn = String(n).padStart(2, "0");
  return { id: `demo-u-voter-${nn}`, email: `voter${nn}@uchastie.local`, name, city, daysAgo: n > 60 ? 1.25 : 500 + n * 3 };
});

const ORG = (id: string, name: string, type: Organisation["type"], city: string, country: string, description: string, repId: string, organiserId = "org-mag"): Organisation => ({
  id: `demo-org-${id}`,
  organiserId,
  name,
  type,
  city,
  country,
  description,
  repId,
});

export const ORGANISATIONS: Organisation[] = [
  ORG("brn", "Администрация города Барнаула", "administration", "Барнаул", "Россия", "Город — член МАГ.", "demo-u-rep-brn"),
  ORG("tsk", "Администрация Города Томска", "administration", "Томск", "Россия", "Город — член МАГ.", "demo-u-rep-tsk"),
  ORG("krs", "Администрация города Красноярска", "administration", "Красноярск", "Россия", "Город — член МАГ.", "demo-u-rep-krs"),
  ORG("kem", "Администрация города Кемерово", "administration", "Кемерово", "Россия", "Город — член МАГ.", "demo-u-rep-kem"),
  ORG("oms", "Администрация города Омска", "administration", "Омск", "Россия", "Город — член МАГ.", "demo-u-rep-oms"),
  ORG("irk", "Администрация города Иркутска", "administration", "Иркутск", "Россия", "Город — член МАГ.", "demo-u-rep-irk"),
  ORG("bsk", "Мэрия города Бишкек", "administration", "Бишкек", "Киргизия", "Город — член МАГ.", "demo-u-rep-bsk"),
  ORG("ala", "Акимат города Алматы", "administration", "Алматы", "Казахстан", "Город — член МАГ.", "demo-u-rep-ala"),
  ORG("msq", "Минский городской исполнительный комитет", "administration", "Минск", "Беларусь", "Город — член МАГ.", "demo-u-rep-msq"),
  ORG("evn", "Мэрия города Еревана", "administration", "Ереван", "Армения", "Город — член МАГ.", "demo-u-rep-evn"),
  ORG("kzn", "Исполнительный комитет муниципального образования города Казани", "administration", "Казань", "Россия", "Город — член МАГ.", "demo-u-rep-kzn"),
  ORG("ekb", "Администрация города Екатеринбурга", "administration", "Екатеринбург", "Россия", "Город — член МАГ.", "demo-u-rep-ekb"),
  ORG("enisey", "Фонд развития городских сообществ «Енисей»", "nko", "Красноярск", "Россия", "Соучаствующее проектирование дворов и общественных пространств.", "demo-u-rep-enisey"),
  ORG("gi", "ОО «Городская инициатива»", "nko", "Алматы", "Казахстан", "Объединение жителей за зелёные и соседские дворы.", "demo-u-rep-gi"),
  ORG("urban", "ОО «Ереванский клуб урбанистов»", "nko", "Ереван", "Армения", "Открытые обсуждения городских проектов.", "demo-u-rep-urban"),
  ORG("dobro", "АНО «Омский центр добровольчества»", "nko", "Омск", "Россия", "Волонтёрская помощь пожилым и маломобильным жителям.", "demo-u-rep-dobro"),
  ORG("tos-rodniki", "ТОС «Родники»", "tos", "Новосибирск", "Россия", "Микрорайон Родники, Калининский район: сквер, детские площадки, соседские праздники.", "demo-u-tos-rodniki", "org-nsk"),
  ORG("tos-snegiri", "ТОС «Снегири»", "tos", "Новосибирск", "Россия", "Микрорайон Снегири, Дзержинский район: цветники, каток, клуб старшего поколения.", "demo-u-tos-snegiri", "org-nsk"),
  ORG("tos-zatulinsky", "ТОС «Затулинский»", "tos", "Новосибирск", "Россия", "Жилмассив Затулинский, Кировский район: освещение, соседские фестивали.", "demo-u-tos-zatulinsky", "org-nsk"),
  ORG("tos-plehanovsky", "ТОС «Плехановский»", "tos", "Новосибирск", "Россия", "Посёлок Плехановский, Дзержинский район: дворовый театр, соседский центр.", "demo-u-tos-plehanovsky", "org-nsk"),
];

/** The demo organisations of ./accounts.ts, as entrants (their representatives are demo accounts). */
export const DEMO_ENTRANTS: Record<"tos" | "nko" | "tyumen", Organisation> = {
  tos: { id: "demo-tos", organiserId: "org-nsk", name: "ТОС «Северный»", type: "tos", city: "Новосибирск", country: "Россия", description: "", repId: "demo-u-member" },
  nko: { id: "demo-nko", organiserId: "org-nsk", name: "АНО «Центр городских инициатив»", type: "nko", city: "Новосибирск", country: "Россия", description: "", repId: "demo-u-nko" },
  tyumen: { id: "demo-admin", organiserId: "org-mag", name: "Администрация города Тюмени", type: "administration", city: "Тюмень", country: "Россия", description: "", repId: "demo-u-rep-tmn" },
};

/** An organisation by its short id ("brn" → demo-org-brn), or one of the demo organisations. */
export function org(key: string): Organisation {
  const found = (DEMO_ENTRANTS as Record<string, Organisation>)[key] ?? ORGANISATIONS.find((o) => o.id === `demo-org-${key}`);
  if (!found) throw new Error(`demo competitions: no organisation ${key}`);
  return found;
}

const tos = (key: string) => `demo-org-tos-${key}`;
const chair = (key: string) => `demo-u-tos-${key}`;

/**
 * Projects of the ТОС of Novosibirsk for the конкурс социально значимых проектов ТОС (published
 * proposals, entered into the contest by their ТОС). With demo-p-yard of ТОС «Северный».
 */
export const TOS_PROPOSALS: DemoProposal[] = [
  {
    id: "demo-p-tos-rodniki-park",
    organiserId: "org-nsk",
    authorId: chair("rodniki"),
    organisationId: tos("rodniki"),
    status: "published",
    daysAgo: 27,
    title: "Мини-парк «Родниковый сквер»",
    summary: "Пустырь между школой № 211 и домами по улице Родниковой становится мини-парком с дорожками, скамейками и цветниками.",
    problem: "Между школой и жилыми домами — пустырь 0,6 га с вытоптанными тропинками и стихийной парковкой. Жителям микрорайона негде погулять с детьми и посидеть: ближайший парк в трёх остановках.",
    goal: "Создать мини-парк для жителей микрорайона Родники по проекту, который выбрали сами жители.",
    tasks: ["Провести опрос и две проектные встречи с жителями", "Согласовать проект с мэрией и школой", "Устроить 400 м дорожек, освещение и 12 скамеек", "Посадить 40 деревьев и разбить цветники на субботниках"],
    expectedResults: "Мини-парк 0,6 га: 400 м дорожек, 12 скамеек, 40 деревьев; в посадке участвуют не меньше 150 жителей.",
    city: "Новосибирск",
    district: "Калининский",
    tos: "ТОС «Родники»",
    theme: "improvement",
    beneficiaries: 4200,
    budgetRequested: 1_900_000,
    cofinancing: 220_000,
    startDate: "2027-05-01",
    endDate: "2027-10-15",
    team: "Валентина Гусева — председатель ТОС «Родники».\nСовет ТОС — 9 человек; школа № 211; ландшафтный архитектор-волонтёр.",
  },
  {
    id: "demo-p-tos-snegiri-alley",
    organiserId: "org-nsk",
    authorId: chair("snegiri"),
    organisationId: tos("snegiri"),
    status: "published",
    daysAgo: 25,
    title: "Аллея и цветники у Дома культуры в Снегирях",
    summary: "Аллея с цветниками и скамейками вдоль улицы Снегирёвской, за которой ухаживают сами жители.",
    problem: "Аллея у Дома культуры заросла, дорожка разбита, скамеек нет. Это главное место прогулок пожилых жителей микрорайона.",
    goal: "Обновить аллею и передать уход за цветниками волонтёрам ТОС.",
    tasks: ["Заменить покрытие дорожки на 260 м", "Установить 10 скамеек и урны", "Разбить 6 цветников из многолетников", "Составить график ухода с волонтёрами"],
    expectedResults: "Обновлённая аллея 260 м, 6 цветников, 10 скамеек; 30 волонтёров ухаживают за цветниками.",
    city: "Новосибирск",
    district: "Дзержинский",
    tos: "ТОС «Снегири»",
    theme: "improvement",
    beneficiaries: 2800,
    budgetRequested: 1_250_000,
    cofinancing: 150_000,
    startDate: "2027-05-15",
    endDate: "2027-09-30",
    team: "Николай Пестов — председатель ТОС «Снегири»; Дом культуры; клуб садоводов «Снегири».",
  },
  {
    id: "demo-p-tos-zatulinsky-light",
    organiserId: "org-nsk",
    authorId: chair("zatulinsky"),
    organisationId: tos("zatulinsky"),
    status: "published",
    daysAgo: 24,
    title: "Освещённая тропа к остановке «Затулинка»",
    summary: "Фонари и твёрдое покрытие на пешеходной тропе, по которой жители ходят к остановке и в поликлинику.",
    problem: "Тропа длиной 350 м через сквер не освещена: зимой в 17 часов уже темно, люди ходят по проезжей части.",
    goal: "Сделать путь к остановке безопасным в любое время года.",
    tasks: ["Установить 14 светодиодных фонарей", "Уложить покрытие и бордюр", "Провести рейд «Безопасный путь» со школьниками"],
    expectedResults: "350 м освещённой тропы; ежедневно по ней ходят около 1500 человек.",
    city: "Новосибирск",
    district: "Кировский",
    tos: "ТОС «Затулинский»",
    theme: "improvement",
    beneficiaries: 1500,
    budgetRequested: 980_000,
    cofinancing: 60_000,
    startDate: "2027-06-01",
    endDate: "2027-09-15",
    team: "Галина Рябова — председатель ТОС «Затулинский»; совет ТОС; инженер-электрик из числа жителей.",
  },
  {
    id: "demo-p-tos-plehanovsky-theatre",
    organiserId: "org-nsk",
    authorId: chair("plehanovsky"),
    organisationId: tos("plehanovsky"),
    status: "published",
    daysAgo: 23,
    title: "Дворовый театр «Плехановские подмостки»",
    summary: "Летний театр под открытым небом для подростков посёлка: занятия с режиссёром и три спектакля во дворах.",
    problem: "В посёлке нет ни кружков, ни клуба: подростки проводят лето во дворах без дела.",
    goal: "Вовлечь подростков в творчество и в жизнь посёлка.",
    tasks: ["Набрать труппу из 25 подростков", "Провести 30 занятий с режиссёром", "Сделать сцену-трансформер во дворе", "Сыграть три спектакля для жителей"],
    expectedResults: "25 подростков в труппе, 3 спектакля, не меньше 600 зрителей.",
    city: "Новосибирск",
    district: "Дзержинский",
    tos: "ТОС «Плехановский»",
    theme: "children-family",
    beneficiaries: 625,
    budgetRequested: 420_000,
    cofinancing: 50_000,
    startDate: "2027-06-01",
    endDate: "2027-08-31",
    team: "Евгений Мальцев — председатель ТОС «Плехановский»; режиссёр народного театра; родители.",
  },
  {
    id: "demo-p-tos-rodniki-kids",
    organiserId: "org-nsk",
    authorId: chair("rodniki"),
    organisationId: tos("rodniki"),
    status: "published",
    daysAgo: 22,
    title: "Детская площадка «Родничок» и дворовые игры",
    summary: "Детская площадка для малышей во дворе на улице Родниковой и летняя программа дворовых игр.",
    problem: "В четырёх дворах по улице Родниковой нет ни одной детской площадки; дети играют на парковке.",
    goal: "Создать безопасное место для игр детей 3–10 лет и вернуть во двор дворовые игры.",
    tasks: ["Выбрать место вместе с жителями", "Установить игровой комплекс на резиновом покрытии", "Провести 12 встреч «Игры нашего двора» с вожатыми"],
    expectedResults: "Детская площадка на 250 м², около 200 детей играют во дворе, 12 летних встреч.",
    city: "Новосибирск",
    district: "Калининский",
    tos: "ТОС «Родники»",
    theme: "children-family",
    beneficiaries: 200,
    budgetRequested: 1_600_000,
    cofinancing: 120_000,
    startDate: "2027-05-15",
    endDate: "2027-08-31",
    team: "Совет ТОС «Родники»; студенты-вожатые педагогического университета.",
  },
  {
    id: "demo-p-tos-snegiri-ice",
    organiserId: "org-nsk",
    authorId: chair("snegiri"),
    organisationId: tos("snegiri"),
    status: "published",
    daysAgo: 21,
    title: "Хоккейная коробка и каток для детей Снегирей",
    summary: "Ремонт хоккейной коробки, заливка катка и бесплатный прокат коньков для детей микрорайона.",
    problem: "Хоккейная коробка во дворе школы разрушена, зимой детям негде кататься.",
    goal: "Вернуть детям зимний спорт рядом с домом.",
    tasks: ["Заменить борта и освещение коробки", "Организовать заливку силами добровольной дружины", "Закупить 40 пар коньков для проката"],
    expectedResults: "Каток на 120 дней в сезон, 40 пар коньков, около 300 детей катаются бесплатно.",
    city: "Новосибирск",
    district: "Дзержинский",
    tos: "ТОС «Снегири»",
    theme: "sport",
    beneficiaries: 300,
    budgetRequested: 860_000,
    cofinancing: 90_000,
    startDate: "2027-10-01",
    endDate: "2028-03-31",
    team: "Николай Пестов; тренер детской хоккейной секции; добровольная дружина жителей.",
  },
  {
    id: "demo-p-tos-zatulinsky-fest",
    organiserId: "org-nsk",
    authorId: chair("zatulinsky"),
    organisationId: tos("zatulinsky"),
    status: "published",
    daysAgo: 26,
    title: "Соседский фестиваль «Затулинка — мой дом»",
    summary: "Фестиваль жилмассива: концерт жителей, ярмарка мастеров, турнир дворовых команд.",
    problem: "Жилмассив большой, соседи не знакомы друг с другом, в ТОС приходят одни и те же активисты.",
    goal: "Познакомить соседей и найти новых активистов ТОС.",
    tasks: ["Собрать программу вместе с жителями", "Провести фестиваль на площади у ДК «Юность»", "Записать новых участников советов домов"],
    expectedResults: "2000 участников, 30 новых активистов, 5 новых советов домов.",
    city: "Новосибирск",
    district: "Кировский",
    tos: "ТОС «Затулинский»",
    theme: "culture",
    beneficiaries: 2000,
    budgetRequested: 350_000,
    cofinancing: 40_000,
    startDate: "2027-08-20",
    endDate: "2027-08-20",
    team: "Галина Рябова; совет ТОС; ДК «Юность»; творческие коллективы жителей.",
  },
  {
    id: "demo-p-tos-snegiri-seniors",
    organiserId: "org-nsk",
    authorId: chair("snegiri"),
    organisationId: tos("snegiri"),
    status: "published",
    daysAgo: 28,
    title: "Клуб «Серебряный возраст» в Снегирях",
    summary: "Клуб для жителей старшего возраста: компьютерная грамотность, скандинавская ходьба, встречи с врачами.",
    problem: "Пожилые жители микрорайона одиноки, многие не умеют записаться к врачу через интернет.",
    goal: "Помочь пожилым жителям оставаться активными и самостоятельными.",
    tasks: ["Провести 24 занятия по цифровой грамотности", "Организовать группу скандинавской ходьбы", "Провести 6 встреч с врачами поликлиники"],
    expectedResults: "80 участников клуба, 60 научились записываться к врачу онлайн.",
    city: "Новосибирск",
    district: "Дзержинский",
    tos: "ТОС «Снегири»",
    theme: "health",
    beneficiaries: 80,
    budgetRequested: 280_000,
    cofinancing: 30_000,
    startDate: "2027-02-01",
    endDate: "2027-11-30",
    team: "Николай Пестов; волонтёры-студенты; поликлиника № 7.",
  },
  {
    id: "demo-p-tos-plehanovsky-center",
    organiserId: "org-nsk",
    authorId: chair("plehanovsky"),
    organisationId: tos("plehanovsky"),
    status: "published",
    daysAgo: 30,
    title: "Соседский центр в помещении ТОС «Плехановский»",
    summary: "Ремонт помещения ТОС и открытие соседского центра: библиотека вещей, кружки, приём депутата.",
    problem: "У жителей посёлка нет места для встреч: собрания ТОС проходят на улице или в подъезде.",
    goal: "Открыть соседский центр, который работает каждый день силами жителей.",
    tasks: ["Отремонтировать помещение 70 м²", "Собрать библиотеку вещей", "Составить расписание кружков и приёмов"],
    expectedResults: "Центр открыт 6 дней в неделю, 12 кружков и клубов, 400 посещений в месяц.",
    city: "Новосибирск",
    district: "Дзержинский",
    tos: "ТОС «Плехановский»",
    theme: "tos",
    beneficiaries: 1200,
    budgetRequested: 640_000,
    cofinancing: 110_000,
    startDate: "2027-03-01",
    endDate: "2027-12-31",
    team: "Евгений Мальцев; совет ТОС «Плехановский»; депутат окружного совета.",
  },
];

/** Supports of the ТОС projects by voters who live in Новосибирск (support_count is recounted below). */
const TOS_SUPPORTS: [proposalId: string, voters: number][] = [
  ["demo-p-tos-rodniki-park", 6],
  ["demo-p-tos-snegiri-alley", 3],
  ["demo-p-tos-zatulinsky-light", 4],
  ["demo-p-tos-plehanovsky-theatre", 5],
  ["demo-p-tos-rodniki-kids", 2],
  ["demo-p-tos-zatulinsky-fest", 3],
  ["demo-p-tos-snegiri-seniors", 4],
];

export const ALL_PEOPLE = [...REPS, ...EXPERTS, ...TOS_CHAIRS, ...VOTERS];

/** When a person's account was made (the vote log copies it). Demo accounts are made at the first load. */
export function accountCreatedAt(userId: string, now: number): number | null {
  const p = ALL_PEOPLE.find((x) => x.id === userId);
  return p ? Math.round(now - p.daysAgo * DAY) : null;
}

export function peopleDemoSql(now: number, hash: string): string[] {
  const lines: string[] = [];
  for (const p of ALL_PEOPLE) {
    const at = Math.round(now - p.daysAgo * DAY);
    lines.push(
      `INSERT INTO users (id, email, email_confirmed_at, password_hash, display_name, city, locale, show_memberships, created_at) VALUES (${q(p.id)}, ${q(p.email)}, ${at}, ${q(hash)}, ${q(p.name)}, ${q(p.city)}, 'ru', 1, ${at}) ON CONFLICT DO NOTHING;`,
      `INSERT INTO consents (user_id, version, accepted_at) SELECT ${q(p.id)}, ${q(CONSENT_VERSION)}, ${at} WHERE NOT EXISTS (SELECT 1 FROM consents WHERE user_id = ${q(p.id)});`,
    );
  }
  for (const o of ORGANISATIONS)
    lines.push(
      `INSERT INTO organisations (id, organiser_id, name, type, city, description, inn, ogrn, member_count, created_at) VALUES (${q(o.id)}, ${q(o.organiserId)}, ${q(o.name)}, ${q(o.type)}, ${q(o.city)}, ${q(o.description)}, NULL, NULL, 0, ${now - 800 * DAY}) ON CONFLICT DO NOTHING;`,
    );
  const moderatorOf = (o: Organisation) => (o.organiserId === "org-nsk" ? "demo-u-moderator" : "demo-u-organiser");
  for (const o of [...ORGANISATIONS, DEMO_ENTRANTS.tyumen])
    lines.push(
      `INSERT INTO organisation_members (organisation_id, user_id, status, requested_at, decided_at, decided_by) VALUES (${q(o.id)}, ${q(o.repId)}, 'confirmed', ${now - 700 * DAY}, ${now - 699 * DAY}, ${q(moderatorOf(o))}) ON CONFLICT DO NOTHING;`,
    );
  const ids = [...ORGANISATIONS.map((o) => o.id), DEMO_ENTRANTS.tyumen.id].map(q).join(", ");
  lines.push(`UPDATE organisations SET member_count = (SELECT count(*) FROM organisation_members m WHERE m.organisation_id = organisations.id AND m.status = 'confirmed') WHERE id IN (${ids});`);
  for (const p of TOS_PROPOSALS) lines.push(...proposalSql(p, now));
  for (const [proposalId, count] of TOS_SUPPORTS)
    for (const v of VOTERS.slice(0, count))
      lines.push(`INSERT INTO proposal_supports (proposal_id, user_id, created_at) VALUES (${q(proposalId)}, ${q(v.id)}, ${now - 15 * DAY}) ON CONFLICT DO NOTHING;`);
  lines.push(`UPDATE proposals SET support_count = (SELECT count(*) FROM proposal_supports s WHERE s.proposal_id = proposals.id) WHERE id LIKE 'demo-p-tos-%';`);
  return lines;
}
