// P2's DuckDB peer: loads kairos_bench_rows' CSV into an in-memory database
// and times winback.sql, with 1 thread and with every core. Prints JSON: wall
// clock and the process's CPU time (the machine may be shared).
//
//   node bench/peers/duckdb_p2.mjs ROWS_DIR [runs]
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
if (!dir) {
  console.error('usage: node duckdb_p2.mjs ROWS_DIR [runs]');
  process.exit(2);
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const version = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v;

let start = process.hrtime.bigint();
await connection.run(readFileSync(path.join(here, 'tables.sql'), 'utf8'));
for (const table of ['contacts', 'orders', 'views']) {
  const file = path.join(dir, `${table}.csv`).replaceAll("'", "''");
  await connection.run(`COPY ${table} FROM '${file}' (FORMAT csv, HEADER true)`);
}
const loadSeconds = Number(process.hrtime.bigint() - start) / 1e9;
const contacts = Number((await connection.runAndReadAll('SELECT count(*) AS n FROM contacts')).getRowObjects()[0].n);

const query = readFileSync(path.join(here, 'winback.sql'), 'utf8');
const results = [];
for (const threads of [1, os.availableParallelism()]) {
  await connection.run(`SET threads = ${threads}`);
  let members = null;
  const times = [];
  const cpuTimes = [];
  for (let run = 0; run <= runs; run++) {
    const cpu = process.cpuUsage();
    start = process.hrtime.bigint();
    const reader = await connection.runAndReadAll(query);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    members = Number(reader.getRowObjects()[0].members);
    if (run > 0) { // run 0 warms caches
      times.push(ms);
      cpuTimes.push((used.user + used.system) / 1000);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  results.push({ threads, median_ms: median(times), min_ms: Math.min(...times), cpu_ms: median(cpuTimes), members });
}
console.log(JSON.stringify({ peer: 'duckdb', version, contacts, load_s: loadSeconds, runs, results }, null, 2));
