// The fixtures and the expanded snippets are Journey as the compiler reads it:
// they parse without a syntax error with a parser generated from
// grammar/Journey.g4. Needs the repository, ANTLR (Debian's antlr4) and a JDK;
// skipped where one is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { extensionDir } from './tokenize.mjs';
import { repositoryPath } from './keywords.mjs';
import { expandSnippet } from './snippet_body.mjs';

const g4 = repositoryPath('grammar', 'Journey.g4');
// Where Debian's antlr4 package puts the tool and its runtime.
const antlrJars = (process.env.ANTLR4_CLASSPATH ?? '/usr/share/java/antlr4.jar:/usr/share/java/antlr4-runtime.jar')
  .split(':');

function onPath(program) {
  return spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
}

function missing() {
  if (!g4) return 'grammar/Journey.g4 is not next to this folder';
  for (const program of ['antlr4', 'javac', 'java']) {
    if (!onPath(program)) return `${program} is not installed`;
  }
  const absent = antlrJars.find((jar) => !existsSync(jar));
  return absent ? `${absent} does not exist (set ANTLR4_CLASSPATH)` : undefined;
}

function run(program, args, cwd) {
  const result = spawnSync(program, args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `${program} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

const skip = missing() ?? false;

describe('parsed with grammar/Journey.g4', { skip }, () => {
  let work;
  let classpath;

  before(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'journey-parse-'));
    copyFileSync(g4, path.join(work, 'Journey.g4'));
    copyFileSync(path.join(extensionDir, 'test', 'antlr', 'ParseJourney.java'), path.join(work, 'ParseJourney.java'));
    run('antlr4', ['-o', 'gen', 'Journey.g4'], work);
    const sources = readdirSync(path.join(work, 'gen')).filter((f) => f.endsWith('.java')).map((f) => path.join('gen', f));
    classpath = antlrJars.join(path.delimiter);
    mkdirSync(path.join(work, 'classes'));
    run('javac', ['-nowarn', '-cp', classpath, '-d', 'classes', ...sources, 'ParseJourney.java'], work);
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const parseErrors = (files) =>
    run('java', ['-cp', ['classes', classpath].join(path.delimiter), 'ParseJourney', ...files], work)
      .split('\n')
      .filter((line) => line.length > 0);

  it('reports a syntax error (so a clean parse means something)', () => {
    const bad = path.join(work, 'bad.journey');
    writeFileSync(bad, 'journey broken {\n  wait\n}\n');
    assert.equal(parseErrors([bad]).length > 0, true);
  });

  it('parses every fixture', () => {
    const dir = path.join(extensionDir, 'test', 'fixtures');
    const files = readdirSync(dir).filter((f) => f.endsWith('.journey')).map((f) => path.join(dir, f));
    assert.ok(files.length > 0);
    assert.deepEqual(parseErrors(files), []);
  });

  it('parses every snippet as it expands with its defaults', () => {
    const snippets = JSON.parse(readFileSync(path.join(extensionDir, 'snippets', 'journey.json'), 'utf8'));
    const files = Object.entries(snippets).map(([name, snippet]) => {
      const file = path.join(work, `${name.replace(/[^A-Za-z0-9]+/g, '_')}.journey`);
      writeFileSync(file, expandSnippet(snippet.body.join('\n')));
      return file;
    });
    assert.deepEqual(parseErrors(files), []);
  });
});
