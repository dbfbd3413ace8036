// The snippets: each expands, with its default values, to Journey source that
// highlights cleanly and has balanced brackets; the cart ladder keeps its
// schedule. language_grammar.test.mjs parses the same expansions with the
// language's own grammar.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { extensionDir, tokenize } from './tokenize.mjs';
import { assertNoInvalid, hasScope, unscopedKeywords } from './scopes.mjs';
import { kKeywords } from './keywords.mjs';
import { expandSnippet } from './snippet_body.mjs';

export const snippetsPath = path.join(extensionDir, 'snippets', 'journey.json');
const snippets = JSON.parse(readFileSync(snippetsPath, 'utf8'));

const bodyOf = (name) => expandSnippet(snippets[name].body.join('\n'));

// Bracket tokens in the order they appear, outside strings and comments.
function bracketErrors(tokens) {
  const pairs = { '{': '}', '(': ')', '[': ']' };
  const open = [];
  const errors = [];
  for (const token of tokens) {
    if (!hasScope(token.scopes, 'punctuation.section') || hasScope(token.scopes, 'string') || hasScope(token.scopes, 'comment')) {
      continue;
    }
    if (pairs[token.text]) {
      open.push(token);
    } else if (open.length === 0 || pairs[open.pop().text] !== token.text) {
      errors.push(`unexpected ${token.text} on line ${token.line + 1}`);
    }
  }
  return errors.concat(open.map((token) => `unclosed ${token.text} on line ${token.line + 1}`));
}

describe('snippets', () => {
  it('include the cart ladder, welcome series, win-back, segment, coupon pool and popup', () => {
    for (const name of ['Cart abandonment ladder', 'Welcome series', 'Win-back', 'Segment', 'Coupon pool', 'Popup']) {
      assert.ok(snippets[name], `missing snippet ${name}`);
    }
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    it(`${name}: expands to cleanly highlighted source with balanced brackets`, async () => {
      assert.ok(snippet.prefix && snippet.description && Array.isArray(snippet.body));
      const text = bodyOf(name);
      const tokens = await tokenize(text);
      assertNoInvalid(tokens, name);
      assert.deepEqual(unscopedKeywords(tokens, kKeywords, name), []);
      assert.deepEqual(bracketErrors(tokens), []);
      const first = tokens.find((token) => token.text.trim() !== '');
      assert.ok(hasScope(first.scopes, 'storage.type'), `${name} starts with ${first.text}, not a declaration`);
    });
  }

  it('cart ladder: reminder at 4h, reminder at 12h, coupon at 24h, bigger coupon at 48h', () => {
    const lines = bodyOf('Cart abandonment ladder').split('\n').map((line) => line.trim());
    let hours = 0;
    const schedule = [];
    for (const line of lines) {
      const wait = /^wait (\d+)h$/.exec(line);
      if (wait) {
        hours += Number(wait[1]);
      } else if (/^send email /.test(line)) {
        schedule.push({ hours, coupon: schedule.pendingCoupon ?? false });
        schedule.pendingCoupon = false;
      } else if (/^let \w+ = issue coupon \w+$/.test(line)) {
        schedule.pendingCoupon = true;
      }
    }
    assert.deepEqual(
      schedule.map(({ hours: h, coupon }) => `${h}h${coupon ? ' with coupon' : ''}`),
      ['4h', '12h', '24h with coupon', '48h with coupon'],
    );
    const pools = [...bodyOf('Cart abandonment ladder').matchAll(/issue coupon (\w+)/g)].map((m) => m[1]);
    assert.equal(new Set(pools).size, 2, 'the 48h offer comes from its own, bigger pool');
  });

  it('win-back: the journey starts on the segment the snippet declares', () => {
    const text = bodyOf('Win-back');
    const segment = /^segment (\w+) =/m.exec(text)[1];
    assert.match(text, new RegExp(`trigger entered_segment ${segment}\\b`));
  });
});
