// The highlighter against the rest of the repository: the keywords of
// grammar/Journey.g4, and every .journey file of examples/ and stdlib/. Each
// test is skipped when the folder is used outside the repository.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { tokenize, tokenizeFile, kRootScope } from './tokenize.mjs';
import { assertNoInvalid, unscopedKeywords } from './scopes.mjs';
import { kKeywords, languageGrammarPath, readLexerKeywords, repositoryPath, repositoryRoot } from './keywords.mjs';

const g4 = repositoryPath('grammar', 'Journey.g4');

function journeyFilesUnder(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...journeyFilesUnder(full));
    } else if (entry.name.endsWith('.journey')) {
      files.push(full);
    }
  }
  return files.sort();
}

describe('grammar/Journey.g4', () => {
  it('has the keywords the highlighter knows', { skip: g4 ? false : `no ${languageGrammarPath}` }, () => {
    const lexer = readLexerKeywords();
    assert.ok(lexer.size > 50, 'the keyword rules of Journey.g4 were not found');
    assert.deepEqual([...lexer].filter((word) => !kKeywords.has(word)), [], 'keywords of Journey.g4 missing from test/keywords.mjs');
    assert.deepEqual([...kKeywords].filter((word) => !lexer.has(word)), [], 'keywords of test/keywords.mjs no longer in Journey.g4');
  });

  it('every keyword is highlighted where it stands alone', async () => {
    const words = g4 ? readLexerKeywords() : kKeywords;
    const unscoped = [];
    for (const word of words) {
      const tokens = await tokenize(`  ${word}  `);
      const token = tokens.find((t) => t.text.trim() !== '');
      if (token.text.trim() !== word || token.scopes.length < 2 || token.scopes[0] !== kRootScope) {
        unscoped.push(`${word}: ${JSON.stringify(token.text)} ${token.scopes.join(' ')}`);
      }
    }
    assert.deepEqual(unscoped, []);
  });
});

for (const folder of ['examples', 'stdlib']) {
  const dir = repositoryPath(folder);
  const files = dir ? journeyFilesUnder(dir) : [];
  describe(`${folder}/`, () => {
    if (files.length === 0) {
      it('has .journey files to highlight', { skip: `no .journey files under ${path.join(repositoryRoot, folder)}` }, () => {});
      return;
    }
    for (const file of files) {
      const name = path.relative(repositoryRoot, file);
      it(`${name}: no invalid token and every keyword highlighted`, async () => {
        const tokens = await tokenizeFile(file);
        assertNoInvalid(tokens, name);
        assert.deepEqual(unscopedKeywords(tokens, kKeywords, name), []);
      });
    }
  });
}
