// How the extension finds the `kairos` program from the `kairos.path` setting
// (src/executable.ts, compiled to out/ by `npm run compile`).
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const require = createRequire(import.meta.url);
const { resolveExecutable, isExecutableFile, processLookupEnvironment } = require('../out/executable.js');

const root = mkdtempSync(path.join(os.tmpdir(), 'kairos-path-'));
after(() => rmSync(root, { recursive: true, force: true }));

function file(relative, mode) {
  const full = path.join(root, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, '#!/bin/sh\n');
  chmodSync(full, mode);
  return full;
}

const binA = path.join(root, 'a');
const binB = path.join(root, 'b');
const onlyInB = file('b/kairos', 0o755);
const notExecutable = file('a/kairos', 0o644);
const inProject = file('project/build/cli/kairos', 0o755);
const inHome = file('home/bin/kairos', 0o755);
mkdirSync(path.join(root, 'a', 'dir-named-kairos-tool'), { recursive: true });

const posix = (overrides = {}) => ({
  platform: 'linux',
  searchPath: [binA, binB].join(':'),
  pathExt: undefined,
  homeDir: path.join(root, 'home'),
  baseDirs: [path.join(root, 'project')],
  isExecutableFile,
  ...overrides,
});

describe('resolveExecutable', () => {
  it('finds `kairos` on PATH, passing over a file that is not executable', () => {
    assert.equal(resolveExecutable('kairos', posix()), onlyInB);
  });

  it('takes an empty or blank setting as `kairos`', () => {
    assert.equal(resolveExecutable('', posix()), onlyInB);
    assert.equal(resolveExecutable('   ', posix()), onlyInB);
    assert.equal(resolveExecutable(undefined, posix()), onlyInB);
  });

  it('reports nothing when PATH has no such program', () => {
    assert.equal(resolveExecutable('kairos', posix({ searchPath: binA })), undefined);
    assert.equal(resolveExecutable('kairos', posix({ searchPath: undefined })), undefined);
    assert.equal(resolveExecutable('dir-named-kairos-tool', posix()), undefined);
  });

  it('uses an absolute path as it is', () => {
    assert.equal(resolveExecutable(inProject, posix({ searchPath: '' })), inProject);
    assert.equal(resolveExecutable(notExecutable, posix()), undefined);
    assert.equal(resolveExecutable(path.join(root, 'missing', 'kairos'), posix()), undefined);
  });

  it('takes a relative path from the workspace folders, not from PATH', () => {
    assert.equal(resolveExecutable('build/cli/kairos', posix()), inProject);
    assert.equal(resolveExecutable('./build/cli/kairos', posix()), inProject);
    assert.equal(resolveExecutable('build/cli/kairos', posix({ baseDirs: [binA, path.join(root, 'project')] })), inProject);
    assert.equal(resolveExecutable('build/cli/kairos', posix({ baseDirs: [] })), undefined);
  });

  it('expands a leading ~ to the home folder', () => {
    assert.equal(resolveExecutable('~/bin/kairos', posix()), inHome);
  });

  it('on Windows, adds PATHEXT extensions and splits PATH at `;`', () => {
    const seen = [];
    const windows = {
      platform: 'win32',
      searchPath: 'C:\\tools;C:\\kairos\\bin',
      pathExt: '.COM;.EXE',
      homeDir: 'C:\\Users\\dana',
      baseDirs: ['C:\\shop'],
      isExecutableFile: (candidate) => {
        seen.push(candidate);
        return candidate === 'C:\\kairos\\bin\\kairos.exe';
      },
    };
    assert.equal(resolveExecutable('kairos', windows), 'C:\\kairos\\bin\\kairos.exe');
    assert.deepEqual(seen, [
      'C:\\tools\\kairos', 'C:\\tools\\kairos.com', 'C:\\tools\\kairos.exe',
      'C:\\kairos\\bin\\kairos', 'C:\\kairos\\bin\\kairos.com', 'C:\\kairos\\bin\\kairos.exe',
    ]);
    seen.length = 0;
    assert.equal(resolveExecutable('C:\\kairos\\bin\\kairos.exe', windows), 'C:\\kairos\\bin\\kairos.exe');
    assert.deepEqual(seen, ['C:\\kairos\\bin\\kairos.exe']);
    seen.length = 0;
    resolveExecutable('build\\kairos', windows);
    assert.deepEqual(seen, ['C:\\shop\\build\\kairos', 'C:\\shop\\build\\kairos.com', 'C:\\shop\\build\\kairos.exe']);
  });

  it('reads PATH and the home folder from this process', () => {
    const env = processLookupEnvironment(['/somewhere']);
    assert.equal(env.platform, process.platform);
    assert.equal(env.searchPath, process.env.PATH);
    assert.equal(env.homeDir, os.homedir());
    assert.deepEqual(env.baseDirs, ['/somewhere']);
  });
});
