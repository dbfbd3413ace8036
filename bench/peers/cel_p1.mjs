// P1's outside anchor: the six predicates of bench/engine/bench.journey written
// in CEL and evaluated by @bufbuild/cel over the same synthetic contacts (CSV
// from kairos_bench_rows). Prints JSON: ns per contact (wall clock and CPU time,
// since the machine may be shared) and members per predicate.
//
//   node bench/peers/cel_p1.mjs ROWS_DIR [rounds]
//
// Each contact is a CEL map: its fields (an absent optional is null), and its
// orders, carts and views as lists sorted by time. Money is ILS scaled by 10^4
// and times are epoch seconds, as in the engine. CEL has no aggregate over a
// list, so `sum` and `avg` are added as functions, as a CEL user would.
// Contacts are turned into CEL values once, before timing, so the time is
// evaluation alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { celEnv, celFunc, celList, celMap, CelScalar, listType, parse, plan } from '@bufbuild/cel';

const dir = process.argv[2];
const rounds = Number(process.argv[3] ?? 5);
if (!dir) {
  console.error('usage: node cel_p1.mjs ROWS_DIR [rounds]');
  process.exit(2);
}

const NOW = 1795392000n; // bench/engine/synthetic.h kNow

function rows(file) {
  const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
  const header = lines[0].split(',');
  const out = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const cells = lines[i].split(',');
    const row = {};
    header.forEach((name, j) => { row[name] = cells[j] === '' ? null : cells[j]; });
    out.push(row);
  }
  return out;
}

function loadContacts() {
  const byN = new Map();
  const contacts = rows('contacts.csv').map((r) => {
    const c = {
      id: r.id,
      email: r.email,
      first_name: r.first_name,
      city: r.city,
      created_at: BigInt(r.created_at),
      vip: r.vip === 'true',
      tags: r.tags === null ? [] : r.tags.split(';'),
      consent: { email: r.consent_email === 'true', sms: r.consent_sms === 'true', whatsapp: r.consent_whatsapp === 'true' },
      orders: [],
      carts: [],
      views: [],
    };
    byN.set(r.n, c);
    return c;
  });
  for (const r of rows('orders.csv')) {
    byN.get(r.contact_n).orders.push({ at: BigInt(r.occurred_at), order_id: r.order_id, total: BigInt(r.total), channel: r.channel });
  }
  for (const r of rows('carts.csv')) {
    byN.get(r.contact_n).carts.push({ at: BigInt(r.occurred_at), cart_id: r.cart_id, value: BigInt(r.value) });
  }
  for (const r of rows('views.csv')) {
    byN.get(r.contact_n).views.push({ at: BigInt(r.occurred_at), category: r.category, duration: BigInt(r.duration), device: r.device });
  }
  return contacts;
}

const DAY = 86400;
const predicates = {
  // sum(cart_abandoned.value within 24h) > 300 ILS
  // and not exists(order_placed since (last(cart_abandoned)?.at ?? now))
  cart_abandoners: `sum(c.carts.filter(e, e.at > now - ${DAY} && e.at <= now).map(e, e.value)) > 3000000
    && !c.orders.exists(o, o.at >= (size(c.carts) > 0 ? c.carts[size(c.carts) - 1].at : now) && o.at <= now)`,
  // sum(order_placed.total within 365d) >= 2000 ILS
  vip_by_spend: `sum(c.orders.filter(o, o.at > now - ${365 * DAY} && o.at <= now).map(o, o.total)) >= 20000000`,
  // last(order_placed)?.at < now - 90d
  lapsed: `size(c.orders) > 0 && c.orders[size(c.orders) - 1].at < now - ${90 * DAY}`,
  // count(page_viewed where category == "dresses" within 14d) >= 3
  dress_browsers: `size(c.views.filter(v, v.category == "dresses" && v.at > now - ${14 * DAY} && v.at <= now)) >= 3`,
  // contact.consent.email and contact.email != null and contact.city == "Tel Aviv" and not ("test" in contact.tags)
  reachable_in_tel_aviv: `c.consent.email && c.email != null && c.city == "Tel Aviv" && !("test" in c.tags)`,
  // (contact.city ?? "unknown") != "unknown" and (avg(order_placed.total within 365d) ?? 0 ILS) > 250 ILS
  // and (last(page_viewed)?.duration ?? 0s) >= 30s or vip_by_spend and contact.consent.sms
  warm_leads: `(c.city != null ? c.city : "unknown") != "unknown"
    && avg(c.orders.filter(o, o.at > now - ${365 * DAY} && o.at <= now).map(o, o.total)) > 2500000.0
    && (size(c.views) > 0 ? c.views[size(c.views) - 1].duration : 0) >= 30
    || sum(c.orders.filter(o, o.at > now - ${365 * DAY} && o.at <= now).map(o, o.total)) >= 20000000 && c.consent.sms`,
};

const sum = celFunc('sum', [listType(CelScalar.INT)], CelScalar.INT, (list) => {
  let total = 0n;
  for (const v of list) total += v;
  return total;
});
// The mean of an empty list is 0, as `avg(...) ?? 0 ILS`.
const avg = celFunc('avg', [listType(CelScalar.INT)], CelScalar.DOUBLE, (list) => {
  let total = 0n;
  let count = 0;
  for (const v of list) { total += v; count++; }
  return count === 0 ? 0 : Number(total) / count;
});
const env = celEnv({ funcs: [sum, avg] });

// Plain objects would be converted on every access.
function toCelValue(v) {
  if (Array.isArray(v)) return celList(v.map(toCelValue));
  if (v !== null && typeof v === 'object') return celMap(new Map(Object.entries(v).map(([k, x]) => [k, toCelValue(x)])));
  return v;
}

const contacts = loadContacts().map(toCelValue);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const [name, source] of Object.entries(predicates)) {
  const evaluate = plan(env, parse(source));
  let members = 0;
  const times = [];
  const cpuTimes = [];
  for (let round = 0; round <= rounds; round++) {
    let count = 0;
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (const c of contacts) {
      const result = evaluate({ c, now: NOW });
      if (result === true) count++;
      else if (result !== false) throw new Error(`${name}: ${String(result?.message ?? result)}`);
    }
    const ns = Number(process.hrtime.bigint() - start);
    const used = process.cpuUsage(cpu);
    if (round > 0) { // round 0 warms V8's JIT
      times.push(ns / contacts.length);
      cpuTimes.push(((used.user + used.system) * 1000) / contacts.length);
    }
    members = count;
  }
  results[name] = { ns_per_contact: median(times), cpu_ns_per_contact: median(cpuTimes), members };
}
console.log(JSON.stringify({ peer: 'cel', package: '@bufbuild/cel 0.6.1', node: process.version, contacts: contacts.length, rounds, predicates: results }, null, 2));
