// One Markdown table per goal from a bench/run_engine.sh results folder:
// engine.json (Google Benchmark), cel.json, postgres-N.json, duckdb-N.json.
//
//   node bench/peers/report.mjs RESULTS_DIR
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const read = (file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
// A peer's results, or null when it did not run or did not finish.
const peer = (file) => {
  try {
    return read(file);
  } catch {
    return null;
  }
};
const fmt = (x, digits = 1) => (x === undefined || x === null || Number.isNaN(x) ? '—' : Number(x).toFixed(digits));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(1)}×` : '—');
const mark = (ok) => (ok ? '✓' : '✗');

// Benchmarks by name without Google Benchmark's suffixes: the median of the
// repetitions when there are some, else the one run; failures keep their message.
// Several files (engine.json, then re-runs such as engine.rerun.json) merge in name order,
// a later run of a benchmark replacing an earlier one.
const engine = new Map();
const engineRuns = readdirSync(dir).filter((f) => /^engine.*\.json$/.test(f)).sort();
const replaced = new Set();
for (const b of engineRuns.flatMap((f) => read(f).benchmarks.map((x) => ({ ...x, file: f })))) {
  const key = `${b.file}:${b.run_name.split('/').slice(0, 3).join('/')}`;
  if (!replaced.has(key)) {
    engine.delete(b.run_name.split('/').slice(0, 3).join('/'));
    replaced.add(key);
  }
  const name = b.run_name.split('/').slice(0, 3).join('/');
  if (b.error_occurred) engine.set(name, { error: b.error_message });
  else if (b.aggregate_name === 'median' || (b.run_type === 'iteration' && !engine.has(name))) engine.set(name, b);
}
const unit = (b) => ({ ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1 })[b.time_unit];
const seconds = (b) => b.real_time * unit(b);
const cpuSeconds = (b) => b.cpu_time * unit(b);
// The benchmark thread's CPU time per contact: on a shared machine the wall
// clock also counts the time other processes held the core.
const cpuNs = (b) => (cpuSeconds(b) * 1e9) / b.contacts;
const cell = (b, f) => (b === undefined ? '—' : b.error ? `failed: ${b.error}` : f(b));

console.log(readFileSync(path.join(dir, 'meta.txt'), 'utf8').trim().split('\n').map((l) => `- ${l}`).join('\n'));

// P1
const cel = peer('cel.json');
console.log('\n## P1: ns per contact, wall clock (CPU time) (goal: native ≥ 10× the interpreter; interpreter faster than CEL)\n');
console.log('| predicate | interpreter | native | native speed-up | CEL | interpreter vs CEL | members (interp / native / CEL) |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, c] of Object.entries(cel?.predicates ?? {})) {
  const interp = engine.get(`P1/interp/${name}`);
  const jit = engine.get(`P1/jit/${name}`);
  const ran = (b) => b && !b.error;
  const both = (b) => `${fmt(b.ns_per_contact)} (${fmt(cpuNs(b))})`;
  const speedUp = ran(interp) && ran(jit)
    ? `${ratio(interp.ns_per_contact, jit.ns_per_contact)} (${ratio(cpuNs(interp), cpuNs(jit))}) ${mark(cpuNs(interp) / cpuNs(jit) >= 10)}` : '—';
  const vsCel = ran(interp)
    ? `${ratio(c.ns_per_contact, interp.ns_per_contact)} (${ratio(c.cpu_ns_per_contact, cpuNs(interp))}) ${mark(cpuNs(interp) < c.cpu_ns_per_contact)}` : '—';
  console.log(`| ${name} | ${cell(interp, both)} | ${cell(jit, both)} | ${speedUp} | ` +
    `${fmt(c.ns_per_contact, 0)} (${fmt(c.cpu_ns_per_contact, 0)}) | ${vsCel} | ` +
    `${interp?.members ?? '—'} / ${jit?.members ?? '—'} / ${c.members} |`);
}

// P2
console.log('\n## P2: recompute `winback` over every contact, wall clock (CPU time) (goal: ≥ 20× PostgreSQL, ≥ 1× DuckDB, ≥ 150M contacts/s/core)\n');
console.log('| contacts | engine interp | engine native | native contacts/s, 1 core | PostgreSQL, no workers | PostgreSQL, workers = cores | DuckDB, 1 thread | DuckDB, all threads | native vs PostgreSQL (1 core) | native vs DuckDB (1 thread) | members (engine / PostgreSQL / DuckDB) | engine bytes per contact |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
const sizes = [...new Set([...engine.keys()].filter((k) => k.startsWith('P2/')).map((k) => k.split('/')[2]))];
const ms = (wall, cpu) => `${fmt(wall, 0)} ms${cpu === undefined ? '' : ` (${fmt(cpu, 0)})`}`;
for (const n of sizes) {
  const interp = engine.get(`P2/interp/${n}`);
  const jit = engine.get(`P2/jit/${n}`);
  const pg = peer(`postgres-${n}.json`);
  const duck = peer(`duckdb-${n}.json`);
  const ok = (b) => b && !b.error;
  const ran = ok(jit) ? jit : ok(interp) ? interp : null;
  const pg1 = pg?.results.find((r) => r.workers === 0);
  const pgAll = pg?.results.find((r) => r.workers > 0);
  const duck1 = duck?.results.find((r) => r.threads === 1);
  const duckAll = duck?.results.find((r) => r.threads > 1);
  const engineMs = (b) => ms(seconds(b) * 1e3, cpuSeconds(b) * 1e3);
  // When the engine's population was cut to what fits, the ratios compare
  // time per contact (marked `per contact`): the peers ran the full size.
  const measured = ran ? ran.contacts : Number(n);
  const scale = measured / Number(n);
  const vs = (peerWall, peerCpu, goal) => {
    if (!ok(jit) || !peerWall) return '—';
    const wall = (peerWall * scale) / (seconds(jit) * 1e3);
    const cpu = (peerCpu * scale) / (cpuSeconds(jit) * 1e3);
    return `${wall.toFixed(1)}× (${cpu.toFixed(1)}×)${scale === 1 ? '' : ' per contact'} ${mark(cpu >= goal)}`;
  };
  const label = measured === Number(n) ? n : `${n} (engine: ${measured})`;
  console.log(`| ${label} | ${cell(interp, engineMs)} | ${cell(jit, engineMs)} | ` +
    `${ok(jit) ? `${fmt(jit.contacts_per_s / 1e6)}M (${fmt(1e3 / cpuNs(jit))}M) ${mark(1e3 / cpuNs(jit) >= 150)}` : '—'} | ` +
    `${pg1 ? ms(pg1.median_ms, pg1.backend_cpu_ms) : '—'} | ${pgAll ? ms(pgAll.median_ms) : '—'} | ` +
    `${duck1 ? ms(duck1.median_ms, duck1.cpu_ms) : '—'} | ${duckAll ? ms(duckAll.median_ms, duckAll.cpu_ms) : '—'} | ` +
    `${vs(pg1?.median_ms, pg1?.backend_cpu_ms, 20)} | ${vs(duck1?.median_ms, duck1?.cpu_ms, 1)} | ` +
    `${ran?.members ?? '—'} / ${pg1?.members ?? '—'} / ${duck1?.members ?? '—'} | ${ran ? fmt(ran.bytes_per_contact, 0) : '—'} |`);
  if (ran?.label) console.log(`\n  engine, ${n}: ${ran.label}`);
  if (pg) console.log(`\n  PostgreSQL ${pg.version}, ${n}: load ${fmt(pg.load_s)} s; JIT ${pg1?.jit.functions} functions, ${fmt(pg1?.jit.jit_ms)} ms of the plan`);
  if (duck) console.log(`\n  DuckDB ${duck.version}, ${n}: load ${fmt(duck.load_s)} s`);
}

// P6
console.log('\n## P6: native compile latency, wall clock (CPU time) (goal: ≤ 1 ms alone, ≤ 150 µs per predicate in a module of 100)\n');
console.log('| opt level | JIT set-up | per predicate, alone | per predicate, 100 in one module |');
console.log('|---|---|---|---|');
for (const level of ['O0', 'O2']) {
  const setup = engine.get(`P6/setup/${level}`);
  const alone = engine.get(`P6/alone/${level}`);
  const module = engine.get(`P6/module100/${level}`);
  // Per predicate: wall clock (CPU time).
  const per = (b, count, goal) => {
    const cpu = (cpuSeconds(b) * 1e6) / count;
    return `${fmt(b.us_per_predicate, 0)} µs (${fmt(cpu, 0)}) ${mark(cpu <= goal)}`;
  };
  console.log(`| ${level} | ${cell(setup, (b) => `${fmt(seconds(b) * 1e6, 0)} µs (${fmt(cpuSeconds(b) * 1e6, 0)})`)} | ` +
    `${cell(alone, (b) => per(b, 6, 1000))} | ${cell(module, (b) => per(b, 100, 150))} |`);
}

// P7
console.log('\n## P7: cumulative time of N evaluations, compile included: process CPU time (wall clock) (goal: auto ≤ 1.1× the better tier at every N)\n');
console.log('| N | interpreter | native (compile included) | auto | auto / better, CPU (wall) |');
console.log('|---|---|---|---|---|');
const ns = [...new Set([...engine.keys()].filter((k) => k.startsWith('P7/')).map((k) => Number(k.split('/')[2])))].sort((a, b) => a - b);
const time = (s) => (s < 1e-3 ? `${fmt(s * 1e6)} µs` : s < 1 ? `${fmt(s * 1e3)} ms` : `${fmt(s, 2)} s`);
for (const n of ns) {
  const [i, j, a] = ['interp', 'jit', 'auto'].map((t) => engine.get(`P7/${t}/${n}`));
  const ok = (b) => b && !b.error;
  const both = (b) => (b.cpu_s === undefined ? time(seconds(b)) : `${time(b.cpu_s)} (${time(seconds(b))})`);
  const better = (f) => Math.min(...[i, j].filter(ok).map(f));
  const cpuRatio = ok(a) && a.cpu_s !== undefined ? a.cpu_s / better((b) => b.cpu_s) : NaN;
  const wallRatio = ok(a) ? seconds(a) / better(seconds) : NaN;
  console.log(`| ${n.toExponential(0).replace('e+', 'e')} | ${cell(i, both)} | ${cell(j, both)} | ${cell(a, both)} | ` +
    `${fmt(cpuRatio, 2)} (${fmt(wallRatio, 2)}) ${Number.isNaN(cpuRatio) ? '' : mark(cpuRatio <= 1.1)} |`);
}
