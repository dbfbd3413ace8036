// The keywords of the Journey language and where the rest of the repository is.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extensionDir } from './tokenize.mjs';

// The keyword tokens of grammar/Journey.g4's lexer. The highlighter must know
// each one; project_files.test.mjs fails when the two lists drift apart.
export const kKeywords = new Set([
  'and', 'or', 'not', 'in', 'where', 'within', 'since', 'between', 'true', 'false', 'null',
  'schema', 'extend', 'currency', 'timezone', 'contact', 'product', 'record', 'event', 'key', 'enum',
  'segment', 'builtin', 'journey', 'trigger', 'when', 'reentry', 'once', 'always', 'after', 'exit', 'goal',
  'entered_segment', 'left_segment', 'daily', 'at', 'every', 'as', 'wait', 'until', 'if', 'else', 'split',
  'send', 'template', 'let', 'issue', 'coupon', 'tag', 'untag', 'set', 'notify', 'score', 'emit', 'on',
  'timeout', 'campaign', 'audience', 'attribution', 'discount', 'codes', 'generated', 'from', 'limit',
  'valid', 'for', 'exhausted', 'skip', 'fallback', 'stop', 'popup', 'show', 'to', 'submit', 'scroll',
  'policy', 'quiet', 'hours', 'cap', 'per', 'sms',
]);

// The extension lives in editor-support/vscode of the Kairos repository; a
// copy of the folder on its own has none of these, and the tests that need
// them are skipped.
export const repositoryRoot = path.resolve(extensionDir, '..', '..');
export const languageGrammarPath = path.join(repositoryRoot, 'grammar', 'Journey.g4');

export function repositoryPath(...parts) {
  const full = path.join(repositoryRoot, ...parts);
  return existsSync(full) ? full : undefined;
}

/** The keywords that an ANTLR lexer grammar defines as `NAME : 'word' ;`. */
export function lexerKeywords(g4Text) {
  const words = new Set();
  for (const match of g4Text.matchAll(/^[A-Z][A-Z_]*\s*:\s*'([a-z_]+)'\s*;/gm)) {
    words.add(match[1]);
  }
  return words;
}

export function readLexerKeywords() {
  return lexerKeywords(readFileSync(languageGrammarPath, 'utf8'));
}
