// Assertions over tokens from tokenize.mjs.
import assert from 'node:assert/strict';
import { dump, kRootScope } from './tokenize.mjs';

/** True when `scopes` holds `scope` itself or a scope under it (`keyword.control` matches `keyword.control.wait.journey`). */
export function hasScope(scopes, scope) {
  return scopes.some((s) => s === scope || s.startsWith(scope + '.'));
}

/**
 * The token whose text is exactly `text`. `line` (1-based) narrows the search
 * to one line; `nth` (0-based) picks a later occurrence.
 */
export function findToken(tokens, text, { line, nth = 0 } = {}) {
  const matches = tokens.filter((t) => t.text === text && (line === undefined || t.line === line - 1));
  assert.ok(matches.length > nth, `no token ${JSON.stringify(text)}${line ? ` on line ${line}` : ''} (#${nth}) in:\n${dump(tokens)}`);
  return matches[nth];
}

export function assertScope(tokens, text, scope, where = {}) {
  const token = findToken(tokens, text, where);
  assert.ok(
    hasScope(token.scopes, scope),
    `${JSON.stringify(text)} on line ${token.line + 1} has ${token.scopes.join(' ')}, expected ${scope}`,
  );
  return token;
}

export function assertNoScope(tokens, text, scope, where = {}) {
  const token = findToken(tokens, text, where);
  assert.ok(
    !hasScope(token.scopes, scope),
    `${JSON.stringify(text)} on line ${token.line + 1} has ${token.scopes.join(' ')}, expected no ${scope}`,
  );
  return token;
}

export function assertNoInvalid(tokens, name) {
  const bad = tokens.filter((t) => hasScope(t.scopes, 'invalid'));
  assert.deepEqual(bad.map((t) => `${name}:${t.line + 1}:${t.startIndex + 1} ${JSON.stringify(t.text)}`), []);
}

/** Keywords of `keywords` that sit in a token with no scope but the file's own. */
export function unscopedKeywords(tokens, keywords, name) {
  const found = [];
  for (const token of tokens) {
    if (token.scopes.length !== 1 || token.scopes[0] !== kRootScope) {
      continue;
    }
    for (const match of token.text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
      if (keywords.has(match[0])) {
        found.push(`${name}:${token.line + 1}:${token.startIndex + match.index + 1} ${match[0]}`);
      }
    }
  }
  return found;
}
