// Talks to `kairos lsp` as an editor does: a JSON-RPC connection over the
// child's stdio (vscode-languageserver-protocol), on the example shop.
// KAIROS names the executable (default: the release build of the repository).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..', '..');
const kairos = process.env.KAIROS ?? path.join(repo, 'build', 'release', 'cli', 'kairos');
const shop = path.join(repo, 'examples', 'shop');
const uriOf = (file) => pathToFileURL(path.join(shop, file)).href;
const textOf = (file) => readFileSync(path.join(shop, file), 'utf8');

const cartFile = 'journeys/cart_abandonment.journey';
const segmentsFile = 'segments.journey';
const campaignsFile = 'campaigns.journey';

let child;
let connection;
const diagnostics = new Map(); // uri -> latest diagnostics
const waiters = [];

// Resolves with the next diagnostics published for `uri` that satisfy `check`.
function nextDiagnostics(uri, check = () => true) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}`)), 20000);
    waiters.push({ uri, check, resolve: (d) => { clearTimeout(timer); resolve(d); } });
  });
}

// The position (0-based line, UTF-16 character) of the n-th `needle` in `text`,
// plus `shift` characters.
function positionOf(text, needle, shift = 0, nth = 0) {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    assert.notEqual(index, -1, `"${needle}" not found`);
  }
  index += shift;
  const lines = text.slice(0, index).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

function open(file, text = textOf(file)) {
  connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uriOf(file), languageId: 'journey', version: 1, text },
  });
}

let version = 1;
function change(file, text) {
  connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: uriOf(file), version: ++version },
    contentChanges: [{ text }],
  });
}

before(async () => {
  assert.ok(existsSync(kairos), `${kairos} does not exist: build the project first`);
  child = spawn(kairos, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    diagnostics.set(params.uri, params.diagnostics);
    for (let i = 0; i < waiters.length; i++) {
      const waiter = waiters[i];
      if (waiter.uri === params.uri && waiter.check(params.diagnostics)) {
        waiters.splice(i--, 1);
        waiter.resolve(params.diagnostics);
      }
    }
  });
  connection.listen();
  const result = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(shop).href,
    capabilities: {},
  });
  assert.equal(result.capabilities.hoverProvider, true);
  assert.equal(result.capabilities.definitionProvider, true);
  assert.ok(result.capabilities.completionProvider.triggerCharacters.includes('.'));
  assert.ok(result.capabilities.semanticTokensProvider.legend.tokenTypes.includes('event'));
  connection.sendNotification('initialized', {});
});

after(async () => {
  if (!connection) return;
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  const code = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(code, 0);
  connection.dispose();
});

test('opening a clean file publishes no errors', async () => {
  const published = nextDiagnostics(uriOf(cartFile));
  open(cartFile);
  assert.deepEqual(await published, []);
});

test('an edit that breaks the file is reported, and the fix clears it', async () => {
  const text = textOf(cartFile);
  const broken = text.replace('cart.checkout_url', 'cart.checkout_link');
  const reported = nextDiagnostics(uriOf(cartFile), (d) => d.length > 0);
  change(cartFile, broken);
  const errors = await reported;
  const unknown = errors.find((d) => d.code === 'UnknownField');
  assert.ok(unknown, JSON.stringify(errors));
  assert.match(unknown.message, /checkout_link/);
  assert.deepEqual(unknown.range.start, positionOf(broken, 'checkout_link'));

  const cleared = nextDiagnostics(uriOf(cartFile), (d) => d.length === 0);
  change(cartFile, text);
  assert.deepEqual(await cleared, []);
});

test('a syntax error still leaves a usable server', async () => {
  const text = textOf(cartFile);
  const broken = text.replace('wait 4h', 'wait 4h {{{ (');
  const reported = nextDiagnostics(uriOf(cartFile), (d) => d.some((x) => x.code === 'SyntaxError'));
  change(cartFile, broken);
  await reported;
  const hover = await connection.sendRequest('textDocument/hover', {
    textDocument: { uri: uriOf(cartFile) },
    position: positionOf(broken, 'cart_abandoned as'),
  });
  assert.ok(hover === null || typeof hover.contents.value === 'string');
  const cleared = nextDiagnostics(uriOf(cartFile), (d) => d.length === 0);
  change(cartFile, text);
  await cleared;
});

test('completion after `contact.` on a half-typed line lists the schema fields', async () => {
  const text = textOf(cartFile);
  const marker = '  wait 4h\n';
  const edited = text.replace(marker, `${marker}  if contact.\n`);
  change(cartFile, edited);
  const list = await connection.sendRequest('textDocument/completion', {
    textDocument: { uri: uriOf(cartFile) },
    position: positionOf(edited, 'if contact.', 'if contact.'.length),
  });
  const labels = list.items.map((item) => item.label);
  for (const field of ['first_name', 'consent', 'tags', 'birthday']) assert.ok(labels.includes(field), field);
  change(cartFile, text);
});

test('completion inside a template placeholder', async () => {
  const text = textOf(cartFile);
  const marker = '  wait 4h\n';
  const edited = text.replace(marker, `${marker}  send sms "Hi {{contact.`);
  change(cartFile, edited);
  const fields = await connection.sendRequest('textDocument/completion', {
    textDocument: { uri: uriOf(cartFile) },
    position: positionOf(edited, 'Hi {{contact.', 'Hi {{contact.'.length),
  });
  assert.ok(fields.items.some((item) => item.label === 'first_name'), JSON.stringify(fields.items.map((i) => i.label)));

  const alias = text.replace(marker, `${marker}  send sms "Back: {{cart.`);
  change(cartFile, alias);
  const cartFields = await connection.sendRequest('textDocument/completion', {
    textDocument: { uri: uriOf(cartFile) },
    position: positionOf(alias, 'Back: {{cart.', 'Back: {{cart.'.length),
  });
  const labels = cartFields.items.map((item) => item.label);
  assert.ok(labels.includes('checkout_url') && labels.includes('items'), labels.join(' '));
  change(cartFile, text);
});

test('completion of event names in a trigger and of enum values', async () => {
  const text = textOf(cartFile);
  const events = await connection.sendRequest('textDocument/completion', {
    textDocument: { uri: uriOf(cartFile) },
    position: positionOf(text, 'trigger ', 'trigger '.length),
  });
  const labels = events.items.map((item) => item.label);
  for (const event of ['cart_abandoned', 'order_placed', 'message_opened']) assert.ok(labels.includes(event), event);

  const marker = '  wait 4h\n';
  const edited = text.replace(marker, `${marker}  if contact.gender == \n`);
  change(cartFile, edited);
  const values = await connection.sendRequest('textDocument/completion', {
    textDocument: { uri: uriOf(cartFile) },
    position: positionOf(edited, 'contact.gender == ', 'contact.gender == '.length),
  });
  const valueLabels = values.items.map((item) => item.label);
  assert.ok(valueLabels.includes('female') && valueLabels.includes('male'), valueLabels.join(' '));
  change(cartFile, text);
});

test('hover shows types, definitions and built-in signatures', async () => {
  const campaigns = textOf(campaignsFile);
  open(campaignsFile, campaigns);
  const segment = await connection.sendRequest('textDocument/hover', {
    textDocument: { uri: uriOf(campaignsFile) },
    position: positionOf(campaigns, 'big_spenders'),
  });
  assert.match(segment.contents.value, /segment big_spenders = sum\(order_placed\.total within 30d\)/);

  const cart = textOf(cartFile);
  const event = await connection.sendRequest('textDocument/hover', {
    textDocument: { uri: uriOf(cartFile) },
    position: positionOf(cart, 'cart_abandoned'),
  });
  assert.match(event.contents.value, /event cart_abandoned/);
  assert.match(event.contents.value, /checkout_url: url/);

  const field = await connection.sendRequest('textDocument/hover', {
    textDocument: { uri: uriOf(cartFile) },
    position: positionOf(cart, 'cart.checkout_url', 5),
  });
  assert.match(field.contents.value, /checkout_url: url/);
});

test('go to definition and find references of a segment across files', async () => {
  const campaigns = textOf(campaignsFile);
  const position = positionOf(campaigns, 'big_spenders');
  const definition = await connection.sendRequest('textDocument/definition', {
    textDocument: { uri: uriOf(campaignsFile) },
    position,
  });
  assert.equal(definition.uri, uriOf(segmentsFile));
  assert.deepEqual(definition.range.start, positionOf(textOf(segmentsFile), 'big_spenders'));

  const references = await connection.sendRequest('textDocument/references', {
    textDocument: { uri: uriOf(campaignsFile) },
    position,
    context: { includeDeclaration: true },
  });
  const uris = new Set(references.map((r) => r.uri));
  assert.ok(uris.has(uriOf(segmentsFile)) && uris.has(uriOf(campaignsFile)), [...uris].join(' '));
  assert.ok(references.length >= 3);
});

test('rename a segment edits every file that names it', async () => {
  const campaigns = textOf(campaignsFile);
  const edit = await connection.sendRequest('textDocument/rename', {
    textDocument: { uri: uriOf(campaignsFile) },
    position: positionOf(campaigns, 'big_spenders'),
    newName: 'top_spenders',
  });
  assert.ok(edit.changes[uriOf(segmentsFile)].length >= 2);
  assert.ok(edit.changes[uriOf(campaignsFile)].length >= 1);
  for (const edits of Object.values(edit.changes)) {
    for (const e of edits) assert.equal(e.newText, 'top_spenders');
  }
  await assert.rejects(
    connection.sendRequest('textDocument/rename', {
      textDocument: { uri: uriOf(campaignsFile) },
      position: positionOf(campaigns, 'big_spenders'),
      newName: 'not a name',
    }),
    /not a name/,
  );
});

test('formatting returns the canonical layout', async () => {
  const messy = 'segment   messy=count( order_placed within 30d )>=2\n';
  const file = 'zz_messy.journey';
  open(file, messy);
  const edits = await connection.sendRequest('textDocument/formatting', {
    textDocument: { uri: uriOf(file) },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.equal(edits.length, 1);
  assert.equal(edits[0].newText, 'segment messy = count(order_placed within 30d) >= 2\n');
  connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(file) } });
});

test('document symbols and semantic tokens', async () => {
  const symbols = await connection.sendRequest('textDocument/documentSymbol', {
    textDocument: { uri: uriOf(cartFile) },
  });
  assert.ok(symbols.some((s) => s.name === 'cart_abandonment'));
  const tokens = await connection.sendRequest('textDocument/semanticTokens/full', {
    textDocument: { uri: uriOf(cartFile) },
  });
  assert.equal(tokens.data.length % 5, 0);
  assert.ok(tokens.data.length > 100);
});

test('malformed messages get JSON-RPC errors and the server keeps serving', async () => {
  const raw = spawn(kairos, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  raw.stdout.on('data', (chunk) => { output += chunk.toString('utf8'); });
  const frame = (body) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  raw.stdin.write(frame('{"jsonrpc":"2.0","id":1,"method":'));
  raw.stdin.write(frame('{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{}}'));
  raw.stdin.write(frame(`{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"rootUri":"${pathToFileURL(shop).href}"}}`));
  raw.stdin.write(frame('{"jsonrpc":"2.0","id":4,"method":"no/such/method"}'));
  raw.stdin.write(frame('{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{}}}'));
  raw.stdin.write(frame('{"jsonrpc":"2.0","id":6,"method":"shutdown"}'));
  raw.stdin.write(frame('{"jsonrpc":"2.0","method":"exit"}'));
  raw.stdin.end();
  const code = await new Promise((resolve) => raw.on('exit', resolve));
  assert.equal(code, 0);
  const messages = output.split(/Content-Length: \d+\r\n\r\n/).filter(Boolean).map((m) => JSON.parse(m));
  const byId = new Map(messages.filter((m) => 'id' in m).map((m) => [m.id, m]));
  assert.equal(byId.get(null).error.code, -32700);
  assert.equal(byId.get(2).error.code, -32002);
  assert.ok(byId.get(3).result.capabilities);
  assert.equal(byId.get(4).error.code, -32601);
  assert.equal(byId.get(5).error.code, -32602);
  assert.equal(byId.get(6).result, null);
});

test('files changed on disk are picked up when the editor reports them', async () => {
  const project = mkdtempSync(path.join(os.tmpdir(), 'kairos-lsp-'));
  cpSync(path.join(shop, 'schema.journey'), path.join(project, 'schema.journey'));
  const other = spawn(kairos, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = createMessageConnection(new StreamMessageReader(other.stdout), new StreamMessageWriter(other.stdin));
  const file = path.join(project, 'new.journey');
  const uri = pathToFileURL(file).href;
  const reported = new Promise((resolve) => {
    client.onNotification('textDocument/publishDiagnostics', (params) => {
      if (params.uri === uri && params.diagnostics.length > 0) resolve(params.diagnostics);
    });
  });
  client.listen();
  await client.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(project).href, capabilities: {} });
  writeFileSync(file, 'segment broken = count(order_placd) > 1\n');
  client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
  const found = await reported;
  assert.equal(found[0].code, 'UnknownEvent');
  await client.sendRequest('shutdown');
  client.sendNotification('exit');
  await new Promise((resolve) => other.on('exit', resolve));
  client.dispose();
  rmSync(project, { recursive: true, force: true });
});
