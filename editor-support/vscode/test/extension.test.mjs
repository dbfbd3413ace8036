// The extension's activation logic (out/extension.js) against stand-ins for
// the VS Code API and the language client, which only exist inside VS Code:
// what it starts, when it restarts, and what it tells the user.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const root = mkdtempSync(path.join(os.tmpdir(), 'kairos-extension-'));
after(() => rmSync(root, { recursive: true, force: true }));
function program(name) {
  const full = path.join(root, name);
  writeFileSync(full, '#!/bin/sh\n');
  chmodSync(full, 0o755);
  return full;
}
const kairos = program('kairos');
const otherKairos = program('kairos-dev');

// What the fakes saw; reset before each test.
let seen;

const fakeVscode = {
  window: {
    createOutputChannel: (name) => ({ name, appendLine: (line) => seen.log.push(line), dispose() {} }),
    showErrorMessage: async (message, ...choices) => {
      seen.errors.push({ message, choices });
      return seen.errorChoice;
    },
  },
  workspace: {
    get workspaceFolders() {
      return [{ uri: { scheme: 'file', fsPath: root } }];
    },
    getConfiguration: (section) => ({ get: (key, fallback) => seen.settings[`${section}.${key}`] ?? fallback }),
    onDidChangeConfiguration: (listener) => {
      seen.configListeners.push(listener);
      return { dispose() {} };
    },
    createFileSystemWatcher: (glob) => {
      const watcher = { glob, disposed: false, dispose() { this.disposed = true; } };
      seen.watchers.push(watcher);
      return watcher;
    },
  },
  commands: {
    registerCommand: (id, handler) => {
      seen.commands.set(id, handler);
      return { dispose() {} };
    },
    executeCommand: async (...args) => {
      seen.executed.push(args);
    },
  },
};

class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, state: 'new' });
    seen.clients.push(this);
  }
  async start() {
    if (seen.startFailure) throw new Error(seen.startFailure);
    this.state = 'running';
  }
  async stop() {
    this.state = 'stopped';
  }
}

const originalLoad = Module._load;
Module._load = function load(request, ...rest) {
  if (request === 'vscode') return fakeVscode;
  if (request === 'vscode-languageclient/node') return { LanguageClient: FakeLanguageClient };
  return originalLoad.call(this, request, ...rest);
};
const extension = require('../out/extension.js');
Module._load = originalLoad;

// activate() starts the server without waiting; every step of it is a promise
// on fakes that settle at once, so a few turns of the event loop suffice.
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function activate() {
  const context = { subscriptions: [] };
  extension.activate(context);
  await settle();
  return context;
}

function changeSetting(key, value) {
  seen.settings[key] = value;
  for (const listener of seen.configListeners) {
    listener({ affectsConfiguration: (section) => key === section || key.startsWith(section + '.') });
  }
}

beforeEach(async () => {
  await extension.deactivate();
  seen = {
    settings: { 'kairos.path': kairos }, log: [], errors: [], errorChoice: undefined, configListeners: [],
    watchers: [], commands: new Map(), executed: [], clients: [], startFailure: undefined,
  };
});

describe('the extension', () => {
  it('starts `kairos lsp` over stdio from the configured path, for .journey documents', async () => {
    await activate();
    assert.equal(seen.clients.length, 1);
    const [client] = seen.clients;
    assert.equal(client.state, 'running');
    assert.equal(client.id, 'kairos', 'the id makes `kairos.trace.server` the trace setting');
    assert.deepEqual(client.serverOptions, { command: kairos, args: ['lsp'], options: { cwd: root } });
    assert.deepEqual(client.clientOptions.documentSelector, [
      { scheme: 'file', language: 'journey' },
      { scheme: 'untitled', language: 'journey' },
    ]);
    assert.equal(client.clientOptions.synchronize.fileEvents, seen.watchers[0]);
    assert.equal(seen.watchers[0].glob, '**/*.journey');
    assert.deepEqual(seen.errors, []);
  });

  it('restarts with the new executable when `kairos.path` changes, and only then', async () => {
    await activate();
    changeSetting('kairos.trace.server', 'verbose');
    await settle();
    assert.equal(seen.clients.length, 1);

    changeSetting('kairos.path', otherKairos);
    await settle();
    assert.equal(seen.clients.length, 2);
    assert.equal(seen.clients[0].state, 'stopped');
    assert.equal(seen.watchers[0].disposed, true);
    assert.equal(seen.clients[1].state, 'running');
    assert.equal(seen.clients[1].serverOptions.command, otherKairos);
  });

  it('says clearly when the executable is not found, and offers the setting', async () => {
    seen.settings['kairos.path'] = path.join(root, 'no-such-kairos');
    seen.errorChoice = 'Open Settings';
    await activate();
    assert.equal(seen.clients.length, 0);
    assert.equal(seen.errors.length, 1);
    assert.match(seen.errors[0].message, /cannot find the kairos executable ".*no-such-kairos"/);
    assert.match(seen.errors[0].message, /"kairos\.path"/);
    assert.deepEqual(seen.errors[0].choices, ['Open Settings']);
    assert.deepEqual(seen.executed, [['workbench.action.openSettings', 'kairos.path']]);
  });

  it('reports a server that does not start', async () => {
    seen.startFailure = 'spawn EACCES';
    await activate();
    assert.equal(seen.errors.length, 1);
    assert.match(seen.errors[0].message, /did not start: spawn EACCES/);
    assert.equal(seen.watchers[0].disposed, true);
  });

  it('has a restart command, declared in package.json', async () => {
    await activate();
    const declared = manifest.contributes.commands.map((command) => command.command);
    assert.deepEqual([...seen.commands.keys()], declared);
    await seen.commands.get('kairos.restartServer')();
    assert.deepEqual(seen.clients.map((client) => client.state), ['stopped', 'running']);
  });

  it('stops the server on deactivation', async () => {
    await activate();
    await extension.deactivate();
    assert.equal(seen.clients[0].state, 'stopped');
  });

  it('declares the settings it reads', () => {
    const settings = manifest.contributes.configuration.properties;
    assert.equal(settings['kairos.path'].default, 'kairos');
    assert.deepEqual(settings['kairos.trace.server'].enum, ['off', 'messages', 'verbose']);
  });
});
