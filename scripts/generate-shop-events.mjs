#!/usr/bin/env node
// Writes a plausible event history for the example shop (examples/shop) as JSON
// Lines on stdout, sorted by `at`: the customers Gefen already has, with a year of
// orders behind them, and the visitors, sign-ups, carts, orders, deliveries,
// reviews and message engagement of a window of days that holds Black Friday and
// the Hanukkah sale. Every journey and campaign of the example gets contacts.
//
//   node scripts/generate-shop-events.mjs [--contacts N] [--seed S]
//        [--from 2026-10-16] [--days 60] [--catalog FILE] > events.jsonl
//
// The output depends on the arguments and the catalogue only: the randomness is a
// seeded PRNG per contact and the clock is never read. The simulation walks time
// forward through a queue of per-contact steps and writes each hour as soon as no
// step can add to it, so memory grows with the number of contacts, not of events.
// scripts/README.md describes the behaviour model.

import { fstatSync, readFileSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const ILS = 100;  // amounts are kept in agorot so totals add up exactly

// ---------------------------------------------------------------------------
// Arguments

const USAGE = `usage: node scripts/generate-shop-events.mjs [options] > events.jsonl

  --contacts N   customers known before the window (default 3000); about 0.6 N
                 anonymous visitors arrive during it
  --seed S       any text; the same seed gives the same output (default 1)
  --from DATE    first day of the window, YYYY-MM-DD; it starts at 00:00 UTC
                 (default 2026-10-16)
  --days N       length of the window in days (default 60)
  --catalog FILE the product catalogue (default examples/shop/catalog.csv)
`;

function fail(message) {
  process.stderr.write(`generate-shop-events: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = {
    contacts: 3000,
    seed: '1',
    from: '2026-10-16',
    days: 60,
    catalog: join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'shop', 'catalog.csv'),
  };
  const positiveInt = (key, text) => {
    if (!/^[1-9][0-9]*$/.test(text)) fail(`${key} takes a positive whole number, not "${text}"`);
    return Number(text);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    const eq = arg.indexOf('=');
    const key = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) fail(`${key} needs a value\n${USAGE}`);
      return argv[++i];
    };
    switch (key) {
      case '--contacts': options.contacts = positiveInt(key, value()); break;
      case '--seed': options.seed = value(); break;
      case '--from': options.from = value(); break;
      case '--days': options.days = positiveInt(key, value()); break;
      case '--catalog': options.catalog = value(); break;
      default: fail(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.from);
  const parsed = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (!parsed || parsed.getUTCMonth() !== +m[2] - 1 || parsed.getUTCDate() !== +m[3]) {
    fail(`--from takes a date such as 2026-10-16, not "${options.from}"`);
  }
  if (options.days > 3660) fail('--days is at most 3660');
  return options;
}

const options = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------------------
// Randomness: mulberry32, one stream per contact (and per anonymous visitor).

function mix32(a, b) {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashText(text) {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

class Rng {
  constructor(seed) { this.state = seed >>> 0; }
  next() {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n) { return Math.floor(this.next() * n); }
  between(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  chance(p) { return this.next() < p; }
  pick(list) { return list[Math.floor(this.next() * list.length)]; }
  exp(mean) { return -Math.log(1 - this.next()) * mean; }
  // `pairs` is [[value, weight], ...].
  weighted(pairs) {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      if ((r -= w) < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }
}

const seedHash = hashText(options.seed);
const rngFor = (stream, index) => new Rng(mix32(mix32(seedHash, stream), index));

// ---------------------------------------------------------------------------
// Israeli time. Summer time runs from the Friday before the last Sunday of March
// at 02:00 to the last Sunday of October at 02:00.

const dstByYear = new Map();
function lastSundayOf(year, month) {  // month 1..12
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}
function israelOffset(t) {
  // The year by average length: off by a day at most, far from the switches.
  const year = 1970 + Math.floor(t / 31556952);
  let range = dstByYear.get(year);
  if (!range) {
    range = [Date.UTC(year, 2, lastSundayOf(year, 3) - 2, 0) / 1000, Date.UTC(year, 9, lastSundayOf(year, 10), -1) / 1000];
    dstByYear.set(year, range);
  }
  return t >= range[0] && t < range[1] ? 3 * HOUR : 2 * HOUR;
}
const localDay = (t) => Math.floor((t + israelOffset(t)) / DAY);  // days since 1970-01-01, Israeli calendar
const localHour = (t) => Math.floor((((t + israelOffset(t)) % DAY) + DAY) % DAY / HOUR);
const weekday = (day) => (day + 4) % 7;  // 0 = Sunday; 1970-01-01 was a Thursday
function atLocal(day, secondOfDay) {
  const guess = day * DAY + secondOfDay;
  return guess - israelOffset(guess - 2 * HOUR);
}
const dayNumber = (ymd) => Date.UTC(+ymd.slice(0, 4), +ymd.slice(5, 7) - 1, +ymd.slice(8, 10)) / DAY / 1000;

const isoPrefix = new Map();
function iso(t) {
  const day = Math.floor(t / DAY);
  let prefix = isoPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY * 1000).toISOString().slice(0, 11);
    isoPrefix.set(day, prefix);
  }
  const s = t - day * DAY;
  const hh = Math.floor(s / HOUR), mm = Math.floor((s % HOUR) / MINUTE), ss = s % MINUTE;
  return `${prefix}${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}:${ss < 10 ? '0' : ''}${ss}Z`;
}
function isoDate(day) { return new Date(day * DAY * 1000).toISOString().slice(0, 10); }

// The window runs from 00:00 UTC on --from for --days days; everything before it
// is the contacts' history.
const FROM_DAY = dayNumber(options.from);
const FROM = FROM_DAY * DAY;
const END = FROM + options.days * DAY;  // exclusive

// The two campaigns of campaigns.journey; outside the window they simply do not happen.
const BLACK_FRIDAY_DAY = dayNumber('2026-11-27');
const BLACK_FRIDAY = atLocal(BLACK_FRIDAY_DAY, 9 * HOUR);
const HANUKKAH_DAY = dayNumber('2026-12-05');
const HANUKKAH = atLocal(HANUKKAH_DAY, 10 * HOUR);

// How busy the shop is on a day, relative to an ordinary one.
const DEMAND_MAX = 3;
function demand(t) {
  const d = localDay(t);
  let m = 1;
  if (d >= BLACK_FRIDAY_DAY - 4 && d < BLACK_FRIDAY_DAY) m = 1.3;
  else if (d === BLACK_FRIDAY_DAY) m = 3;
  else if (d > BLACK_FRIDAY_DAY && d <= BLACK_FRIDAY_DAY + 3) m = 1.8;
  else if (d === HANUKKAH_DAY) m = 2.4;
  else if (d > HANUKKAH_DAY && d <= HANUKKAH_DAY + 7) m = 1.6;
  if (weekday(d) === 6) m *= 0.7;  // Shabbat
  return m;
}

// Site visits by local hour: lunch and the late evening are the peaks.
const WEB_HOURS = [1.2, 0.6, 0.3, 0.15, 0.1, 0.15, 0.4, 1, 2, 3, 3.6, 4, 4.5, 4.5, 4, 3.8, 3.8, 4, 4.6, 5.5, 6.5, 7.5, 7, 3.6];
// The Tel Aviv store: 10:00 to 20:00.
const STORE_HOURS = WEB_HOURS.map((_, h) => (h >= 10 && h < 20 ? 1 : 0));
const hourStats = (hours) => ({ hours, max: Math.max(...hours), mean: hours.reduce((a, b) => a + b, 0) / 24 });
const WEB = hourStats(WEB_HOURS);
const STORE = hourStats(STORE_HOURS);

// The next instant after `after` of a process with `perDay` events on an average
// day, shaped by demand and by hour of day (thinning); Infinity if none before `limit`.
function nextTime(rng, after, perDay, shape, limit, storeDays = false) {
  if (perDay <= 0) return Infinity;
  const candidatesPerDay = (perDay * DEMAND_MAX * shape.max) / shape.mean;
  let t = after;
  for (;;) {
    t += rng.exp(DAY / candidatesPerDay);
    if (t >= limit) return Infinity;
    const accept = (demand(t) * shape.hours[localHour(t)]) / (DEMAND_MAX * shape.max);
    if (storeDays && weekday(localDay(t)) === 6) continue;  // the store is closed on Shabbat
    if (rng.next() < accept) return Math.floor(t);
  }
}

// ---------------------------------------------------------------------------
// The catalogue

function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}

// "349.90", "349.90 ILS", "₪349.90" -> agorot; null when empty.
function parsePrice(text) {
  const m = /(\d+)(?:\.(\d{1,2}))?/.exec(text.replace(/,/g, ''));
  if (!m || text.trim() === '') return null;
  return Number(m[1]) * ILS + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
}

function loadCatalog(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    fail(`cannot read the catalogue ${path}: ${error.message}`);
  }
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  const column = (name) => {
    const i = header ? header.findIndex((h) => h.trim() === name) : -1;
    if (i < 0) fail(`the catalogue ${path} has no column "${name}"`);
    return i;
  };
  const [sku, name, category, price] = ['sku', 'name', 'category', 'price'].map(column);
  const optional = (n) => (header.findIndex((h) => h.trim() === n));
  const [salePrice, url, inStock] = ['sale_price', 'url', 'in_stock'].map(optional);
  const products = [];
  rows.forEach((row, i) => {
    const list = parsePrice(row[price] ?? '');
    if (!row[sku]?.trim() || !row[category]?.trim() || list === null) {
      fail(`${path}:${i + 2}: a product needs a sku, a category and a price`);
    }
    const sale = salePrice >= 0 ? parsePrice(row[salePrice] ?? '') : null;
    products.push({
      sku: row[sku].trim(),
      name: (row[name] ?? '').trim(),
      category: row[category].trim(),
      price: sale !== null && sale < list ? sale : list,  // what a customer pays today
      url: url >= 0 && row[url] ? row[url].trim() : null,
      inStock: inStock < 0 || /^(true|1|yes)$/i.test((row[inStock] ?? '').trim()),
    });
  });
  if (products.length === 0) fail(`the catalogue ${path} lists no products`);
  return products;
}

const PRODUCTS = loadCatalog(options.catalog);
const SITE = (() => {
  const withUrl = PRODUCTS.find((p) => p.url);
  const m = withUrl && /^(https?:\/\/[^/]+)/.exec(withUrl.url);
  return m ? m[1] : 'https://gefen.example';
})();
for (const p of PRODUCTS) p.url ??= `${SITE}/products/${encodeURIComponent(p.sku.toLowerCase())}`;
const BY_CATEGORY = new Map();
for (const p of PRODUCTS) {
  if (!BY_CATEGORY.has(p.category)) BY_CATEGORY.set(p.category, []);
  BY_CATEGORY.get(p.category).push(p);
}
const CATEGORY_POPULARITY = { dresses: 5, shoes: 3, bags: 2, accessories: 2, kids: 2, new_in: 3 };
// Shoppers browse the retail categories; the wholesale range is for boutique owners.
const CATEGORIES = [...BY_CATEGORY.keys()].filter((c) => c !== 'wholesale').map((c) => [c, CATEGORY_POPULARITY[c] ?? 1]);
if (CATEGORIES.length === 0) fail(`the catalogue ${options.catalog} has no retail products`);
const BACK_IN_STOCK = PRODUCTS.filter((p) => p.inStock);

// ---------------------------------------------------------------------------
// People

const FIRST_NAMES = {
  he: {
    female: [['נועה', 'noa'], ['מאיה', 'maya'], ['תמר', 'tamar'], ['שירה', 'shira'], ['יעל', 'yael'], ['מיכל', 'michal'],
      ['אביגיל', 'avigail'], ['רוני', 'roni'], ['דנה', 'dana'], ['ליה', 'lia'], ['הדס', 'hadas'], ['עדי', 'adi'],
      ['אורית', 'orit'], ['רחל', 'rachel'], ['שרה', 'sara'], ['ענבל', 'inbal'], ['קרן', 'keren'], ['גלית', 'galit'],
      ['סיגל', 'sigal'], ['ליאת', 'liat'], ['הילה', 'hila'], ['נטע', 'neta'], ['טליה', 'talia'], ['אסתר', 'ester'],
      ['רות', 'ruth'], ['מירב', 'merav'], ['לימור', 'limor'], ['אפרת', 'efrat'], ['שני', 'shani'], ['אלה', 'ella']],
    male: [['יוסי', 'yossi'], ['דוד', 'david'], ['משה', 'moshe'], ['אבי', 'avi'], ['איתי', 'itai'], ['עומר', 'omer'],
      ['נועם', 'noam'], ['דניאל', 'daniel'], ['יונתן', 'yonatan'], ['אריאל', 'ariel'], ['רון', 'ron'], ['אלון', 'alon'],
      ['גיא', 'guy'], ['תומר', 'tomer'], ['עידו', 'ido'], ['אורי', 'uri']],
  },
  ru: {
    female: [['Ольга', 'olga'], ['Наталья', 'natalia'], ['Елена', 'elena'], ['Татьяна', 'tatiana'], ['Ирина', 'irina'],
      ['Анна', 'anna'], ['Светлана', 'svetlana'], ['Юлия', 'yulia'], ['Марина', 'marina'], ['Екатерина', 'ekaterina']],
    male: [['Дмитрий', 'dmitry'], ['Сергей', 'sergey'], ['Алексей', 'alexey'], ['Михаил', 'mikhail'], ['Андрей', 'andrey']],
  },
  pl: {
    female: [['Zofia', 'zofia'], ['Anna', 'anna'], ['Maria', 'maria'], ['Katarzyna', 'katarzyna'], ['Małgorzata', 'malgorzata'],
      ['Agnieszka', 'agnieszka'], ['Magdalena', 'magdalena'], ['Joanna', 'joanna']],
    male: [['Piotr', 'piotr'], ['Krzysztof', 'krzysztof'], ['Tomasz', 'tomasz'], ['Paweł', 'pawel']],
  },
  en: {
    female: [['Sarah', 'sarah'], ['Emily', 'emily'], ['Rachel', 'rachel'], ['Hannah', 'hannah'], ['Olivia', 'olivia'],
      ['Jessica', 'jessica'], ['Rebecca', 'rebecca'], ['Lauren', 'lauren']],
    male: [['Michael', 'michael'], ['David', 'david'], ['James', 'james'], ['Daniel', 'daniel']],
  },
};
// [male form, female form, latin spelling for e-mail addresses]
const LAST_NAMES = {
  he: [['כהן', 'כהן', 'cohen'], ['לוי', 'לוי', 'levi'], ['מזרחי', 'מזרחי', 'mizrahi'], ['פרץ', 'פרץ', 'peretz'],
    ['ביטון', 'ביטון', 'biton'], ['דהן', 'דהן', 'dahan'], ['אברהם', 'אברהם', 'avraham'], ['פרידמן', 'פרידמן', 'friedman'],
    ['אזולאי', 'אזולאי', 'azulay'], ['מלכה', 'מלכה', 'malka'], ['שפירא', 'שפירא', 'shapira'], ['גולן', 'גולן', 'golan'],
    ['אוחיון', 'אוחיון', 'ohayon'], ['חדד', 'חדד', 'hadad'], ['רוזן', 'רוזן', 'rosen'], ['בן דוד', 'בן דוד', 'bendavid'],
    ['קפלן', 'קפלן', 'kaplan'], ['סויסה', 'סויסה', 'suissa']],
  ru: [['Иванов', 'Иванова', 'ivanov'], ['Петров', 'Петрова', 'petrov'], ['Смирнов', 'Смирнова', 'smirnov'],
    ['Кузнецов', 'Кузнецова', 'kuznetsov'], ['Попов', 'Попова', 'popov'], ['Соколов', 'Соколова', 'sokolov']],
  pl: [['Kowalski', 'Kowalska', 'kowalski'], ['Nowak', 'Nowak', 'nowak'], ['Wiśniewski', 'Wiśniewska', 'wisniewski'],
    ['Wójcik', 'Wójcik', 'wojcik'], ['Kamiński', 'Kamińska', 'kaminski'], ['Lewandowski', 'Lewandowska', 'lewandowski'],
    ['Zieliński', 'Zielińska', 'zielinski']],
  en: [['Smith', 'Smith', 'smith'], ['Brown', 'Brown', 'brown'], ['Miller', 'Miller', 'miller'],
    ['Goldberg', 'Goldberg', 'goldberg'], ['Katz', 'Katz', 'katz'], ['Wilson', 'Wilson', 'wilson']],
};
const CITIES = {
  he: [['Tel Aviv', 22], ['Ramat Gan', 9], ['Givatayim', 6], ['Jerusalem', 10], ['Haifa', 8], ['Rishon LeZion', 7],
    ['Petah Tikva', 6], ['Holon', 5], ['Netanya', 6], ['Herzliya', 5], ["Ra'anana", 4], ["Be'er Sheva", 4],
    ['Kfar Saba', 4], ["Modi'in", 4]],
  pl: [['Warszawa', 5], ['Kraków', 3], ['Wrocław', 2], ['Gdańsk', 1]],
  en: [['Tel Aviv', 4], ['London', 3], ['New York', 2], ['Jerusalem', 2]],
};
CITIES.ru = CITIES.he;
const EMAIL_DOMAINS = ['example.com', 'example.co.il', 'example.org', 'example.net'];

// Behaviour of the customers Gefen already has. `session`: site visits a day;
// `buy` and `cart`: chance that a visit ends in an order or a left cart; `hist`:
// orders a day in the year before the window; `engage`: how readily they open
// and click our messages (`clicks` scales the clicks once opened); `store`: visits
// to the Tel Aviv store a day; `bigBasket`: buys more pieces at a time.
// Every persona has every field, which keeps property access fast.
const definePersona = (name, share, fields) => ({
  name, share, session: 0, buy: 0, cart: 0, hist: 0, store: 0, engage: 1, clicks: 1, bigBasket: false, ...fields,
});
const PERSONAS = {
  regular: definePersona('regular', 33, { session: 0.1, buy: 0.08, cart: 0.12, hist: 1 / 120 }),
  frequent: definePersona('frequent', 4, { session: 0.3, buy: 0.15, cart: 0.1, hist: 1 / 30, engage: 1.2, bigBasket: true }),
  browser: definePersona('browser', 18, { session: 0.18, buy: 0.03, cart: 0.18, hist: 1 / 240, engage: 0.8 }),
  lapsing: definePersona('lapsing', 14, { session: 0.015, buy: 0.04, cart: 0.1, engage: 0.6 }),
  at_risk: definePersona('at_risk', 6, { session: 0.02, buy: 0.05, cart: 0.1, engage: 0.7 }),
  dormant: definePersona('dormant', 5, { engage: 1.3, clicks: 2.5 }),
  inactive: definePersona('inactive', 15, { session: 0.005, cart: 0.02, engage: 0 }),
  store: definePersona('store', 5, { store: 1 / 50, engage: 0.8 }),
};
const NEWCOMER = definePersona('newcomer', 0, { session: 0.12, buy: 0.1, cart: 0.15 });
const PERSONA_PICK = Object.entries(PERSONAS).map(([name, p]) => [name, p.share]);

function makePerson(c, rng) {
  c.lang = rng.weighted([['he', 75], ['ru', 12], ['en', 8], ['pl', 5]]);
  if (!c.gender) c.gender = rng.weighted([['female', 78], ['male', 20], ['other', 2]]);
  const sex = c.gender === 'other' ? rng.pick(['female', 'male']) : c.gender;
  const [first, firstLatin] = rng.pick(FIRST_NAMES[c.lang][sex]);
  const last = rng.pick(LAST_NAMES[c.lang]);
  c.firstName = first;
  c.lastName = sex === 'female' ? last[1] : last[0];
  c.email = `${firstLatin}.${last[2]}${rng.between(1, 999)}@${rng.pick(EMAIL_DOMAINS)}`;
  c.phone = c.lang === 'pl'
    ? `+48${rng.pick(['5', '6', '7'])}${String(rng.int(1e8)).padStart(8, '0')}`
    : `+9725${rng.pick(['0', '2', '3', '4', '5', '8'])}${String(rng.int(1e7)).padStart(7, '0')}`;
  c.city = rng.weighted(CITIES[c.lang]);
  // Six in ten tell us their birthday (at the till or in the welcome popup).
  const born = dayNumber(`${rng.between(1958, 2006)}-01-01`) + rng.int(365);
  c.birthday = rng.chance(0.6) ? isoDate(born) : '';
  c.device = rng.weighted([['mobile', 65], ['desktop', 30], ['tablet', 5]]);
  c.app = rng.chance(0.25);  // has the shop's app, so push messages reach them
  c.favourites = [rng.weighted(CATEGORIES), rng.weighted(CATEGORIES)];
  c.b2b = rng.chance(0.01);  // boutique owners who read the wholesale pages
  setFlag(c.slot, FEMALE, c.gender === 'female');
}

// What the segments of the morning round read, per contact, in typed arrays: the
// round scans every contact every day, and scanning these is cheap where walking
// the contact objects is not. Contact exposes them as ordinary properties.
const VISITORS = Math.round(options.contacts * 0.6);
const CAPACITY = options.contacts + VISITORS;
const S = {
  created: new Float64Array(CAPACITY),
  lastOrder: new Float64Array(CAPACITY).fill(-Infinity),
  lastEngaged: new Float64Array(CAPACITY).fill(-Infinity),  // last open, read or click
  lastEmailClick: new Float64Array(CAPACITY).fill(-Infinity),
  lastView: new Float64Array(CAPACITY).fill(-Infinity),
  championUntil: new Float64Array(CAPACITY).fill(-Infinity),  // see `placeOrder`
  atRiskUntil: new Float64Array(CAPACITY).fill(-Infinity),
  flags: new Uint16Array(CAPACITY),
};
const KNOWN = 1, FEMALE = 2, READ_WHATSAPP = 4, SUPPRESSED = 8;
// Segment membership at the last morning round.
const CHAMPION = 16, LAPSING = 32, AT_RISK = 64, DORMANT = 128, INACTIVE = 256;
const SLOTS = [];  // slot -> Contact

function setFlag(slot, flag, on) {
  S.flags[slot] = on ? S.flags[slot] | flag : S.flags[slot] & ~flag;
}

// One person, known or not yet. Every field is set here so all contacts share one shape.
class Contact {
  constructor(id, rng, persona) {
    this.slot = SLOTS.length;
    SLOTS.push(this);
    this.id = id;
    this.rng = rng;
    this.persona = persona;
    // Who they are (makePerson) and what they told us.
    this.lang = 'he';
    this.gender = null;
    this.firstName = '';
    this.lastName = '';
    this.email = '';
    this.phone = '';
    this.city = '';
    this.birthday = '';
    this.device = 'mobile';
    this.app = false;
    this.favourites = null;
    this.b2b = false;
    this.hasEmail = false;
    this.hasPhone = false;
    this.loyalty = 0;
    this.vip = false;
    this.consent = { email: false, sms: false, whatsapp: false };
    this.unsub = { email: Infinity, sms: Infinity, whatsapp: Infinity, push: Infinity };
    this.returnRate = 0;  // visits a day while anonymous
    this.pastOrders = null;  // times of the orders before the window, while they are being placed
    // What they did, as far as the journeys care.
    this.orders = [];  // { t, total }, oldest first
    this.orderCount = 0;
    this.couponOrders = [];
    this.coupon = null;  // the latest code we gave them
    this.lastSkuView = -Infinity;
    this.lastCart = -Infinity;
    // When a journey last took them in (for `reentry after`).
    this.lastCartLadder = -Infinity;
    this.lastBrowse = -Infinity;
    this.lastSite = -Infinity;
    this.lastCross = -Infinity;
    this.lastWishlist = -Infinity;
  }

  get known() { return (S.flags[this.slot] & KNOWN) !== 0; }
  set known(on) { setFlag(this.slot, KNOWN, on); }
  get readWhatsapp() { return (S.flags[this.slot] & READ_WHATSAPP) !== 0; }
  set readWhatsapp(on) { setFlag(this.slot, READ_WHATSAPP, on); }
  get suppressed() { return (S.flags[this.slot] & SUPPRESSED) !== 0; }
  set suppressed(on) { setFlag(this.slot, SUPPRESSED, on); }
  get created() { return S.created[this.slot]; }
  set created(t) { S.created[this.slot] = t; }
  get lastOrder() { return S.lastOrder[this.slot]; }
  set lastOrder(t) { S.lastOrder[this.slot] = t; }
  get lastEngaged() { return S.lastEngaged[this.slot]; }
  set lastEngaged(t) { S.lastEngaged[this.slot] = t; }
  get lastEmailClick() { return S.lastEmailClick[this.slot]; }
  set lastEmailClick(t) { S.lastEmailClick[this.slot] = t; }
  get lastView() { return S.lastView[this.slot]; }
  set lastView(t) { S.lastView[this.slot] = t; }
}

// ---------------------------------------------------------------------------
// Output: events go to the bucket of their hour, encoded as UTF-8 at once
// (strings kept for long would burden the garbage collector). Steps run in time
// order and make events at or after their own time, so once the steps reach an
// hour, the hours before it are complete: each is sorted by `at` (ties keep the
// order they were made in) and written. Small buckets stay in the CPU's caches.

class Bucket {
  constructor() {
    this.times = [];  // second of the hour, per line
    this.starts = [];  // byte offset, per line
    this.bytes = Buffer.allocUnsafe(1 << 11);
    this.used = 0;
    this.cancellable = [];  // line, contact, channel
  }
  add(second, line) {
    if (this.used + 3 * line.length + 1 > this.bytes.length) {  // UTF-8 takes at most 3 bytes a UTF-16 unit
      const bigger = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.used + 3 * line.length + 1));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.times.push(second);
    this.starts.push(this.used);
    this.used += this.bytes.write(line, this.used);
    this.bytes[this.used++] = 10;
  }
}

const buckets = new Map();  // hour -> Bucket
let openHour = -Infinity;  // the hours before it are written

// `tail` is the event's own fields as JSON members with a leading comma
// (`,"sku":"D-17"`), made once for the most frequent events; see `emit`.
function emitJson(type, c, t, tail, channel) {
  if (t >= END) return;
  const hour = Math.floor(t / HOUR);
  if (hour < openHour) throw new Error(`internal: ${type} at ${iso(t)} after that hour was written`);
  let bucket = buckets.get(hour);
  if (!bucket) buckets.set(hour, (bucket = new Bucket()));
  // Engagement on a channel is dropped at writing if the contact unsubscribed from it earlier.
  if (channel) bucket.cancellable.push(bucket.times.length, c, channel);
  // Types and ids are plain ASCII: no escaping needed.
  bucket.add(t - hour * HOUR, `{"type":"${type}","contact":"${c.id}","at":"${iso(t)}"${tail}}`);
}

function emit(type, c, t, fields) {
  emitJson(type, c, t, members(fields));
}

// `{"a":1}` -> `,"a":1`
function members(fields) {
  const json = JSON.stringify(fields);
  return json.length > 2 ? `,${json.slice(1, -1)}` : '';
}

// Files (and /dev/null) are written synchronously; a pipe is waited on when full.
const stdoutIsFile = (() => {
  try {
    const stat = fstatSync(1);
    return stat.isFile() || stat.isCharacterDevice();
  } catch {
    return false;
  }
})();
const CHUNK = 1 << 22;
let chunk = Buffer.allocUnsafe(CHUNK);
let used = 0;

async function writeChunk() {
  if (stdoutIsFile) {
    for (let done = 0; done < used;) done += writeSync(1, chunk, done, used - done);
  } else {
    const full = chunk.subarray(0, used);
    chunk = Buffer.allocUnsafe(CHUNK);
    if (!process.stdout.write(full)) await once(process.stdout, 'drain');
  }
  used = 0;
}

// Positions sorted by their `times` (whole numbers below `span`), ties in the
// order given: a counting sort for many, a comparison sort for few.
let perSecond = new Int32Array(0);
function order(times, span) {
  const n = times.length;
  const sorted = new Int32Array(n);
  if (n < span / 8) {
    for (let i = 0; i < n; i++) sorted[i] = i;
    return sorted.sort((a, b) => times[a] - times[b] || a - b);
  }
  if (perSecond.length < span + 1) perSecond = new Int32Array(span + 1);
  perSecond.fill(0, 0, span + 1);
  for (let i = 0; i < n; i++) perSecond[times[i] + 1]++;
  for (let s = 1; s <= span; s++) perSecond[s] += perSecond[s - 1];
  for (let i = 0; i < n; i++) sorted[perSecond[times[i]]++] = i;
  return sorted;
}

// Writes the buckets of the hours before `hour`.
async function flushBefore(hour) {
  if (hour <= openHour) return;
  openHour = hour;
  const hours = [...buckets.keys()].filter((h) => h < hour).sort((a, b) => a - b);
  for (const h of hours) {
    const { times, starts, bytes, used: size, cancellable } = buckets.get(h);
    buckets.delete(h);
    starts.push(size);
    const dropped = new Set();
    for (let k = 0; k < cancellable.length; k += 3) {
      const i = cancellable[k];
      if (h * HOUR + times[i] > cancellable[k + 1].unsub[cancellable[k + 2]]) dropped.add(i);
    }
    for (const i of order(times, HOUR)) {
      if (dropped.size > 0 && dropped.has(i)) continue;
      const start = starts[i], end = starts[i + 1];
      if (used + end - start > CHUNK) await writeChunk();
      used += bytes.copy(chunk, used, start, end);
    }
  }
}

// ---------------------------------------------------------------------------
// Steps: function(contact, time, data) at a time, kept by day. The day being run
// is its steps sorted by (time, order scheduled), plus a min-heap for the steps
// scheduled during the day for later that day.

const stepDays = new Map();  // day -> steps, in the order scheduled
let stepDay = -Infinity;
let dayQueue = [];
let dayNext = 0;
const later = [];  // heap
let scheduled = 0;
const before = (a, b) => a.t < b.t || (a.t === b.t && a.n < b.n);

function schedule(t, fn, c, data) {
  if (!(t < END)) return;
  const item = { t: Math.floor(t), n: scheduled++, fn, c, data };
  const day = Math.floor(item.t / DAY);
  if (day > stepDay) {
    let steps = stepDays.get(day);
    if (!steps) stepDays.set(day, (steps = []));
    steps.push(item);
    return;
  }
  if (day < stepDay) throw new Error(`internal: a step at ${iso(item.t)} scheduled after that day ran`);
  let i = later.length;
  later.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (before(later[parent], item)) break;
    later[i] = later[parent];
    i = parent;
  }
  later[i] = item;
}

function popLater() {
  const top = later[0];
  const last = later.pop();
  if (later.length > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      let best = last;
      if (l < later.length && before(later[l], best)) { m = l; best = later[l]; }
      if (r < later.length && before(later[r], best)) m = r;
      if (m === i) break;
      later[i] = later[m];
      i = m;
    }
    later[i] = last;
  }
  return top;
}

function nextStep() {
  if (dayNext < dayQueue.length && (later.length === 0 || before(dayQueue[dayNext], later[0]))) {
    return dayQueue[dayNext++];
  }
  return later.length > 0 ? popLater() : null;
}

async function run() {
  const first = Math.min(...stepDays.keys());
  for (let day = first; day <= Math.floor(END / DAY); day++) {
    const steps = stepDays.get(day);
    if (!steps) continue;
    stepDays.delete(day);
    stepDay = day;
    // Steps were scheduled in increasing `n`, so ordering by second alone keeps ties right.
    dayQueue = Array.from(order(steps.map((s) => s.t - day * DAY), DAY), (i) => steps[i]);
    dayNext = 0;
    for (let step = nextStep(); step !== null; step = nextStep()) {
      if (step.t >= (openHour + 1) * HOUR) await flushBefore(Math.floor(step.t / HOUR));
      step.fn(step.c, step.t, step.data);
    }
  }
  await flushBefore(Infinity);
  await writeChunk();
}

// ---------------------------------------------------------------------------
// Money, products, baskets

const money = (agorot) => `${Math.floor(agorot / ILS)}.${String(agorot % ILS).padStart(2, '0')} ILS`;
// A basket as a JSON list of line_item records; each product's part is made once.
for (const p of PRODUCTS) {
  p.itemHead = JSON.stringify({ sku: p.sku, name: p.name, category: p.category }).slice(0, -1);
  p.itemTail = `,"price":"${money(p.price)}"}`;
}
const itemsJson = (items) => `[${items.map((i) => `${i.p.itemHead},"quantity":${i.q}${i.p.itemTail}`).join(',')}]`;
const basketValue = (items) => items.reduce((sum, i) => sum + i.p.price * i.q, 0);

function productFor(c, category) {
  const list = BY_CATEGORY.get(category ?? c.rng.weighted(CATEGORIES)) ?? PRODUCTS;
  return c.rng.pick(list);
}

function favouriteCategory(c) {
  return c.rng.chance(0.7) ? c.rng.pick(c.favourites) : c.rng.weighted(CATEGORIES);
}

// Pieces for an order or a cart: what they looked at first, then more of the same.
function basket(c, seen, big) {
  const r = c.rng;
  const items = [];
  const add = (p) => {
    const same = items.find((i) => i.p === p);
    if (same) same.q += 1;
    else if (p.category === 'wholesale') items.push({ p, q: r.between(2, 6) });  // a boutique's order
    else items.push({ p, q: p.category === 'kids' && r.chance(0.3) ? 2 : 1 });
  };
  let n = r.weighted([[1, 62], [2, 26], [3, 9], [4, 3]]);
  if (c.persona.bigBasket) n += r.int(2);
  for (let i = 0; i < n; i++) add(i < seen.length ? seen[seen.length - 1 - i] : productFor(c, favouriteCategory(c)));
  if (big) {
    const target = r.between(3000, 6000) * ILS;
    while (basketValue(items) < target) add(productFor(c, r.chance(0.5) ? 'dresses' : null));
  }
  return items;
}

const CODE_ALPHABET = { A: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 9: '0123456789', A9: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' };
// Codes in the shape of the pools of coupons.journey.
const POOLS = {
  welcome_first_order: { pattern: 'WELCOME-{A9:6}', valid: 14 },
  newsletter_10: { pattern: 'HELLO-{A:4}{9:2}', valid: 14 },
  cart_10: { pattern: 'CART-{A9:6}', valid: 3 },
  cart_last_chance: { pattern: 'LAST75-{A9:6}', valid: 2 },
  next_order_15: { pattern: 'THANKS-{A9:8}', valid: 30 },
  review_thanks: { pattern: 'REVIEW-{9:6}', valid: 30 },
  winback_15: { pattern: 'MISSYOU-{A9:6}', valid: 10 },
  birthday_gift: { pattern: 'BDAY-{A9:6}', valid: 30 },
  bf_20: { pattern: 'BF26-{A9:6}', valid: 4 },
  hanukkah_20: { pattern: 'HANUKKAH-{A9:5}', valid: 8 },
};
function giveCoupon(c, t, pool) {
  const { pattern, valid } = POOLS[pool];
  const code = pattern.replace(/\{(A9|A|9):(\d+)\}/g, (_, kind, n) => {
    let s = '';
    for (let i = 0; i < Number(n); i++) s += c.rng.pick(CODE_ALPHABET[kind]);
    return s;
  });
  c.coupon = { pool, code, expires: t + valid * DAY };
  return c.coupon;
}

// ---------------------------------------------------------------------------
// Messages. Kairos sends them itself during a dry run, so in the window only what
// the providers report back is written (opens, reads, clicks, unsubscribes);
// before the window the shop's earlier tool sent them, so `message_sent` too.

const J = (journey) => ({ journey });
const CAMPAIGN = (campaign) => ({ campaign });

function canReach(c, channel, t) {
  if (channel === 'push') return c.app;
  return c.consent[channel] && t < c.unsub[channel] && !(channel === 'email' && c.suppressed);
}

// Quiet hours (policy.journey): nothing goes out between 21:00 and 09:00.
function sendable(c, t) {
  const h = localHour(t);
  if (h >= 9 && h < 21) return t;
  const day = localDay(t) + (h >= 21 ? 1 : 0);
  return atLocal(day, 9 * HOUR + c.rng.int(20 * MINUTE));
}

function unsubscribe(c, t, channel, source, name) {
  emit('unsubscribed', c, t, { channel, ...source, ...(name ? { message: name } : {}) });
  c.unsub[channel] = Math.min(c.unsub[channel], t);
}

// Sends one message and plays the contact's response. `p.open` (email, push) or
// `p.read` (WhatsApp) is scaled by how engaged the contact is unless `p.flat`;
// `p.click` is the chance of a click once opened. Returns null when the message
// cannot go out, else { at, opened, clicked } (0 when not).
function message(c, t, channel, source, name, p = {}, url = `${SITE}/`) {
  if (!c.known || !canReach(c, channel, t)) return null;
  t = sendable(c, t);
  if (t >= END) return null;
  const r = c.rng;
  // The message's fields, made only when some event reports on it.
  let json = null;
  const base = () => (json ??= members({ channel, ...source, message: name }));
  if (t < FROM) emitJson('message_sent', c, t, base());
  const result = { at: t, opened: 0, clicked: 0 };
  if (channel === 'sms') {
    if (r.chance(0.006)) unsubscribe(c, t + r.between(2 * MINUTE, 3 * HOUR), 'sms', source, name);
    return result;
  }
  const whatsapp = channel === 'whatsapp';
  const chance = (whatsapp ? p.read ?? 0.6 : p.open ?? 0.3) * (p.flat ? 1 : c.persona.engage);
  if (!r.chance(Math.min(0.95, chance))) return result;
  const opened = Math.floor(t + 20 + r.exp(whatsapp ? HOUR : 3 * HOUR));
  emitJson(whatsapp ? 'message_read' : 'message_opened', c, opened, base(), channel);
  result.opened = opened;
  c.lastEngaged = Math.max(c.lastEngaged, opened);
  if (whatsapp) c.readWhatsapp = true;
  if (r.chance((p.click ?? 0.15) * c.persona.clicks)) {
    const clicked = opened + r.between(10, 5 * MINUTE);
    emitJson('message_clicked', c, clicked, `${base()},"url":${JSON.stringify(url)}`, channel);
    result.clicked = clicked;
    if (channel === 'email') c.lastEmailClick = Math.max(c.lastEmailClick, clicked);
  } else if (channel === 'email' && r.chance(0.004)) {
    unsubscribe(c, opened + r.between(10, 2 * MINUTE), 'email', source, name);
  }
  return result;
}

// ---------------------------------------------------------------------------
// Identity

function traits(c) {
  const r = c.rng;
  const t = {
    first_name: c.firstName,
    last_name: c.lastName,
    created_at: iso(c.created),
    consent: { ...c.consent },
    language: c.lang,
    vip: c.vip,
    email_suppressed: false,
    tags: c.vip ? ['vip'] : [],
  };
  if (c.hasEmail) t.email = c.email;
  if (c.hasPhone) t.phone = c.phone;
  if (c.gender && r.chance(0.95)) t.gender = c.gender;
  if (r.chance(0.9)) t.city = c.city;
  if (c.birthday) t.birthday = c.birthday;
  if (c.loyalty) t.loyalty_points = c.loyalty;
  return t;
}

function identify(c, t) {
  emit('identify', c, t, { traits: traits(c) });
}

let nextContactNumber = 0;
const knownContacts = [];

// A visitor tells us who they are (popup or registration): from now on a contact.
function becomeKnown(c, t, how) {
  const r = c.rng;
  if (!c.known) {
    const anonymous = c.id;
    c.id = `c-${++nextContactNumber}`;
    c.known = true;
    c.created = t;
    knownContacts.push(c);
    emit('alias', c, t, { previous: anonymous });
  }
  if (how === 'popup') {
    // Mobile visitors leave a phone number, desktop visitors an e-mail address.
    if (c.device === 'mobile') { c.hasPhone = true; c.consent.sms = true; }
    else { c.hasEmail = true; c.consent.email = true; }
  } else if (how === 'exit_popup') {
    if (c.device === 'mobile') { c.hasPhone = true; c.consent.whatsapp = true; }
    else { c.hasEmail = true; c.consent.email = true; }
  } else {
    c.hasEmail = true;
    c.hasPhone = c.hasPhone || r.chance(0.7);
    c.consent.email = c.consent.email || r.chance(0.85);
    c.consent.sms = c.consent.sms || (c.hasPhone && r.chance(0.5));
    c.consent.whatsapp = c.consent.whatsapp || (c.hasPhone && r.chance(0.35));
  }
  identify(c, t + 1);
}

// ---------------------------------------------------------------------------
// Orders

const COURIERS = [['HFD', 40], ['Israel Post', 25], ['Cheetah', 20], ['Done', 15]];
let orderNumber = 100000;
let cartNumber = 50000;

function placeOrder(c, t, items, channel, coupon = null) {
  const r = c.rng;
  const orderId = `o-${++orderNumber}`;
  const total = basketValue(items);
  if (!coupon && c.coupon && c.coupon.expires > t && r.chance(0.65)) coupon = c.coupon;
  const shipping = channel === 'store'
    ? 'in_store'
    : r.weighted([['courier', 60], ['pickup_point', 25], ['store_pickup', 10], ['express', 5]]);
  const rest = members({
    ...(coupon ? { coupon: coupon.code } : {}),
    payment_method: channel === 'store'
      ? r.weighted([['card', 60], ['cash', 20], ['bit', 20]])
      : r.weighted([['card', 55], ['bit', 18], ['paypal', 15], ['apple_pay', 12]]),
    shipping_method: shipping,
    channel,
  });
  emitJson('order_placed', c, t, `,"order_id":"${orderId}","total":"${money(total)}","items":${itemsJson(items)}${rest}`);
  if (coupon) {
    emit('coupon_redeemed', c, t + 2, { pool: coupon.pool, code: coupon.code, order_id: orderId });
    if (c.coupon === coupon) c.coupon = null;
    c.couponOrders.push(t);
  }
  c.orders.push({ t, total });
  c.orderCount += 1;
  c.lastOrder = t;
  segmentHorizons(c);
  const order = { id: orderId, t, items, total, channel };
  thankYou(c, t, order);
  if (channel === 'online' && shipping !== 'store_pickup') {
    // Couriers deliver from Sunday to Friday noon, two to five days later.
    let day = localDay(t) + r.between(2, 5);
    if (weekday(day) === 6) day += 1;
    const delivered = atLocal(day, r.between(9 * HOUR, (weekday(day) === 5 ? 13 : 18) * HOUR));
    const lead = items.reduce((a, b) => (b.p.price > a.p.price ? b : a)).p;
    schedule(delivered, orderDelivered, c, { ...order, lead, courier: c.lang === 'pl' ? 'DHL' : r.weighted(COURIERS) });
  }
  return order;
}

// thank_you: every order.
function thankYou(c, t, o) {
  const source = J('thank_you');
  if (o.channel === 'store') message(c, t + 30, 'sms', source, 'thank-you-store-sms');
  if (o.total > 1000 * ILS) {
    const sent = message(c, t + 60, 'email', source, 'next-order', { open: 0.45 });
    if (sent) giveCoupon(c, sent.at, 'next_order_15');
  }
  const first = c.orderCount === 1;
  message(c, t + 90, 'email', source, first ? 'thanks-new' : 'thanks-returning', { open: 0.5, click: 0.1 });
  schedule(t + 3 * DAY, (cc, tt) => {
    message(cc, tt, 'email', source, first ? 'thanks-new-care-guide' : 'thanks-returning-club', { open: 0.3, click: 0.08 });
  }, c);
}

function orderDelivered(c, t, o) {
  const r = c.rng;
  emit('order_delivered', c, t, { order_id: o.id, lead_sku: o.lead.sku, courier: o.courier });
  // review_request: five days later at ten, and an SMS if there is no review.
  const asked = atLocal(localDay(t) + 5, 10 * HOUR + r.int(15 * MINUTE));
  schedule(asked, (cc, tt) => {
    const sent = message(cc, tt, 'email', J('review_request'), 'review-request', { open: 0.4, click: 0.45 }, o.lead.url);
    let reviewed = 0;
    if (sent?.clicked && r.chance(0.75)) reviewed = sent.clicked + r.between(2 * MINUTE, 15 * MINUTE);
    else if (r.chance(0.03)) reviewed = tt + r.between(HOUR, 4 * DAY);  // from the order page, unasked
    if (reviewed) schedule(reviewed, review, cc, o);
    else schedule(tt + 5 * DAY, (c3, t3) => message(c3, t3, 'sms', J('review_request'), 'review-reminder-sms'), cc);
  }, c);
  // cross_sell: at most once a month, a week after delivery, unless they ordered since.
  if (t - c.lastCross >= 30 * DAY) {
    c.lastCross = t;
    schedule(t + 7 * DAY, (cc, tt) => {
      if (cc.lastOrder > t) return;
      const sent = message(cc, tt, 'email', J('cross_sell'), 'complete-the-look', { open: 0.3, click: 0.3 }, o.lead.url);
      if (sent?.clicked) schedule(sent.clicked + 20, visit, cc, { buy: 0.3, category: o.lead.category });
      schedule(tt + 7 * DAY, (c3, t3) => {
        if (c3.lastOrder > t) return;
        message(c3, t3, 'push', J('cross_sell'), 'complete-the-look-reminder', { open: 0.15 });
      }, cc);
    }, c);
  }
}

const REVIEW_TEXTS = {
  5: ['מושלם! בדיוק כמו בתמונה', 'איכות מעולה ומשלוח מהיר', 'Beautiful, fits perfectly', 'Piękna sukienka, polecam!'],
  4: ['יפה מאוד, המידה קצת גדולה', 'מרוצה, הבד נעים', 'Очень красиво, но доставка долгая'],
  3: ['בסדר, ציפיתי ליותר', 'Nice but thinner than it looks'],
  2: ['הצבע שונה מהתמונה', 'המשלוח התעכב שבוע'],
  1: ['הפריט הגיע פגום', 'לא מתאים למידה בכלל, מחכה להחזר'],
};

function review(c, t, o) {
  const r = c.rng;
  const stars = r.weighted([[5, 45], [4, 28], [3, 12], [2, 8], [1, 7]]);
  emit('review_submitted', c, t, {
    order_id: o.id,
    sku: o.lead.sku,
    stars,
    ...(r.chance(0.6) ? { text: r.pick(REVIEW_TEXTS[stars]) } : {}),
  });
  // review_follow_up: a coupon for good reviews (bad ones go to customer service).
  if (stars >= 4) {
    const sent = message(c, t + 60, 'email', J('review_follow_up'), 'review-thanks', { open: 0.5, click: 0.1 });
    if (sent) giveCoupon(c, sent.at, 'review_thanks');
  }
}

// ---------------------------------------------------------------------------
// Visits

// The site's pages, their `page_viewed` fields made once.
const page = (url, category, sku) => ({ sku, json: members({ url, category, sku }) });
for (const p of PRODUCTS) p.page = page(p.url, p.category, p.sku);
const HOME = page(`${SITE}/`);
const WHOLESALE = page(`${SITE}/pages/wholesale`, 'wholesale');
const CATEGORY_PAGES = new Map([...BY_CATEGORY.keys()].map((c) => [c, page(`${SITE}/collections/${c}`, c)]));

function pageView(c, t, shown, seconds, device) {
  emitJson('page_viewed', c, t, `${shown.json},"duration":"${duration(seconds)}","device":"${device}"`);
  c.lastView = t;
  if (shown.sku) c.lastSkuView = t;
}

function duration(seconds) {
  const m = Math.floor(seconds / 60), s = seconds % 60;
  return m > 0 ? `PT${m}M${s}S` : `PT${s}S`;
}

// One visit to the site. `intent.buy` raises the chance of an order, `intent.items`
// is a cart they come back for, `intent.category` where a message sent them.
// Returns the instant the visit ended.
function visit(c, t, intent = {}) {
  const r = c.rng;
  const device = r.chance(0.85) ? c.device : r.weighted([['mobile', 60], ['desktop', 35], ['tablet', 5]]);
  const seen = [];
  let now = t;
  const show = (shown, seconds) => {
    pageView(c, now, shown, seconds, device);
    now += seconds + r.between(2, 25);
  };
  const showProduct = (p) => {
    show(p.page, r.between(15, 240));
    seen.push(p);
    if (c.known && r.chance(0.03)) wishlist(c, now, p);
  };
  const showCategory = (category) => show(CATEGORY_PAGES.get(category), r.between(8, 90));

  if (intent.items) intent.items.forEach((i) => showProduct(i.p));
  else if (intent.category) showCategory(intent.category);
  else if (r.chance(0.3)) show(HOME, r.between(4, 40));
  let views = 1 + Math.floor(r.exp(intent.buy ? 4 : 2.5));
  if (views > 25) views = 25;
  let category = intent.category ?? favouriteCategory(c);
  for (let i = 0; i < views; i++) {
    if (c.b2b && r.chance(0.3)) {
      if (BY_CATEGORY.has('wholesale') && r.chance(0.5)) showProduct(productFor(c, 'wholesale'));
      else show(WHOLESALE, r.between(30, 300));
    } else if (r.chance(intent.buy || i > 0 ? 0.6 : 0.3)) {
      showProduct(productFor(c, category));
    } else {
      if (r.chance(0.4)) category = favouriteCategory(c);
      showCategory(category);
    }
  }

  if (intent.items && r.chance(intent.buy ?? 0.5)) {
    checkout(c, now + r.between(MINUTE, 8 * MINUTE), intent.items, intent.coupon);
    return now;
  }
  // Visitors we do not know yet rarely buy on a first look; if they do, they register at checkout.
  const buy = Math.min(0.9, (c.known ? c.persona.buy : 0.02) + (intent.buy ?? 0));
  if (seen.length > 0 && r.chance(buy)) {
    checkout(c, now + r.between(MINUTE, 8 * MINUTE), basket(c, seen, false), intent.coupon);
    return now;
  }
  if (c.known && seen.length > 0 && r.chance(c.persona.cart)) {
    const big = r.chance(c.persona.bigBasket || c.b2b ? 0.08 : 0.02);
    cartAbandoned(c, now + r.between(30 * MINUTE, 90 * MINUTE), basket(c, seen, big));
    return now;
  }
  if (c.known) {
    if (seen.length > 0) browseAbandonment(c, now);
    else siteAbandonment(c, now, t);
  }
  return now;
}

function checkout(c, t, items, coupon) {
  if (!c.known) becomeSignedUp(c, t - 20, 'checkout');
  placeOrder(c, t, items, 'online', coupon);
}

// The contact's own visits, one after another.
function sessions(c, t) {
  const end = visit(c, t);
  if (!c.known) anonymousChoices(c, end);
  const rate = c.known ? c.persona.session : c.returnRate;
  const next = nextTime(c.rng, end + 10 * MINUTE, rate, WEB, END);
  schedule(next, sessions, c);
}

// Visitors who have not told us who they are may subscribe through a popup or
// register; either makes them a contact (an `alias` of the pixel id).
function anonymousChoices(c, t) {
  const r = c.rng;
  if (r.chance(0.07)) {
    const source = c.lastSkuView > t - HOUR && r.chance(0.4) ? 'exit_popup' : 'popup';
    becomeKnown(c, t, source);
    subscribed(c, t + 2, source);
  } else if (r.chance(0.05)) {
    becomeSignedUp(c, t, r.weighted([['account', 60], ['google', 25], ['facebook', 15]]));
  }
}

function becomeSignedUp(c, t, source) {
  becomeKnown(c, t, 'signup');
  emit('signed_up', c, t + 2, { source });
  welcome(c, t + 2);
}

// ---------------------------------------------------------------------------
// Journeys, each as the contact experiences it

// welcome_series: four touches over ten days, until the first order.
function welcome(c, t) {
  const source = J('welcome_series');
  const signedUp = t;
  const stillWaiting = (cc) => cc.lastOrder < signedUp;
  const first = message(c, t, 'email', source, 'welcome-1-your-code', { open: 0.55, click: 0.25 });
  giveCoupon(c, t, 'welcome_first_order');
  if (first?.clicked) schedule(first.clicked + 20, visit, c, { buy: 0.35 });
  schedule(t + 2 * DAY, (cc, tt) => {
    if (!stillWaiting(cc)) return;
    const sent = message(cc, tt, 'email', source, 'welcome-2-our-story', { open: 0.35, click: 0.15 });
    if (sent?.clicked) schedule(sent.clicked + 20, visit, cc, { buy: 0.2, category: 'new_in' });
  }, c);
  schedule(t + 5 * DAY, (cc, tt) => {
    if (!stillWaiting(cc)) return;
    // The journey's split: SMS (nothing comes back) or WhatsApp.
    if (cc.rng.chance(0.5)) message(cc, tt, 'sms', source, 'welcome-sms');
    else {
      const sent = message(cc, tt, 'whatsapp', source, 'welcome_code_reminder', { read: 0.7, click: 0.2 });
      if (sent?.clicked) schedule(sent.clicked + 20, visit, cc, { buy: 0.4 });
    }
  }, c);
  schedule(t + 10 * DAY, (cc, tt) => {
    if (!stillWaiting(cc)) return;
    const sent = message(cc, tt, 'email', source, 'welcome-4-last-chance', { open: 0.3, click: 0.2 });
    if (sent?.clicked) schedule(sent.clicked + 20, visit, cc, { buy: 0.4 });
  }, c);
}

// newsletter_coupon: the popup's 10% code by SMS or e-mail, and one reminder.
function subscribed(c, t, source) {
  emit('newsletter_subscribed', c, t, { source });
  const journey = J('newsletter_coupon');
  const coupon = giveCoupon(c, t, 'newsletter_10');
  if (c.consent.sms) message(c, t + 5, 'sms', journey, 'newsletter-welcome-sms');
  else {
    const sent = message(c, t + 5, 'email', journey, 'newsletter-welcome', { open: 0.5, click: 0.3 });
    if (sent?.clicked) schedule(sent.clicked + 20, visit, c, { buy: 0.3 });
  }
  if (c.rng.chance(0.15)) schedule(t + c.rng.exp(4 * DAY), visit, c, { buy: 0.5 });
  schedule(t + 7 * DAY, (cc, tt) => {
    if (cc.coupon !== coupon) return;  // used (or replaced by a newer code)
    message(cc, tt, 'email', journey, 'newsletter-code-reminder', { open: 0.3, click: 0.15 });
  }, c);
}

// cart_abandonment: the ladder, leaving as soon as they order.
function cartAbandoned(c, t, items) {
  const r = c.rng;
  const cartId = `k-${++cartNumber}`;
  const value = basketValue(items);
  const url = `${SITE}/checkout/${cartId}`;
  emitJson('cart_abandoned', c, t,
    `,"cart_id":"${cartId}","value":"${money(value)}","items":${itemsJson(items)},"checkout_url":${JSON.stringify(url)}`);
  c.lastCart = t;
  const cart = { t, items, value, url, opened: 0, clicked: 0 };
  // Some come back on their own, whatever we send.
  if (r.chance(0.08)) schedule(t + r.between(HOUR, 20 * HOUR), visit, c, { items, buy: 0.9 });
  if (!(c.consent.email || c.consent.sms || c.consent.whatsapp) || t - c.lastCartLadder < 7 * DAY) return;
  c.lastCartLadder = t;
  const journey = J('cart_abandonment');
  const open = (cc) => cc.lastOrder <= cart.t;
  const recover = (cc, clicked, buy, coupon) => schedule(clicked + 30, visit, cc, { items, buy, coupon });
  schedule(t + 4 * HOUR, (cc, tt) => {
    if (!open(cc)) return;
    const sent = message(cc, tt, 'email', journey, 'cart-reminder', { open: 0.45, click: 0.2 }, url);
    cart.opened = sent?.opened ?? 0;
    if (sent?.clicked) { cart.clicked = sent.clicked; recover(cc, sent.clicked, 0.4); }
    schedule(tt + 8 * HOUR, (c2, t2) => {
      if (!open(c2)) return;
      if (cart.opened && cart.opened <= t2) {
        message(c2, t2, 'email', journey, 'cart-what-stopped-you', { open: 0.35, click: 0.15 }, url);
      } else {
        message(c2, t2, 'sms', journey, 'cart-what-stopped-you-sms');
      }
      schedule(t2 + 12 * HOUR, (c3, t3) => {
        if (!open(c3)) return;
        const coupon = giveCoupon(c3, t3, 'cart_10');
        const offer = message(c3, t3, 'email', journey, 'cart-coupon', { open: 0.4, click: 0.3 }, url);
        if (offer?.clicked) { cart.clicked = offer.clicked; recover(c3, offer.clicked, 0.5, coupon); }
        schedule(t3 + 24 * HOUR, (c4, t4) => {
          if (!open(c4) || cart.clicked || value < 300 * ILS) return;
          const last = giveCoupon(c4, t4, 'cart_last_chance');
          const sent = message(c4, t4, 'whatsapp', journey, 'cart_last_chance', { read: 0.7, click: 0.25 }, url);
          if (sent?.clicked) recover(c4, sent.clicked, 0.45, last);
        }, c3);
      }, c2);
    }, cc);
  }, c);
}

// browse_abandonment: looked at products, carted nothing.
function browseAbandonment(c, t) {
  if (t - c.lastBrowse < 3 * DAY || c.lastCart > t - DAY || c.lastOrder > t - DAY) return;
  c.lastBrowse = t;
  const journey = J('browse_abandonment');
  const left = (cc) => cc.lastCart > t || cc.lastOrder > t;
  schedule(t + 2 * HOUR, (cc, tt) => {
    if (left(cc)) return;
    const sent = message(cc, tt, 'email', journey, 'you-looked-at', { open: 0.3, click: 0.25 });
    if (sent?.clicked) schedule(sent.clicked + 20, visit, cc, { buy: 0.25, category: favouriteCategory(cc) });
    schedule(tt + DAY, (c2, t2) => {
      if (left(c2)) return;
      if (c2.consent.whatsapp) message(c2, t2, 'whatsapp', journey, 'you_looked_at', { read: 0.65, click: 0.15 });
      else message(c2, t2, 'email', journey, 'popular-in-category', { open: 0.2, click: 0.1 });
    }, cc);
  }, c);
}

// site_abandonment: browsed categories, opened no product.
function siteAbandonment(c, t, visitStart) {
  if (t - c.lastSite < 14 * DAY || c.lastOrder > t - 7 * DAY) return;
  c.lastSite = visitStart;
  const journey = J('site_abandonment');
  schedule(t + 3 * HOUR, (cc, tt) => {
    if (cc.lastSkuView > visitStart || cc.lastCart > visitStart || cc.lastOrder > visitStart) return;
    const sent = message(cc, tt, 'email', journey, 'bestsellers', { open: 0.25, click: 0.15 });
    if (sent?.clicked) schedule(sent.clicked + 20, visit, cc, { buy: 0.15 });
    schedule(tt + 2 * DAY, (c2, t2) => {
      if (c2.lastOrder > visitStart) return;
      message(c2, t2, 'push', journey, 'new-arrivals', { open: 0.12 });
    }, cc);
  }, c);
}

// wishlist_reminder: three days later, unless they bought.
function wishlist(c, t, p) {
  emit('wishlist_added', c, t, { sku: p.sku, name: p.name, price: money(p.price) });
  if (t - c.lastWishlist < 7 * DAY) return;
  c.lastWishlist = t;
  schedule(t + 3 * DAY, (cc, tt) => {
    if (cc.lastOrder > t) return;
    const sent = message(cc, tt, 'email', J('wishlist_reminder'), 'wishlist-reminder', { open: 0.35, click: 0.3 }, p.url);
    if (sent?.clicked) schedule(sent.clicked + 20, visit, cc, { items: [{ p, q: 1 }], buy: 0.3 });
  }, c);
}

// back_in_stock_alert: three touches while the product lasts.
function backInStock(c, t) {
  const r = c.rng;
  const p = r.pick(BACK_IN_STOCK.length > 0 ? BACK_IN_STOCK : PRODUCTS);
  emit('back_in_stock', c, t, { sku: p.sku });
  const journey = J('back_in_stock_alert');
  const sent = message(c, t + 5, 'email', journey, 'back-in-stock', { open: 0.5, click: 0.4 }, p.url);
  message(c, t + 10, 'sms', journey, 'back-in-stock-sms');
  if (sent?.clicked) schedule(sent.clicked + 20, visit, c, { items: [{ p, q: 1 }], buy: 0.35 });
  schedule(t + DAY, (cc, tt) => {
    if (cc.lastOrder > t) return;
    message(cc, tt, 'push', journey, 'back-in-stock-reminder', { open: 0.2 });
    schedule(tt + 2 * DAY, (c2, t2) => {
      if (c2.lastOrder > t) return;
      message(c2, t2, 'email', journey, 'back-in-stock-selling-fast', { open: 0.25, click: 0.2 }, p.url);
    }, cc);
  }, c);
}

// birthday_gift: at nine on the day, by SMS or e-mail.
function birthday(c, t) {
  if (!c.known) return;  // a visitor's birthday is not ours to know yet
  const journey = J('birthday_gift');
  giveCoupon(c, t, 'birthday_gift');
  if (c.consent.sms) message(c, t, 'sms', journey, 'birthday-sms');
  else message(c, t, 'email', journey, 'birthday', { open: 0.45, click: 0.3 });
  if (c.rng.chance(0.15)) schedule(t + c.rng.exp(5 * DAY), visit, c, { buy: 0.6 });
}

// ---------------------------------------------------------------------------
// Segment changes, checked every morning during the window, and the journeys
// and campaigns that answer them (champions -> champion_welcome, lapsing_customers
// -> no_purchase_60d, at_risk -> at_risk_rescue, dormant_engaged_women ->
// dormant_women_winback, inactive_contacts -> sunset_inactive). As in a dry run,
// who is in a segment when the window opens is taken as it is (`baseline`); only
// later changes start journeys.

function spentWithin(c, t, d) {
  let sum = 0;
  for (const o of c.orders) if (o.t > t - d && o.t <= t) sum += o.total;
  return sum;
}

// After an order, until when the contact stays a champion (bought within 30 days,
// four orders and 3,000 ILS within 365) and can be at risk (three orders within
// 365 days) if nothing else happens: orders only ever leave those windows.
function segmentHorizons(c) {
  const orders = c.orders;
  const n = orders.length;
  S.atRiskUntil[c.slot] = n >= 3 ? orders[n - 3].t + 365 * DAY : -Infinity;
  let oldestNeeded = n - 1;
  let spent = 0;
  while (oldestNeeded >= 0 && (spent += orders[oldestNeeded].total) < 3000 * ILS) oldestNeeded--;
  S.championUntil[c.slot] = n >= 4 && oldestNeeded >= 0
    ? Math.min(orders[n - 1].t + 30 * DAY, orders[n - 4].t + 365 * DAY, orders[oldestNeeded].t + 365 * DAY)
    : -Infinity;
}

function morningRound(_, t, baseline) {
  const { created, lastOrder, lastEngaged, lastEmailClick, lastView, championUntil, atRiskUntil, flags } = S;
  const SEGMENTS = CHAMPION | LAPSING | AT_RISK | DORMANT | INACTIVE;
  for (let i = 0; i < SLOTS.length; i++) {
    const f = flags[i];
    if (!(f & KNOWN) || created[i] > t) continue;
    const last = lastOrder[i];
    let now = 0;
    if (t < championUntil[i]) now |= CHAMPION;
    if (last > t - 365 * DAY && last <= t - 60 * DAY) now |= LAPSING;
    if (last <= t - 90 * DAY && t < atRiskUntil[i]) now |= AT_RISK;
    if ((f & FEMALE) && (f & READ_WHATSAPP) && last > -Infinity && last < t - 60 * DAY && lastView[i] <= t - 60 * DAY &&
        lastEmailClick[i] > t - 60 * DAY && lastEmailClick[i] <= t) {
      now |= DORMANT;
    }
    if (created[i] < t - 180 * DAY && lastEngaged[i] <= t - 180 * DAY && last <= t - 365 * DAY && !(f & SUPPRESSED)) {
      now |= INACTIVE;
    }
    const entered = now & ~f;
    flags[i] = (f & ~SEGMENTS) | now;
    if (baseline || !entered) continue;
    const c = SLOTS[i];
    if (entered & CHAMPION) {  // champion_welcome
      c.vip = true;
      message(c, t, 'email', J('champion_welcome'), 'vip-welcome', { open: 0.6, click: 0.2 });
    }
    if (entered & LAPSING) noPurchase60d(c, t);
    if (entered & AT_RISK) atRiskRescue(c, t);
    if (entered & DORMANT) {  // dormant_women_winback
      const sent = message(c, t, 'whatsapp', J('dormant_women_winback'), 'we_miss_you', { read: 0.75, click: 0.2 });
      if (sent?.clicked && c.rng.chance(0.5)) schedule(sent.clicked + 20, visit, c, { buy: 0.3, category: 'dresses' });
    }
    if (entered & INACTIVE) sunset(c, t);
  }
  const today = atLocal(localDay(t), 9 * HOUR);
  schedule(today > t ? today : atLocal(localDay(t) + 1, 9 * HOUR), morningRound, null, false);
}

function noPurchase60d(c, t) {
  if (c.couponOrders.filter((o) => o > t - 180 * DAY).length >= 2) return;  // discount_seekers
  const journey = J('no_purchase_60d');
  const entered = t;
  const first = message(c, t, 'email', journey, 'we-miss-you', { open: 0.3, click: 0.15 });
  if (first?.clicked && c.persona !== PERSONAS.dormant) schedule(first.clicked + 20, visit, c, { buy: 0.15 });
  schedule(t + 7 * DAY, (cc, tt) => {
    if (cc.lastOrder > entered) return;
    const coupon = giveCoupon(cc, tt, 'winback_15');
    const sent = message(cc, tt, 'email', journey, 'we-miss-you-coupon', { open: 0.3, click: 0.25 });
    if (sent?.clicked && cc.rng.chance(cc.persona === PERSONAS.dormant ? 0.2 : 1)) {
      schedule(sent.clicked + 20, visit, cc, { buy: 0.4, coupon });
    }
  }, c);
}

function atRiskRescue(c, t) {
  const journey = J('at_risk_rescue');
  const coupon = giveCoupon(c, t, 'winback_15');
  const sent = c.consent.whatsapp
    ? message(c, t, 'whatsapp', journey, 'at_risk_offer', { read: 0.7, click: 0.25 })
    : message(c, t, 'email', journey, 'at-risk-offer', { open: 0.4, click: 0.2 });
  if (sent?.clicked) schedule(sent.clicked + 20, visit, c, { buy: 0.4, coupon });
}

function sunset(c, t) {
  if (!c.consent.email) return;
  const journey = J('sunset_inactive');
  const entered = t;
  const sent = message(c, t, 'email', journey, 'still-want-to-hear-from-us', { open: 0.08, click: 0.6, flat: true });
  if (!sent) return;
  schedule(t + 14 * DAY, (cc, tt) => {
    if (cc.lastEmailClick > entered) return;  // reengaged
    message(cc, tt, 'email', journey, 'goodbye', { open: 0 });
    cc.suppressed = true;
  }, c);
}

// vip_monthly_perk: every 30 days, a first look at the new collection.
function vipRound(_, t) {
  for (const c of knownContacts) {
    if (!c.vip || c.created > t) continue;
    const sent = message(c, t + c.rng.int(HOUR), 'email', J('vip_monthly_perk'), 'vip-first-look', { open: 0.55, click: 0.25 });
    if (sent?.clicked) schedule(sent.clicked + 20, visit, c, { buy: 0.35, category: 'new_in' });
  }
  schedule(t + 30 * DAY, vipRound, null);
}

// black_friday: big spenders who are not VIPs, on WhatsApp at nine.
function blackFriday(_, t) {
  for (const c of knownContacts) {
    if (c.created > t || c.vip) continue;
    if (spentWithin(c, t, 30 * DAY) <= 1000 * ILS) continue;
    const coupon = giveCoupon(c, t, 'bf_20');
    const sent = message(c, t, 'whatsapp', CAMPAIGN('black_friday'), 'bf_offer', { read: 0.75, click: 0.35 });
    if (sent?.clicked) schedule(sent.clicked + 20, visit, c, { buy: 0.55, coupon });
  }
}

// hanukkah_sale: everyone but lapsed and suppressed contacts, SMS or e-mail.
function hanukkahSale(_, t) {
  for (const c of knownContacts) {
    if (c.created > t || c.suppressed) continue;
    if (c.orderCount > 0 && c.lastOrder <= t - 180 * DAY) continue;  // lapsed_customers
    const coupon = giveCoupon(c, t, 'hanukkah_20');
    const source = CAMPAIGN('hanukkah_sale');
    if (c.consent.sms) {
      if (message(c, t, 'sms', source, 'hanukkah-sale-sms') && c.rng.chance(0.05)) {
        schedule(t + c.rng.exp(DAY), visit, c, { buy: 0.5, coupon });
      }
    } else {
      const sent = message(c, t, 'email', source, 'hanukkah-sale', { open: 0.3, click: 0.25 });
      if (sent?.clicked) schedule(sent.clicked + 20, visit, c, { buy: 0.45, coupon });
    }
  }
}

// ---------------------------------------------------------------------------
// The contacts

// The history starts a year before the window with an import of the shop's
// customers.
const HISTORY = atLocal(FROM_DAY - 365, 6 * HOUR);

// Campaigns of the shop's earlier tool, before the window: the only WhatsApp and
// SMS history some contacts have.
const SUMMER_SALE = atLocal(FROM_DAY - 88, 11 * HOUR);
const ROSH_HASHANA = atLocal(FROM_DAY - 38, 10 * HOUR);

function existingCustomer(index) {
  const rng = rngFor(1, index);
  const name = rng.weighted(PERSONA_PICK);
  const persona = PERSONAS[name];
  const c = new Contact(`c-${index}`, rng, persona);
  if (name === 'dormant') c.gender = 'female';
  makePerson(c, rng);
  c.known = true;
  let daysBack = name === 'inactive' || name === 'lapsing' || name === 'at_risk' ? rng.between(400, 2000) : rng.between(60, 2000);
  // Some of the inactive reach half a year of silence during the window (sunset_inactive).
  if (name === 'inactive' && rng.chance(0.3)) daysBack = rng.between(121, 179);
  c.created = FROM - daysBack * DAY + rng.int(DAY);
  c.hasEmail = rng.chance(name === 'store' ? 0.6 : 0.97);
  c.hasPhone = rng.chance(name === 'store' ? 1 : 0.8);
  c.consent = {
    email: c.hasEmail && rng.chance(0.8),
    sms: c.hasPhone && rng.chance(0.55),
    whatsapp: c.hasPhone && rng.chance(name === 'dormant' ? 1 : 0.4),
  };
  if (name === 'frequent' && rng.chance(0.15)) c.vip = true;  // set by hand in the CRM
  if (name !== 'inactive' && name !== 'browser') c.loyalty = rng.between(0, 2500);
  knownContacts.push(c);
  // Contacts older than the history come with the import that starts it; the
  // others as they registered.
  if (c.created < HISTORY) {
    schedule(HISTORY + rng.int(2 * HOUR), identify, c);
  } else {
    schedule(c.created, (cc, t) => {
      identify(cc, t);
      if (name !== 'store') emit('signed_up', cc, t + 2, { source: rng.weighted([['account', 70], ['checkout', 30]]) });
      if (rng.chance(0.3)) emit('newsletter_subscribed', cc, t + 5, { source: 'footer' });
    }, c);
  }

  // Their orders before the window.
  const histFrom = Math.max(c.created + DAY, HISTORY + 3 * HOUR);
  const times = [];
  const spread = (n, lo, hi) => {
    for (let i = 0; i < n; i++) times.push(lo + rng.int(Math.max(1, hi - lo)));
  };
  if (name === 'lapsing') {
    const quietFrom = FROM - rng.between(5, 240) * DAY;
    spread(rng.between(1, 4), Math.max(histFrom, quietFrom - 200 * DAY), quietFrom);
  } else if (name === 'at_risk') {
    spread(rng.between(4, 7), Math.max(histFrom, FROM - 300 * DAY), FROM - 35 * DAY);
  } else if (name === 'dormant') {
    // The last order three to eight weeks before the window: it turns two months old during it.
    const last = FROM - rng.between(20, 55) * DAY - rng.int(DAY);
    times.push(last);
    spread(rng.between(1, 3), Math.max(histFrom, FROM - 270 * DAY), last - 14 * DAY);
  } else if (name !== 'inactive') {
    const rate = persona.store || persona.hist;
    for (let t = nextTime(rng, histFrom, rate, name === 'store' ? STORE : WEB, FROM, name === 'store'); t < FROM;
      t = nextTime(rng, t, rate, name === 'store' ? STORE : WEB, FROM, name === 'store')) times.push(t);
  }
  times.sort((a, b) => a - b);
  if (times.length > 0) {
    c.pastOrders = times;
    schedule(times[0], pastOrder, c, 0);
  }

  if (name === 'store') schedule(nextTime(rng, FROM, persona.store, STORE, END, true), storeVisits, c);
  else schedule(nextTime(rng, FROM, persona.session, WEB, END), sessions, c);

  if (rng.chance(0.05)) schedule(nextTime(rng, FROM, 1 / options.days, STORE, END), backInStock, c);
  scheduleBirthday(c);
}

// The earlier tool's campaigns: a summer sale on WhatsApp (else by e-mail) and
// Rosh Hashana greetings by SMS. The dormant women all read WhatsApp.
function summerSale(_, t) {
  const source = CAMPAIGN('summer_sale');
  for (const c of knownContacts) {
    if (c.created > t || c.persona === PERSONAS.inactive) continue;
    const dormant = c.persona === PERSONAS.dormant;
    if (!message(c, t, 'whatsapp', source, 'summer_offer', { read: dormant ? 1 : 0.6, flat: dormant, click: 0.1 })) {
      message(c, t, 'email', source, 'summer-sale', { open: 0.3, click: 0.1 });
    }
  }
}

function roshHashana(_, t) {
  for (const c of knownContacts) {
    if (c.created <= t) message(c, t, 'sms', CAMPAIGN('rosh_hashana'), 'shana-tova-sms');
  }
}

// The orders of the year before the window, one after the other; some at the store.
function pastOrder(c, t, i) {
  const inStore = c.persona === PERSONAS.store || c.rng.chance(0.12);
  if (inStore) {
    // During opening hours: that day if still open, else the next (closed on Shabbat).
    let day = localDay(t) + (localHour(t) >= 19 ? 1 : 0);
    if (weekday(day) === 6) day += 1;
    schedule(Math.max(t, atLocal(day, c.rng.between(10 * HOUR, 19 * HOUR))), storeOrder, c);
  } else {
    pastOnlineOrder(c, t);
  }
  if (i + 1 < c.pastOrders.length) schedule(c.pastOrders[i + 1], pastOrder, c, i + 1);
  else c.pastOrders = null;
}

// An online order before the window: a short visit, then the order.
function pastOnlineOrder(c, t) {
  const r = c.rng;
  let now = t;
  const seen = [];
  for (let i = r.between(1, 3); i > 0; i--) {
    const p = productFor(c, favouriteCategory(c));
    const seconds = r.between(20, 200);
    pageView(c, now, p.page, seconds, c.device);
    seen.push(p);
    now += seconds + r.between(3, 20);
  }
  placeOrder(c, now + r.between(MINUTE, 6 * MINUTE), basket(c, seen, r.chance(c.persona.bigBasket ? 0.08 : 0.01)), 'online');
}

function storeOrder(c, t) {
  placeOrder(c, t, basket(c, [], false), 'store');
}

function storeVisits(c, t) {
  storeOrder(c, t);
  schedule(nextTime(c.rng, t + DAY, c.persona.store, STORE, END, true), storeVisits, c);
}

// The window's days by month and day ("11-02"), for birthdays.
const WINDOW_DAYS = new Map();
for (let day = FROM_DAY; day < FROM_DAY + options.days; day++) {
  const monthDay = isoDate(day).slice(5);
  if (!WINDOW_DAYS.has(monthDay)) WINDOW_DAYS.set(monthDay, []);
  WINDOW_DAYS.get(monthDay).push(day);
}

function scheduleBirthday(c) {
  if (!c.birthday) return;
  for (const day of WINDOW_DAYS.get(c.birthday.slice(5)) ?? []) schedule(atLocal(day, 9 * HOUR), birthday, c);
}

function anonymousVisitor(index) {
  const rng = rngFor(2, index);
  const c = new Contact(`anon-${index}`, rng, NEWCOMER);
  makePerson(c, rng);
  c.returnRate = rng.chance(0.4) ? 0.15 : 0.03;
  schedule(nextTime(rng, FROM, 1 / options.days, WEB, END), sessions, c);
  scheduleBirthday(c);
}

// ---------------------------------------------------------------------------

async function main() {
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  for (let i = 1; i <= options.contacts; i++) existingCustomer(i);
  nextContactNumber = options.contacts;
  for (let i = 1; i <= VISITORS; i++) anonymousVisitor(i);
  schedule(SUMMER_SALE, summerSale, null);
  schedule(ROSH_HASHANA, roshHashana, null);
  schedule(FROM, morningRound, null, true);
  schedule(atLocal(FROM_DAY + 1, 10 * HOUR), vipRound, null);
  if (BLACK_FRIDAY >= FROM) schedule(BLACK_FRIDAY, blackFriday, null);
  if (HANUKKAH >= FROM) schedule(HANUKKAH, hanukkahSale, null);

  await run();
}

await main();
