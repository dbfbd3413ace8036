#!/usr/bin/env node
// Writes the example shop's product catalogue (examples/shop/catalog.csv) on
// stdout: about 120 products of Gefen Boutique with the columns of the schema's
// `product` record. The output is the same on every run: prices, sales and stock
// come from a seeded PRNG and the clock is never read.
//
//   node scripts/generate-shop-catalog.mjs > examples/shop/catalog.csv

const SITE = 'https://gefen.example';
const CDN = 'https://cdn.gefen.example';
const COLUMNS = ['sku', 'name', 'category', 'price', 'sale_price', 'url', 'image_url', 'in_stock'];

// mulberry32: small, seedable and the same in every Node.js version.
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261127);
const between = (low, high) => low + Math.floor(random() * (high - low + 1));

// Hebrew adjectives agree with the noun: masculine, feminine, masculine plural,
// feminine plural. Colours that are nouns (זהב, בורדו) do not change.
const COLOURS = {
  black: ['שחור', 'שחורה', 'שחורים', 'שחורות'],
  white: ['לבן', 'לבנה', 'לבנים', 'לבנות'],
  red: ['אדום', 'אדומה', 'אדומים', 'אדומות'],
  blue: ['כחול', 'כחולה', 'כחולים', 'כחולות'],
  green: ['ירוק', 'ירוקה', 'ירוקים', 'ירוקות'],
  pink: ['ורוד', 'ורודה', 'ורודים', 'ורודות'],
  brown: ['חום', 'חומה', 'חומים', 'חומות'],
  silver: ['כסוף', 'כסופה', 'כסופים', 'כסופות'],
  floral: ['פרחוני', 'פרחונית', 'פרחוניים', 'פרחוניות'],
  striped: ['מפוספס', 'מפוספסת', 'מפוספסים', 'מפוספסות'],
  dotted: ['מנוקד', 'מנוקדת', 'מנוקדים', 'מנוקדות'],
  beige: "בז'",
  navy: 'נייבי',
  gold: 'זהב',
  bordeaux: 'בורדו',
  camel: 'קאמל',
};
const FORM = { m: 0, f: 1, mp: 2, fp: 3 };

function colour(name, gender) {
  const forms = COLOURS[name];
  return typeof forms === 'string' ? forms : forms[FORM[gender]];
}

// Per category: the sku prefix, the usual price range in shekels, how many
// colours of each item and the colours most items come in. An item is its noun
// and the noun's gender, with words after the colour (`after`), its own colours
// or its own price range when the category's do not fit it.
const it = (noun, gender, options = {}) => ({ noun, gender, ...options });
const CATEGORIES = [
  {
    category: 'dresses', prefix: 'DR', price: [249, 749], each: 3,
    colours: ['black', 'white', 'red', 'blue', 'green', 'beige', 'floral', 'pink', 'navy', 'bordeaux', 'striped', 'dotted'],
    items: [
      it('שמלת מקסי', 'f'), it('שמלת מידי', 'f'), it('שמלת מיני', 'f', { price: [199, 449] }),
      it('שמלת מעטפת', 'f'), it('שמלת סלים', 'f'), it('שמלת ערב', 'f', { price: [549, 1199] }),
      it('שמלת פשתן', 'f'), it('שמלת סריג', 'f'), it('שמלת חולצה', 'f'), it('שמלת קומות', 'f'),
    ],
  },
  {
    category: 'shoes', prefix: 'SH', price: [199, 649], each: 2,
    colours: ['black', 'white', 'beige', 'brown', 'red', 'navy'],
    items: [
      it('סנדל שטוח', 'm'), it('סנדלי רצועות', 'mp', { colours: ['black', 'beige', 'gold', 'silver'] }),
      it('נעלי עקב', 'fp', { colours: ['black', 'red', 'beige', 'silver', 'gold'] }), it('נעלי סניקרס', 'fp'),
      it('מגפוני קרסול', 'mp', { colours: ['black', 'brown', 'beige'], price: [449, 749] }),
      it('כפכפי עור', 'mp', { price: [149, 299] }), it('נעלי בובה', 'fp'),
      it('מוקסינים', 'mp', { colours: ['black', 'brown', 'navy', 'beige'] }),
      it('נעלי פלטפורמה', 'fp'), it('מגפיים גבוהים', 'mp', { colours: ['black', 'brown'], price: [649, 999] }),
      it('נעלי אספדריל', 'fp', { price: [179, 329] }),
    ],
  },
  {
    category: 'bags', prefix: 'BG', price: [249, 899], each: 2,
    colours: ['black', 'brown', 'beige', 'red', 'white', 'green', 'navy'],
    items: [
      it('תיק צד', 'm'), it('תיק גב', 'm'), it('תיק טוט', 'm'), it('ארנק', 'm', { price: [129, 349] }),
      it('תיק ערב', 'm', { colours: ['black', 'gold', 'silver', 'bordeaux'] }),
      it("פאוץ'", 'm', { price: [99, 249] }), it('תיק קש', 'm', { colours: ['beige', 'white', 'black'] }),
      it('תיק "גפן" קלאסי', 'm', { colours: ['black', 'brown', 'camel'], price: [749, 1290] }),
    ],
  },
  {
    category: 'accessories', prefix: 'AC', price: [59, 249], each: 2,
    colours: ['black', 'white', 'red', 'beige', 'pink', 'navy'],
    items: [
      it('צעיף משי', 'm', { colours: ['floral', 'pink', 'navy', 'red', 'dotted'] }),
      it('כובע קש', 'm', { colours: ['beige', 'white', 'black'] }),
      it('חגורת עור', 'f', { colours: ['black', 'brown', 'beige'] }),
      it('עגילי חישוק', 'mp', { colours: ['gold', 'silver'] }), it('שרשרת תליון', 'f', { colours: ['gold', 'silver'] }),
      it('צמיד חרוזים', 'm'), it('משקפי שמש', 'mp', { colours: ['black', 'brown'], price: [199, 449] }),
      it('סיכת שיער', 'f', { price: [29, 79] }), it('מטפחת ראש', 'f', { colours: ['floral', 'dotted', 'striped', 'black'] }),
    ],
  },
  {
    category: 'kids', prefix: 'KD', price: [49, 189], each: 2,
    colours: ['pink', 'white', 'blue', 'red', 'green', 'striped', 'dotted', 'navy'],
    items: [
      it('שמלת ילדות', 'f'), it('חולצת טריקו', 'f', { after: 'לילדים', price: [39, 79] }),
      it("מכנסי ג'ינס", 'mp', { after: 'לילדים', colours: ['blue', 'black', 'white'] }),
      it('סנדלי ילדים', 'mp'), it("קפוצ'ון", 'm', { after: 'לילדים' }), it('חצאית טוטו', 'f'),
      it('בגד גוף', 'm', { after: 'לתינוקות', price: [39, 89] }), it("פיג'מה", 'f', { after: 'לילדים' }),
    ],
  },
  {
    category: 'new_in', prefix: 'NW', price: [249, 899], each: 1,
    colours: ['black', 'beige', 'brown', 'green', 'bordeaux', 'white', 'navy', 'camel'],
    items: [
      it("ז'קט צמר", 'm'), it("מעיל טרנץ'", 'm', { price: [799, 1290] }), it('סוודר סריג', 'm'),
      it('חצאית פליסה', 'f'), it('בלייזר', 'm'), it('מכנסי פשתן', 'mp'), it('חולצת סאטן', 'f'),
      it('קרדיגן', 'm'), it('שמלת קורדרוי', 'f'), it('וסט סריג', 'm'),
    ],
    // The capsule collection is named in English on the site too.
    named: ['Gefen Capsule Slip Dress, Ivory', 'Gefen Capsule Linen Shirt', 'Riviera Raffia Tote', 'Jaffa Leather Loafers'],
  },
];

// Packs for boutiques, sold through the B2B desk: list prices, no photos.
const WHOLESALE = [
  ['מארז סיטונאי: 12 צעיפי משי, צבעים מעורבים', 1490],
  ['מארז סיטונאי: 20 שמלות קיץ, מידות 36-44', 2490],
  ['מארז סיטונאי: 24 זוגות עגילים', 890],
  ['Wholesale pack: 10 "Gefen" canvas totes', 990],
];

// Shop prices end in .90 (349.90 ILS): a multiple of ten shekels less ten agorot.
const pricePoint = (low, high) => between(Math.ceil((low + 1) / 10), Math.floor((high + 1) / 10)) * 10 - 1;
const shekels = (whole) => `${whole}.90 ILS`;

// One product in seven is on sale at about 30% off.
function salePrice(price) {
  return random() < 1 / 7 ? shekels(Math.floor((price * 0.7) / 10) * 10 - 1) : '';
}

function product(category, sku, name, price, salePrice, photo = true) {
  const handle = sku.toLowerCase();
  return {
    sku,
    name,
    category,
    price,
    sale_price: salePrice,
    url: `${SITE}/products/${handle}`,
    image_url: photo ? `${CDN}/products/${handle}.jpg` : '',
    in_stock: String(random() >= 1 / 20),  // one in twenty is sold out
  };
}

const products = [];
CATEGORIES.forEach(({ category, prefix, price: range, each, colours, items, named = [] }, index) => {
  let number = (index + 1) * 1000;
  const next = () => `${prefix}-${++number}`;
  for (const item of items) {
    const [low, high] = item.price ?? range;
    const choices = item.colours ?? colours;
    const chosen = new Set();
    while (chosen.size < Math.min(each, choices.length)) chosen.add(choices[Math.floor(random() * choices.length)]);
    for (const name of chosen) {
      const price = pricePoint(low, high);
      const sale = category === 'new_in' ? '' : salePrice(price);  // new arrivals are never reduced
      const words = [item.noun, colour(name, item.gender), item.after].filter(Boolean);
      products.push(product(category, next(), words.join(' '), shekels(price), sale));
    }
  }
  for (const name of named) products.push(product(category, next(), name, shekels(pricePoint(...range)), ''));
});
WHOLESALE.forEach(([name, price], i) => {
  products.push(product('wholesale', `WS-${7001 + i}`, name, `${price}.00 ILS`, '', false));
});

const cell = (text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const lines = [COLUMNS.join(',')];
for (const p of products) lines.push(COLUMNS.map((column) => cell(p[column])).join(','));
process.stdout.write(`${lines.join('\n')}\n`);
