// Generates the benchmark's library of city practices (issue 5) as SQL files: --practices practices
// (50,000 by default) of МАГ and the city halls of bench/generate.ts, with their `practices_fts` rows.
//
// The texts: Russian sentences built from templates around some thirty subjects of city practice
// («детская площадка», «дворовая территория», «экологическая тропа» …), each written out in eight
// case and number forms, so one subject appears as «детских площадок», «детскую площадку»,
// «детскими площадками» … across the library — what the stemming must join. About 120 cities of
// Russia and the CIS/ЕАЭС (the big ones far more often), 20 themes, 30 nominations of the
// смотр-конкурс, years 1990–2026 (recent ones more often).
//
// How it is written, and why (wrangler's local execute costs about a second per megabyte of SQL, and
// 50,000 practices are some 75 MB of text):
// - every distinct piece of text — a title, a sentence of a field, a city, a theme, a nomination — is
//   one row of a scratch table `bench_fragments(id, text, words)`, where `words` is that piece's
//   stems made HERE by worker/library/stemming.ts `stemWords` (the stemming the worker uses);
// - each practice is a compact row of fragment ids in a second scratch table `bench_practices`;
// - `INSERT … SELECT` composes the practices from them, and the FTS rows likewise:
//   `practiceWords` (stemming.ts) is the stems of title, title, city, country, theme, nomination,
//   problem, actions and results joined by spaces, and since stems are made word by word, the stems
//   of two sentences joined by a space are the two sentences' stems joined by a space — so the
//   composed `words` equal `practiceWords` of the composed practice. bench/run.ts checks exactly
//   that after loading, on a sample of the stored rows, with `practiceWords` itself;
// - the scratch tables are dropped at the end.
// FTS rowids equal the practices' rowids, as the worker writes them (library/index.ts).
import { mkdirSync } from "node:fs";
import { stemWords } from "../worker/library/stemming.ts";
import { prng, q, SqlWriter, userId } from "./generate.ts";

export interface LibrarySetOptions {
  practices: number;
  /** МАГ first, then the city halls (bench/generate.ts). */
  organiserIds: string[];
  /** Each organiser's admin (account number): the practices' `created_by`. */
  organiserAdmins: Map<string, number>;
}

export interface LibrarySet {
  files: string[];
  counts: { practices: number; hidden: number; fragments: number; cities: number; themes: number; nominations: number; years: number; withNomination: number; detskayaPloshchadka: number };
  generationMs: number;
  /** A visible practice (for its page). */
  typicalPracticeId: string;
  /** The city with the most practices, and a year with many. */
  topCity: string;
  busyYear: number;
}

const ID_TAIL = "-0000-4000-8000-";
export const PRACTICE_ID_PATTERN = /be9c0030-0000-4000-8000-\d{12}/g;
const practiceId = (n: number) => `be9c0030${ID_TAIL}${String(n).padStart(12, "0")}`;
const practiceIdSql = (expr: string) => `printf('be9c0030${ID_TAIL}%012d', ${expr})`;

/** A subject of city practice in the forms the templates use. */
interface Subject {
  nom: string;
  gen: string;
  acc: string;
  ins: string;
  prep: string;
  nomPl: string;
  genPl: string;
  insPl: string;
  theme: string;
}
const s = (forms: string, theme: string): Subject => {
  const [nom, gen, acc, ins, prep, nomPl, genPl, insPl] = forms.split("|");
  return { nom, gen, acc, ins, prep, nomPl, genPl, insPl, theme };
};
/** Singular: nominative, genitive, accusative, instrumental, prepositional; plural: nominative, genitive, instrumental. */
export const SUBJECTS: Subject[] = [
  s("детская площадка|детской площадки|детскую площадку|детской площадкой|детской площадке|детские площадки|детских площадок|детскими площадками", "Благоустройство"),
  s("дворовая территория|дворовой территории|дворовую территорию|дворовой территорией|дворовой территории|дворовые территории|дворовых территорий|дворовыми территориями", "Благоустройство"),
  s("сквер|сквера|сквер|сквером|сквере|скверы|скверов|скверами", "Благоустройство"),
  s("городской парк|городского парка|городской парк|городским парком|городском парке|городские парки|городских парков|городскими парками", "Экология"),
  s("велодорожка|велодорожки|велодорожку|велодорожкой|велодорожке|велодорожки|велодорожек|велодорожками", "Транспорт"),
  s("спортивная площадка|спортивной площадки|спортивную площадку|спортивной площадкой|спортивной площадке|спортивные площадки|спортивных площадок|спортивными площадками", "Спорт"),
  s("общественное пространство|общественного пространства|общественное пространство|общественным пространством|общественном пространстве|общественные пространства|общественных пространств|общественными пространствами", "Благоустройство"),
  s("набережная|набережной|набережную|набережной|набережной|набережные|набережных|набережными", "Туризм"),
  s("библиотека|библиотеки|библиотеку|библиотекой|библиотеке|библиотеки|библиотек|библиотеками", "Культура"),
  s("школьный двор|школьного двора|школьный двор|школьным двором|школьном дворе|школьные дворы|школьных дворов|школьными дворами", "Образование"),
  s("остановка общественного транспорта|остановки общественного транспорта|остановку общественного транспорта|остановкой общественного транспорта|остановке общественного транспорта|остановки общественного транспорта|остановок общественного транспорта|остановками общественного транспорта", "Транспорт"),
  s("пешеходная улица|пешеходной улицы|пешеходную улицу|пешеходной улицей|пешеходной улице|пешеходные улицы|пешеходных улиц|пешеходными улицами", "Транспорт"),
  s("клуб по месту жительства|клуба по месту жительства|клуб по месту жительства|клубом по месту жительства|клубе по месту жительства|клубы по месту жительства|клубов по месту жительства|клубами по месту жительства", "Соседские сообщества"),
  s("площадка для выгула собак|площадки для выгула собак|площадку для выгула собак|площадкой для выгула собак|площадке для выгула собак|площадки для выгула собак|площадок для выгула собак|площадками для выгула собак", "Благоустройство"),
  s("пункт раздельного сбора отходов|пункта раздельного сбора отходов|пункт раздельного сбора отходов|пунктом раздельного сбора отходов|пункте раздельного сбора отходов|пункты раздельного сбора отходов|пунктов раздельного сбора отходов|пунктами раздельного сбора отходов", "Экология"),
  s("экологическая тропа|экологической тропы|экологическую тропу|экологической тропой|экологической тропе|экологические тропы|экологических троп|экологическими тропами", "Экология"),
  s("волонтёрский центр|волонтёрского центра|волонтёрский центр|волонтёрским центром|волонтёрском центре|волонтёрские центры|волонтёрских центров|волонтёрскими центрами", "Волонтёрство"),
  s("центр активного долголетия|центра активного долголетия|центр активного долголетия|центром активного долголетия|центре активного долголетия|центры активного долголетия|центров активного долголетия|центрами активного долголетия", "Старшее поколение"),
  s("инклюзивная площадка|инклюзивной площадки|инклюзивную площадку|инклюзивной площадкой|инклюзивной площадке|инклюзивные площадки|инклюзивных площадок|инклюзивными площадками", "Доступная среда"),
  s("молодёжное пространство|молодёжного пространства|молодёжное пространство|молодёжным пространством|молодёжном пространстве|молодёжные пространства|молодёжных пространств|молодёжными пространствами", "Молодёжная политика"),
  s("музей под открытым небом|музея под открытым небом|музей под открытым небом|музеем под открытым небом|музее под открытым небом|музеи под открытым небом|музеев под открытым небом|музеями под открытым небом", "Культура и история"),
  s("ярмарка выходного дня|ярмарки выходного дня|ярмарку выходного дня|ярмаркой выходного дня|ярмарке выходного дня|ярмарки выходного дня|ярмарок выходного дня|ярмарками выходного дня", "Малый бизнес"),
  s("сеть уличного освещения|сети уличного освещения|сеть уличного освещения|сетью уличного освещения|сети уличного освещения|сети уличного освещения|сетей уличного освещения|сетями уличного освещения", "Безопасность"),
  s("зелёный двор|зелёного двора|зелёный двор|зелёным двором|зелёном дворе|зелёные дворы|зелёных дворов|зелёными дворами", "Экология"),
  s("соседский центр|соседского центра|соседский центр|соседским центром|соседском центре|соседские центры|соседских центров|соседскими центрами", "Соседские сообщества"),
  s("городской портал обращений|городского портала обращений|городской портал обращений|городским порталом обращений|городском портале обращений|городские порталы обращений|городских порталов обращений|городскими порталами обращений", "Цифровой город"),
  s("памятник истории|памятника истории|памятник истории|памятником истории|памятнике истории|памятники истории|памятников истории|памятниками истории", "Культура и история"),
  s("проект инициативного бюджетирования|проекта инициативного бюджетирования|проект инициативного бюджетирования|проектом инициативного бюджетирования|проекте инициативного бюджетирования|проекты инициативного бюджетирования|проектов инициативного бюджетирования|проектами инициативного бюджетирования", "Инициативное бюджетирование"),
  s("спортивный клуб|спортивного клуба|спортивный клуб|спортивным клубом|спортивном клубе|спортивные клубы|спортивных клубов|спортивными клубами", "Здоровье"),
  s("информационный центр ТОС|информационного центра ТОС|информационный центр ТОС|информационным центром ТОС|информационном центре ТОС|информационные центры ТОС|информационных центров ТОС|информационными центрами ТОС", "Открытый муниципалитет"),
];

export const THEMES = [
  "Благоустройство", "Экология", "Транспорт", "Спорт", "Туризм", "Культура", "Образование", "Соседские сообщества", "Волонтёрство", "Старшее поколение",
  "Доступная среда", "Молодёжная политика", "Культура и история", "Малый бизнес", "Безопасность", "Цифровой город", "Инициативное бюджетирование", "Здоровье",
  "Открытый муниципалитет", "Межнациональное согласие",
];

export const NOMINATIONS = [
  "Комфортная городская среда", "Город соседей", "Открытый муниципалитет", "Город добрых", "Город друзей", "Город патриотов", "Лучшая практика ТОС",
  "Экологическая культура", "Доступная среда", "Молодёжь — городу", "Активное долголетие", "Городская культура", "Спортивный город", "Безопасный город",
  "Цифровой муниципалитет", "Инициативное бюджетирование", "Туристический потенциал города", "Социальное партнёрство", "Городская мобильность",
  "Благоустройство общественных пространств", "Сохранение исторического наследия", "Здоровый город", "Детство и семья", "Образование и просвещение",
  "Добровольчество", "Межнациональное согласие", "Городская экономика и малый бизнес", "Чистый город", "Информационная открытость", "Город, где хочется жить",
];

/** Cities with their country; earlier ones get more practices (a Zipf-like weight). */
const CITY_LIST: [string, string][] = [
  ["Новосибирск", "Россия"], ["Москва", "Россия"], ["Санкт-Петербург", "Россия"], ["Казань", "Россия"], ["Екатеринбург", "Россия"], ["Алматы", "Казахстан"],
  ["Минск", "Беларусь"], ["Красноярск", "Россия"], ["Томск", "Россия"], ["Омск", "Россия"], ["Нижний Новгород", "Россия"], ["Астана", "Казахстан"],
  ["Бишкек", "Киргизия"], ["Ереван", "Армения"], ["Ташкент", "Узбекистан"], ["Тюмень", "Россия"], ["Уфа", "Россия"], ["Самара", "Россия"],
  ["Челябинск", "Россия"], ["Пермь", "Россия"], ["Воронеж", "Россия"], ["Ростов-на-Дону", "Россия"], ["Краснодар", "Россия"], ["Иркутск", "Россия"],
  ["Барнаул", "Россия"], ["Кемерово", "Россия"], ["Новокузнецк", "Россия"], ["Хабаровск", "Россия"], ["Владивосток", "Россия"], ["Якутск", "Россия"],
  ["Улан-Удэ", "Россия"], ["Чита", "Россия"], ["Абакан", "Россия"], ["Кызыл", "Россия"], ["Горно-Алтайск", "Россия"], ["Бийск", "Россия"],
  ["Бердск", "Россия"], ["Искитим", "Россия"], ["Обь", "Россия"], ["Куйбышев", "Россия"], ["Сургут", "Россия"], ["Нижневартовск", "Россия"],
  ["Ханты-Мансийск", "Россия"], ["Салехард", "Россия"], ["Новый Уренгой", "Россия"], ["Норильск", "Россия"], ["Ачинск", "Россия"], ["Братск", "Россия"],
  ["Ангарск", "Россия"], ["Магадан", "Россия"], ["Петропавловск-Камчатский", "Россия"], ["Южно-Сахалинск", "Россия"], ["Благовещенск", "Россия"],
  ["Комсомольск-на-Амуре", "Россия"], ["Курган", "Россия"], ["Тобольск", "Россия"], ["Оренбург", "Россия"], ["Саратов", "Россия"], ["Волгоград", "Россия"],
  ["Астрахань", "Россия"], ["Пенза", "Россия"], ["Ульяновск", "Россия"], ["Тольятти", "Россия"], ["Ижевск", "Россия"], ["Киров", "Россия"],
  ["Чебоксары", "Россия"], ["Йошкар-Ола", "Россия"], ["Саранск", "Россия"], ["Рязань", "Россия"], ["Тула", "Россия"], ["Калуга", "Россия"],
  ["Брянск", "Россия"], ["Орёл", "Россия"], ["Курск", "Россия"], ["Белгород", "Россия"], ["Липецк", "Россия"], ["Тамбов", "Россия"],
  ["Ярославль", "Россия"], ["Кострома", "Россия"], ["Иваново", "Россия"], ["Владимир", "Россия"], ["Тверь", "Россия"], ["Смоленск", "Россия"],
  ["Псков", "Россия"], ["Великий Новгород", "Россия"], ["Вологда", "Россия"], ["Архангельск", "Россия"], ["Мурманск", "Россия"], ["Петрозаводск", "Россия"],
  ["Сыктывкар", "Россия"], ["Калининград", "Россия"], ["Ставрополь", "Россия"], ["Махачкала", "Россия"], ["Грозный", "Россия"], ["Владикавказ", "Россия"],
  ["Нальчик", "Россия"], ["Майкоп", "Россия"], ["Элиста", "Россия"], ["Севастополь", "Россия"], ["Симферополь", "Россия"], ["Сочи", "Россия"],
  ["Шымкент", "Казахстан"], ["Караганда", "Казахстан"], ["Павлодар", "Казахстан"], ["Усть-Каменогорск", "Казахстан"], ["Актобе", "Казахстан"],
  ["Гомель", "Беларусь"], ["Гродно", "Беларусь"], ["Брест", "Беларусь"], ["Витебск", "Беларусь"], ["Могилёв", "Беларусь"], ["Ош", "Киргизия"],
  ["Гюмри", "Армения"], ["Самарканд", "Узбекистан"], ["Бухара", "Узбекистан"], ["Душанбе", "Таджикистан"], ["Худжанд", "Таджикистан"], ["Баку", "Азербайджан"],
  ["Гянджа", "Азербайджан"], ["Кишинёв", "Молдова"], ["Бельцы", "Молдова"], ["Тирасполь", "Молдова"],
];

const NAMES = [
  "Добрый двор", "Наш двор", "Соседи", "Город детства", "Зелёный квартал", "Открытый город", "Вместе", "Территория добра", "Новая жизнь", "Дворы без границ",
  "Городские истории", "Шаг навстречу", "Солнечный двор", "Живая улица", "Старый город", "Семейный парк", "Заречье", "Берега", "Родники", "Маяк",
  "Ростки", "Созвездие", "Мост", "Радуга",
];

const cap = (t: string) => t[0].toUpperCase() + t.slice(1);
const TITLES: ((o: Subject, name: string) => string)[] = [
  (o, n) => `${cap(o.nom)} «${n}»`,
  (o, n) => `${cap(o.nomPl)} для всех: программа «${n}»`,
  (o) => `Обновление ${o.genPl} силами жителей`,
  (o) => `Новая жизнь ${o.gen}`,
  (o) => `Народный проект: ${o.nom} во дворе`,
  (o, n) => `Сеть ${o.genPl} «${n}»`,
  (o) => `${cap(o.nomPl)} вместе с соседями`,
  (o) => `Как жители отстояли ${o.acc}`,
  (o) => `Программа создания ${o.genPl}`,
  (o, n) => `Соседи за ${o.acc}: проект «${n}»`,
  (o) => `Городская программа развития ${o.genPl}`,
  (o) => `Управление ${o.insPl} с участием горожан`,
  (o) => `О ${o.prep} решают жители`,
];
const PROBLEMS: ((o: Subject) => string)[] = [
  (o) => `В районе не хватало ${o.genPl}, и жители годами обращались в администрацию.`,
  (o) => `Состояние ${o.gen} не устраивало жителей: последний ремонт проводился больше двадцати лет назад.`,
  (o) => `Горожане не участвовали в решениях о ${o.prep}, и проекты вызывали споры.`,
  (o) => `Жители микрорайона не знали, кто отвечает за ${o.acc} и куда обращаться с предложениями.`,
  (o) => `Из-за нехватки средств город не мог содержать ${o.nomPl} в порядке.`,
  (o) => `Опрос показал, что ${o.nomPl} — главная забота семей с детьми и пожилых горожан.`,
  (o) => `Прежние ${o.nomPl} не отвечали современным требованиям безопасности и доступности.`,
  (o) => `Вокруг ${o.gen} копился мусор, по вечерам там было темно и небезопасно.`,
  (o) => `Новые кварталы строились без ${o.genPl}, и жителям приходилось ездить в центр.`,
  (o) => `Пользоваться ${o.insPl} могли не все: люди с инвалидностью и родители с колясками оставались в стороне.`,
  (o) => `Решения о ${o.prep} принимались без обсуждения с соседями.`,
  (o) => `Денег из бюджета хватало только на ремонт, а не на развитие ${o.genPl}.`,
];
const PROBLEMS_MORE = [
  "Инициативная группа собрала более пятисот подписей, но вопрос не решался.",
  "Активных жителей было немного, и у них не было опыта проектной работы.",
  "У администрации района не было ни проекта, ни сметы.",
  "Подростки проводили время в подъездах и на гаражах.",
  "Пожилые горожане жаловались, что им некуда пойти днём.",
  "Управляющие компании перекладывали ответственность друг на друга.",
  "Прежние обращения жителей оставались без ответа месяцами.",
  "Территория числилась бесхозной, и её никто не убирал.",
  "Соседи почти не знали друг друга и не доверяли городским властям.",
  "Весной дворы заливало талой водой, а летом там не было тени.",
];
const ACTIONS: ((o: Subject) => string)[] = [
  (o) => `Жители вместе с администрацией района разработали проект ${o.gen} и провели общественное обсуждение.`,
  (o) => `ТОС собрал предложения соседей и подал заявку на конкурс инициативного бюджетирования, чтобы обновить ${o.acc}.`,
  (o) => `Архитекторы провели с жителями серию соучаствующих сессий и подготовили эскиз ${o.gen}.`,
  (o) => `Волонтёры взяли на себя уход за ${o.insPl}, а мэрия обеспечила материалы и технику.`,
  (o) => `Городская администрация запустила онлайн-голосование за ${o.nomPl}, которые нужно обновить в первую очередь.`,
  (o) => `На субботниках жители своими руками благоустроили ${o.acc}.`,
  (o) => `Для ${o.genPl} разработали единый стандарт с учётом требований доступной среды.`,
  (o) => `Школьники и студенты участвовали в проектировании ${o.gen} и выбирали название.`,
  (o) => `Совет ТОС заключил соглашение с управляющей компанией о содержании ${o.gen}.`,
  (o) => `Проект ${o.gen} обсуждали на сходах жителей, а итоговый вариант утвердили голосованием.`,
  (o) => `Местные предприниматели стали партнёрами и софинансировали создание ${o.genPl}.`,
  (o) => `Мэрия открыла на городском портале раздел о ${o.prep}, где публикуются сроки и сметы.`,
];
const ACTIONS_MORE = [
  "Ход работ ежемесячно обсуждали на собраниях ТОС.",
  "Отчёт о расходах опубликовали на сайте администрации.",
  "К работе подключились социально ориентированные НКО района.",
  "Проект поддержал грант Фонда президентских грантов.",
  "Экспертный совет МАГ дал рекомендации по проекту.",
  "Жители сами выбрали подрядчика на открытом собрании.",
  "Приёмку работ проводила комиссия с участием жителей.",
  "Опыт обсуждали на форуме МАГ «Город для жизни».",
  "Каждый этап согласовывали с советом микрорайона.",
  "Информацию о проекте разносили по квартирам волонтёры.",
];
const NUMBERS = [5, 7, 12, 15, 18, 25, 36, 40, 120];
const RESULTS: ((o: Subject, n: number) => string)[] = [
  (o, n) => `За два года появилось ${n} ${o.genPl}.`,
  (o, n) => `Обновлено ${n} ${o.genPl}, в работах участвовали более ${n * 10} жителей.`,
  (o, n) => `${cap(o.nomPl)} теперь есть в ${n} микрорайонах города.`,
  (o, n) => `Создано ${n} ${o.genPl} по единому стандарту.`,
  (o, n) => `Более ${n * 100} горожан проголосовали за ${o.nomPl} на городском портале.`,
  (o) => `Жалобы на ${o.acc} сократились вдвое, а жители сами следят за порядком.`,
  (o) => `Число посетителей ${o.gen} выросло в три раза.`,
];
const RESULTS_MORE = [
  "Практику переняли ещё семь городов — членов МАГ.",
  "Проект стал победителем регионального конкурса.",
  "В ТОС пришли десятки новых активистов.",
  "Жители продолжают проект своими силами.",
  "Опыт вошёл в методические рекомендации для муниципалитетов.",
  "Расходы на содержание снизились на треть.",
  "Вандализма стало заметно меньше.",
  "Мэрия включила практику в муниципальную программу.",
];

/** Interns pieces of text: each distinct one is one fragment, with its stems. */
class Fragments {
  readonly rows: { id: number; text: string; words: string }[] = [];
  private byText = new Map<string, number>();
  id(text: string): number {
    let id = this.byText.get(text);
    if (id === undefined) {
      const words = stemWords(text);
      // A piece without stems would drop out of practiceWords as a whole field, not join as a piece.
      if (!words) throw new Error(`a fragment without searchable words: «${text}»`);
      id = this.rows.length + 1;
      this.rows.push({ id, text, words });
      this.byText.set(text, id);
    }
    return id;
  }
}

/** A practice's texts from the templates (also used for the competition's entries). */
export function practiceText(rnd: ReturnType<typeof prng>, subject = SUBJECTS[rnd.int(SUBJECTS.length)]) {
  const o = subject;
  const problem = [rnd.pick(PROBLEMS)(o), ...(rnd.next() < 0.6 ? [rnd.pick(PROBLEMS_MORE)] : [])];
  const actions = [rnd.pick(ACTIONS)(o), ...(rnd.next() < 0.7 ? [rnd.pick(ACTIONS_MORE)] : [])];
  const results = [rnd.pick(RESULTS)(o, rnd.pick(NUMBERS)), ...(rnd.next() < 0.5 ? [rnd.pick(RESULTS_MORE)] : [])];
  return { subject: o, title: rnd.pick(TITLES)(o, rnd.pick(NAMES)), problem, actions, results };
}

/** Zipf-like weights 1/(k + 3): the first items are a few times likelier than the last. */
function zipfPicker(rnd: ReturnType<typeof prng>, n: number, shift = 3) {
  const w = Array.from({ length: n }, (_, k) => 1 / (k + shift));
  const total = w.reduce((a, x) => a + x, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const x of w) cum.push((acc += x / total));
  return () => {
    const r = rnd.next();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function generateLibrarySet(dir: string, o: LibrarySetOptions, now = Date.now()): LibrarySet {
  const t0 = performance.now();
  mkdirSync(dir, { recursive: true });
  if (o.practices < 1) throw new RangeError("need at least one practice");
  const rnd = prng(20261301);
  const f = new Fragments();
  const cityOf = zipfPicker(rnd, CITY_LIST.length);
  const years = Array.from({ length: 37 }, (_, k) => 1990 + k);
  // Recent years far more often (k from the newest): 2026 is the year in progress, so a little less.
  const yearOf = zipfPicker(rnd, years.length, 4);
  const pickYear = () => {
    const k = yearOf();
    return k === 0 ? 2025 - rnd.int(3) : years[years.length - 1 - k];
  };
  const cityCount = new Map<string, number>();
  const yearCount = new Map<number, number>();
  let hidden = 0;
  let withNomination = 0;
  let detskaya = 0;
  const rows: string[] = [];
  const visible: number[] = [];
  for (let n = 1; n <= o.practices; n++) {
    const [city, country] = CITY_LIST[cityOf()];
    const t = practiceText(rnd);
    if (t.subject === SUBJECTS[0]) detskaya++;
    // Mostly the subject's own theme, sometimes another (a practice touches several).
    const theme = rnd.next() < 0.8 ? t.subject.theme : rnd.pick(THEMES);
    const year = pickYear();
    const nominated = rnd.next() < 0.7;
    if (nominated) withNomination++;
    const isHidden = rnd.next() < 0.005;
    if (isHidden) hidden++;
    else {
      visible.push(n);
      cityCount.set(city, (cityCount.get(city) ?? 0) + 1);
      yearCount.set(year, (yearCount.get(year) ?? 0) + 1);
    }
    // МАГ adds most practices (winners of earlier editions); city halls add their own.
    const organiser = rnd.next() < 0.8 ? o.organiserIds[0] : o.organiserIds[1 + rnd.int(o.organiserIds.length - 1)];
    const start = year - rnd.int(3);
    const created = Math.min(now - 86_400_000, Date.UTC(year, rnd.int(12), 1 + rnd.int(28)) + rnd.int(86_400_000));
    const cols = [
      n,
      q(organiser),
      q(userId(o.organiserAdmins.get(organiser)!)),
      nominated ? f.id(rnd.pick(NOMINATIONS)) : "NULL",
      nominated ? 1 + rnd.int(3) : "NULL",
      f.id(city),
      f.id(country),
      f.id(t.title),
      f.id(theme),
      year,
      f.id(t.problem[0]),
      t.problem[1] ? f.id(t.problem[1]) : "NULL",
      f.id(t.actions[0]),
      t.actions[1] ? f.id(t.actions[1]) : "NULL",
      f.id(t.results[0]),
      t.results[1] ? f.id(t.results[1]) : "NULL",
      q(start === year ? String(year) : `${start}–${year}`),
      rnd.next() < 0.8 ? (1 + rnd.int(500)) * 100_000 : "NULL",
      created,
      isHidden ? created + 86_400_000 : "NULL",
    ];
    rows.push(`(${cols.join(",")})`);
  }

  const w = new SqlWriter(dir, 8 * 1024 * 1024, "library");
  w.raw("DROP TABLE IF EXISTS bench_fragments;");
  w.raw("DROP TABLE IF EXISTS bench_practices;");
  w.raw("CREATE TABLE bench_fragments (id INTEGER PRIMARY KEY, text TEXT NOT NULL, words TEXT NOT NULL);");
  w.raw(
    "CREATE TABLE bench_practices (n INTEGER PRIMARY KEY, organiser_id TEXT NOT NULL, created_by TEXT NOT NULL, nomination INTEGER, place INTEGER, city INTEGER NOT NULL, country INTEGER NOT NULL, title INTEGER NOT NULL, theme INTEGER NOT NULL, year INTEGER NOT NULL, p1 INTEGER NOT NULL, p2 INTEGER, a1 INTEGER NOT NULL, a2 INTEGER, r1 INTEGER NOT NULL, r2 INTEGER, period TEXT NOT NULL, budget INTEGER, created_at INTEGER NOT NULL, hidden_at INTEGER);",
  );
  for (const r of f.rows) w.insert("INSERT INTO bench_fragments (id, text, words)", `(${r.id}, ${q(r.text)}, ${q(r.words)})`);
  for (const r of rows)
    w.insert("INSERT INTO bench_practices (n, organiser_id, created_by, nomination, place, city, country, title, theme, year, p1, p2, a1, a2, r1, r2, period, budget, created_at, hidden_at)", r);
  // Composed in ranges of 10,000 practices, so each statement stays a few seconds of work.
  const joins = (prefix: string) =>
    ["city", "country", "title", "theme", "p1", "a1", "r1"].map((c) => `JOIN bench_fragments ${prefix}${c} ON ${prefix}${c}.id = b.${c}`).join(" ") +
    " " +
    ["nomination", "p2", "a2", "r2"].map((c) => `LEFT JOIN bench_fragments ${prefix}${c} ON ${prefix}${c}.id = b.${c}`).join(" ");
  const STEP = 10_000;
  for (let from = 1; from <= o.practices; from += STEP) {
    const range = `b.n >= ${from} AND b.n < ${from + STEP}`;
    w.raw(
      `INSERT INTO practices (id, organiser_id, source, competition_id, entry_id, nomination, place, city, country, title, theme, year, problem, actions, results, period, budget, created_by, created_at, hidden_at)
SELECT ${practiceIdSql("b.n")}, b.organiser_id, 'manual', NULL, NULL, coalesce(xnomination.text, ''), b.place, xcity.text, xcountry.text, xtitle.text, xtheme.text, b.year,
  concat_ws(' ', xp1.text, xp2.text), concat_ws(' ', xa1.text, xa2.text), concat_ws(' ', xr1.text, xr2.text), b.period, b.budget, b.created_by, b.created_at, b.hidden_at
FROM bench_practices b ${joins("x")} WHERE ${range} ORDER BY b.n;`,
    );
  }
  for (let from = 1; from <= o.practices; from += STEP) {
    const range = `b.n >= ${from} AND b.n < ${from + STEP}`;
    // The order of stemming.ts practiceWords: title (twice), city, country, theme, nomination, problem, actions, results.
    w.raw(
      `INSERT INTO practices_fts (rowid, practice_id, words)
SELECT p.rowid, p.id, concat_ws(' ', xtitle.words, xtitle.words, xcity.words, xcountry.words, xtheme.words, xnomination.words, xp1.words, xp2.words, xa1.words, xa2.words, xr1.words, xr2.words)
FROM bench_practices b JOIN practices p ON p.id = ${practiceIdSql("b.n")} ${joins("x")} WHERE ${range} ORDER BY b.n;`,
    );
  }
  w.raw("DROP TABLE bench_fragments;");
  w.raw("DROP TABLE bench_practices;");
  const files = w.close();

  const topCity = [...cityCount.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const busyYear = [...yearCount.entries()].sort((a, b) => b[1] - a[1])[0][0];
  // A visible practice from the middle of the range.
  const typical = visible[Math.floor(visible.length / 2)];
  if (typical === undefined) throw new RangeError("every generated practice is hidden: generate more");
  return {
    files,
    counts: {
      practices: o.practices,
      hidden,
      fragments: f.rows.length,
      cities: new Set([...cityCount.keys()]).size,
      themes: THEMES.length,
      nominations: NOMINATIONS.length,
      years: yearCount.size,
      withNomination,
      detskayaPloshchadka: detskaya,
    },
    generationMs: performance.now() - t0,
    typicalPracticeId: practiceId(typical),
    topCity,
    busyYear,
  };
}
