// Time from `didChange` to `publishDiagnostics` in `kairos lsp`, on a
// generated 2,000-line file (the example shop's schema plus segments and
// journeys), through the same client library the editor uses.
//
//   node bench/lsp_latency.mjs [path/to/kairos] [debounce_ms ...]
//
// Needs editor-support/vscode/node_modules (npm ci there).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repo, 'editor-support', 'vscode', 'package.json'));
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } =
  require('vscode-languageserver-protocol/node');

const kairos = process.argv[2] ?? path.join(repo, 'build', 'release', 'cli', 'kairos');
const debounces = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [0, 15];
const rounds = 60;

function generate(lines) {
  let text = readFileSync(path.join(repo, 'tests', 'golden', 'common', 'shop_schema.journey'), 'utf8');
  for (let i = 0; text.split('\n').length < lines; i++) {
    text += `\nsegment s${i} = sum(order_placed.total within ${i % 90 + 1}d) > ${i} ILS and contact.city != "Haifa"\n`;
    text += `journey j${i} {\n  trigger cart_abandoned as cart\n  when contact.consent.email\n  exit when order_placed since cart.at\n  wait 4h\n  send email "reminder" { items: cart.items }\n  if s${i} { send sms "Hi {{contact.first_name ?? 'friend'}}" }\n}\n`;
  }
  return text;
}

async function measure(debounceMs) {
  const child = spawn(kairos, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let waiting = null;
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    if (process.env.TRACE) console.log('publish', params.uri, params.diagnostics.length);
    if (waiting && params.uri === waiting.uri) {
      const w = waiting;
      waiting = null;
      w.resolve(params.diagnostics);
    }
  });
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {},
    initializationOptions: { debounceMs } });
  connection.sendNotification('initialized', {});
  const uri = pathToFileURL('/tmp/kairos-bench/large.journey').href;
  const good = generate(2000);
  const bad = good.replace('contact.city != "Haifa"', 'contact.cty != "Haifa"');
  const next = () => new Promise((resolve) => { waiting = { uri, resolve }; });
  let published = next();
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'journey', version: 1, text: good } });
  await published;
  const times = [];
  for (let i = 0; i < rounds; i++) {
    published = next();
    const start = process.hrtime.bigint();
    connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: i + 2 }, contentChanges: [{ text: i % 2 ? good : bad }] });
    const diagnostics = await published;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if ((i % 2 === 0) !== (diagnostics.length > 0)) throw new Error(`round ${i}: ${JSON.stringify(diagnostics).slice(0, 300)}`);
  }
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  connection.dispose();
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { lines: good.split('\n').length, median: at(0.5), p95: at(0.95), max: times[times.length - 1] };
}

for (const debounce of debounces) {
  const r = await measure(debounce);
  console.log(`debounce ${debounce} ms, ${r.lines} lines, ${rounds} edits: didChange -> publishDiagnostics ` +
    `median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`);
}
