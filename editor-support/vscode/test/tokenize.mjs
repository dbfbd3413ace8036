// Tokenizes Journey source with the extension's TextMate grammar, the way
// VS Code does: vscode-textmate on the Oniguruma regex engine (WebAssembly).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

export const extensionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const grammarPath = path.join(extensionDir, 'syntaxes', 'journey.tmLanguage.json');
export const kRootScope = 'source.journey';

let onigLibPromise;

export function loadOniguruma() {
  onigLibPromise ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    };
  })();
  return onigLibPromise;
}

let grammarPromise;

export function loadGrammar() {
  grammarPromise ??= (async () => {
    const registry = new textmate.Registry({
      onigLib: loadOniguruma(),
      loadGrammar: async (scopeName) => {
        if (scopeName !== kRootScope) {
          return null;
        }
        return textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath);
      },
    });
    return registry.loadGrammar(kRootScope);
  })();
  return grammarPromise;
}

/**
 * Every token of `text`: { line (0-based), startIndex, text, scopes }.
 * Line by line, carrying the rule stack across lines as an editor does.
 */
export async function tokenize(text) {
  const grammar = await loadGrammar();
  const tokens = [];
  let ruleStack = textmate.INITIAL;
  text.split(/\r?\n/).forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, ruleStack);
    for (const token of result.tokens) {
      tokens.push({
        line,
        startIndex: token.startIndex,
        text: lineText.slice(token.startIndex, token.endIndex),
        scopes: token.scopes,
      });
    }
    ruleStack = result.ruleStack;
  });
  return tokens;
}

export function tokenizeFile(file) {
  return tokenize(readFileSync(file, 'utf8'));
}

/** Renders tokens one a line as `text  scope scope ...`, for failure messages. */
export function dump(tokens) {
  return tokens.map((t) => `${t.line + 1}:${t.startIndex} ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`).join('\n');
}
