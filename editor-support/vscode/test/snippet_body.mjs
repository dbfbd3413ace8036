// Expands a VS Code snippet body the way accepting it without edits does:
// every placeholder takes its default (a choice its first option), a bare `$N`
// repeats what placeholder N holds, and `$0` disappears.
export function expandSnippet(body) {
  const values = new Map();
  let pos = 0;

  // Reads text up to `stop` (a character that ends a placeholder's default) or the end.
  function readText(stop) {
    let out = '';
    while (pos < body.length) {
      const ch = body[pos];
      if (ch === '\\' && pos + 1 < body.length && '$}\\,|'.includes(body[pos + 1])) {
        out += body[pos + 1];
        pos += 2;
      } else if (stop !== undefined && ch === stop) {
        return out;
      } else if (ch === '$') {
        out += readDollar();
      } else {
        out += ch;
        pos += 1;
      }
    }
    if (stop !== undefined) {
      throw new Error(`unterminated placeholder in snippet body: ${body}`);
    }
    return out;
  }

  function readDollar() {
    const rest = body.slice(pos);
    let m = /^\$(\d+)/.exec(rest) ?? /^\$\{(\d+)\}/.exec(rest);
    if (m) {
      pos += m[0].length;
      return values.get(m[1]) ?? '';
    }
    m = /^\$\{(\d+)\|([^|]*)\|\}/.exec(rest);
    if (m) {
      pos += m[0].length;
      const first = m[2].split(',')[0];
      values.set(m[1], first);
      return first;
    }
    m = /^\$\{(\d+):/.exec(rest);
    if (m) {
      pos += m[0].length;
      const value = readText('}');
      pos += 1;
      values.set(m[1], value);
      return value;
    }
    throw new Error(`unsupported snippet syntax at: ${rest.slice(0, 20)}`);
  }

  return readText(undefined);
}
