// The fixtures and the expanded snippets are Journey that `kairos check`
// accepts: parsed and type-checked against the specification's example schema.
// KAIROS names the executable (default: the release build of the repository).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { extensionDir } from './tokenize.mjs';
import { expandSnippet } from './snippet_body.mjs';

const kairos = process.env.KAIROS ?? path.join(extensionDir, '..', '..', 'build', 'release', 'cli', 'kairos');
const fixtures = path.join(extensionDir, 'test', 'fixtures');

function check(...paths) {
  return spawnSync(kairos, ['check', ...paths], { encoding: 'utf8' });
}

// Pools the snippets name by default that the fixtures do not declare.
const snippetPools = `
coupon welcome_first_order { discount 10% codes generated "W-{A9:6}" valid for 14d }
coupon winback_15 { discount 15% codes generated "WB-{A9:6}" valid for 14d }
`;

describe('checked by kairos', () => {
  let work;

  before(() => {
    assert.ok(existsSync(kairos), `${kairos} does not exist: build the project first`);
    work = mkdtempSync(path.join(os.tmpdir(), 'journey-check-'));
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('reports an error (so a clean check means something)', () => {
    const bad = path.join(work, 'bad.journey');
    writeFileSync(bad, 'journey broken {\n  wait\n}\n');
    const result = check(bad, path.join(fixtures, 'spec_schema.journey'));
    assert.equal(result.status, 1);
    rmSync(bad);
  });

  it('accepts the specification fixtures as one project', () => {
    const files = readdirSync(fixtures).filter((f) => f.startsWith('spec_')).map((f) => path.join(fixtures, f));
    const result = check(...files);
    assert.equal(result.status, 0, result.stderr);
  });

  it('accepts every snippet as it expands with its defaults', () => {
    const snippets = JSON.parse(readFileSync(path.join(extensionDir, 'snippets', 'journey.json'), 'utf8'));
    for (const [name, snippet] of Object.entries(snippets)) {
      const dir = mkdtempSync(path.join(work, 'snippet-'));
      copyFileSync(path.join(fixtures, 'spec_schema.journey'), path.join(dir, 'schema.journey'));
      copyFileSync(path.join(fixtures, 'spec_pools.journey'), path.join(dir, 'pools.journey'));
      writeFileSync(path.join(dir, 'more_pools.journey'), snippetPools);
      writeFileSync(path.join(dir, 'snippet.journey'), expandSnippet(snippet.body.join('\n')));
      const result = check(dir);
      assert.equal(result.status, 0, `snippet "${name}":\n${result.stderr}`);
    }
  });
});
