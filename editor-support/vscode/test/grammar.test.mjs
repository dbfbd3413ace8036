// Highlighting of the Journey language: the TextMate grammar run through
// vscode-textmate and Oniguruma, checked token by token on the examples of
// LANGUAGE.md (test/fixtures/spec_*.journey) and on the literal forms they do
// not show (test/fixtures/literals.journey).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it, before } from 'node:test';

import { extensionDir, grammarPath, loadOniguruma, tokenize, tokenizeFile } from './tokenize.mjs';
import { assertNoInvalid, assertNoScope, assertScope, findToken, hasScope, unscopedKeywords } from './scopes.mjs';
import { kKeywords } from './keywords.mjs';

const require = createRequire(import.meta.url);
const fixturesDir = path.join(extensionDir, 'test', 'fixtures');
const fixture = (name) => tokenizeFile(path.join(fixturesDir, name));

describe('the grammar file', () => {
  const grammar = JSON.parse(readFileSync(grammarPath, 'utf8'));

  it('is the source.journey grammar that package.json contributes', () => {
    const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
    assert.equal(grammar.scopeName, 'source.journey');
    assert.deepEqual(manifest.contributes.grammars, [
      { language: 'journey', scopeName: 'source.journey', path: './syntaxes/journey.tmLanguage.json' },
    ]);
    assert.deepEqual(manifest.contributes.languages[0].extensions, ['.journey']);
  });

  it('has only regular expressions that Oniguruma compiles, also in rules no fixture reaches', async () => {
    await loadOniguruma();
    const { OnigScanner } = require('vscode-oniguruma');
    const failures = [];
    const visit = (node, where) => {
      if (Array.isArray(node)) {
        node.forEach((child, i) => visit(child, `${where}[${i}]`));
      } else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') {
            try {
              new OnigScanner([value]).dispose();
            } catch (error) {
              failures.push(`${where}.${key}: ${error.message}`);
            }
          } else {
            visit(value, `${where}.${key}`);
          }
        }
      }
    };
    visit(grammar, 'grammar');
    assert.deepEqual(failures, []);
  });

  it('includes only rules that exist and leaves none unused', () => {
    const defined = new Set(Object.keys(grammar.repository));
    const used = new Set();
    const visit = (node) => {
      if (Array.isArray(node)) {
        node.forEach(visit);
      } else if (node && typeof node === 'object') {
        if (typeof node.include === 'string') {
          used.add(node.include.replace(/^#/, ''));
        }
        Object.values(node).forEach(visit);
      }
    };
    visit(grammar);
    assert.deepEqual([...used].filter((name) => !defined.has(name)), [], 'included but not defined');
    assert.deepEqual([...defined].filter((name) => !used.has(name)), [], 'defined but never included');
  });
});

describe('every fixture', () => {
  for (const name of readdirSync(fixturesDir).filter((f) => f.endsWith('.journey'))) {
    it(`${name}: no invalid token and every keyword highlighted`, async () => {
      const tokens = await fixture(name);
      assertNoInvalid(tokens, name);
      assert.deepEqual(unscopedKeywords(tokens, kKeywords, name), []);
    });
  }
});

describe('schema (LANGUAGE.md §1)', () => {
  let t;
  before(async () => {
    t = await fixture('spec_schema.journey');
  });

  it('declares the schema, its contact, product, records and events', () => {
    assertScope(t, 'schema', 'storage.type.schema.journey');
    assertScope(t, 'shop', 'entity.name.namespace.journey');
    assertScope(t, 'contact', 'storage.type.contact.journey', { line: 7 });
    assertScope(t, 'product', 'storage.type.product.journey', { line: 21 });
    assertScope(t, 'record', 'storage.type.record.journey');
    assertScope(t, 'line_item', 'entity.name.type.record.journey', { line: 30 });
    assertScope(t, 'event', 'storage.type.event.journey', { line: 32 });
    assertScope(t, 'order_placed', 'entity.name.type.event.journey', { line: 32 });
  });

  it('tells currency and timezone settings', () => {
    assertScope(t, 'currency', 'keyword.other.currency.journey');
    assertScope(t, 'ILS', 'support.constant.currency.journey');
    assertScope(t, 'timezone', 'keyword.other.timezone.journey');
    assertScope(t, 'Asia/Jerusalem', 'string.quoted.double.journey');
  });

  it('tells a field name from a type of the same spelling', () => {
    assertScope(t, 'email', 'variable.other.property.journey', { line: 9, nth: 0 });
    assertScope(t, 'email', 'support.type.primitive.journey', { line: 9, nth: 1 });
    assertScope(t, '?', 'keyword.operator.optional.journey', { line: 9 });
    assertScope(t, 'key', 'storage.modifier.key.journey', { line: 8 });
  });

  it('highlights enums, generics, inline records and defaults', () => {
    assertScope(t, 'enum', 'storage.type.enum.journey', { line: 12 });
    assertScope(t, 'female', 'variable.other.enummember.journey', { line: 12 });
    assertScope(t, 'set', 'support.type.journey', { line: 17 });
    assertScope(t, 'string', 'support.type.primitive.journey', { line: 17 });
    assertScope(t, 'list', 'support.type.journey', { line: 32 });
    assertScope(t, 'line_item', 'entity.name.type.journey', { line: 32 });
    assertScope(t, 'sms', 'variable.other.property.journey', { line: 18 });
    assertScope(t, 'bool', 'support.type.primitive.journey', { line: 18 });
    assertScope(t, 'false', 'constant.language.boolean.false.journey', { line: 16 });
    assertScope(t, 'online', 'variable.other.enummember.journey', { line: 34 });
  });

  it('keeps comments inside the schema comments', () => {
    assertScope(t, ' default currency of money literals', 'comment.line.double-slash.journey');
    assertScope(t, '//', 'punctuation.definition.comment.journey', { line: 4 });
  });

  it('ends the schema at its closing brace', async () => {
    const tokens = await tokenize('extend schema {\n  event review_submitted { order_id: string, stars: int }\n}\nsegment fans = exists(review_submitted)');
    assertScope(tokens, 'extend', 'storage.modifier.extend.journey');
    assertScope(tokens, 'schema', 'storage.type.schema.journey');
    assertScope(tokens, 'review_submitted', 'entity.name.type.event.journey', { line: 2 });
    assertScope(tokens, 'int', 'support.type.primitive.journey');
    assertNoScope(tokens, 'segment', 'meta.schema.journey');
    assertScope(tokens, 'segment', 'storage.type.segment.journey');
  });

  it('ends an unfinished schema header at the next declaration', async () => {
    const tokens = await tokenize('schema\nsegment fans = exists(signed_up)');
    assertNoScope(tokens, 'segment', 'meta.schema.journey');
    assertScope(tokens, 'exists', 'support.function.journey');
  });
});

describe('segments (LANGUAGE.md §2)', () => {
  let t;
  before(async () => {
    t = await fixture('spec_segments.journey');
  });

  it('declares segments, with and without parameters', () => {
    assertScope(t, 'segment', 'storage.type.segment.journey', { line: 3 });
    assertScope(t, 'big_spenders', 'entity.name.function.segment.journey', { line: 3 });
    assertScope(t, 'category_browsers', 'entity.name.function.segment.journey');
    assertScope(t, 'cat', 'variable.parameter.journey', { line: 28 });
    assertScope(t, 'string', 'support.type.primitive.journey', { line: 28 });
  });

  it('highlights history functions, windows, durations and money', () => {
    assertScope(t, 'sum', 'support.function.journey', { line: 3 });
    assertScope(t, 'within', 'keyword.other.within.journey', { line: 3 });
    assertScope(t, '30d', 'constant.numeric.duration.journey', { line: 3 });
    assertScope(t, '1000 ILS', 'constant.numeric.money.journey');
    assertScope(t, '2000 ILS', 'constant.numeric.money.journey');
    assertScope(t, 'where', 'keyword.other.where.journey', { line: 9 });
    assertScope(t, '10m', 'constant.numeric.duration.journey');
  });

  it('highlights the word operators and the optional operators', () => {
    assertScope(t, 'and', 'keyword.operator.logical.journey', { line: 6 });
    assertScope(t, 'not', 'keyword.operator.logical.journey', { line: 6 });
    assertScope(t, 'or', 'keyword.operator.logical.journey', { line: 27 });
    assertScope(t, 'in', 'keyword.operator.expression.in.journey', { line: 6 });
    assertScope(t, '?.', 'keyword.operator.null-conditional.journey', { line: 14 });
    assertScope(t, '>=', 'keyword.operator.comparison.journey', { line: 5 });
    assertScope(t, '-', 'keyword.operator.arithmetic.journey', { line: 14 });
  });

  it('treats a keyword after `.` or `?.` as a field', () => {
    assertScope(t, 'at', 'variable.other.property.journey', { line: 14 });
    assertNoScope(t, 'at', 'keyword', { line: 14 });
  });

  it('highlights contact, now, channels and string literals', () => {
    assertScope(t, 'contact', 'variable.language.contact.journey', { line: 6 });
    assertScope(t, 'now', 'variable.language.now.journey');
    assertScope(t, 'email', 'support.constant.channel.journey', { line: 16 });
    assertScope(t, 'Tel Aviv', 'string.quoted.double.journey');
  });
});

describe('journeys (LANGUAGE.md §3)', () => {
  let t;
  before(async () => {
    t = await fixture('spec_journeys.journey');
  });

  it('declares journeys', () => {
    assertScope(t, 'journey', 'storage.type.journey.journey', { line: 3 });
    assertScope(t, 'abandoned_cart', 'entity.name.type.journey.journey');
  });

  it('highlights the clauses', () => {
    assertScope(t, 'trigger', 'keyword.control.trigger.journey', { line: 4 });
    assertScope(t, 'cart_abandoned', 'entity.name.type.event.journey', { line: 4 });
    assertScope(t, 'as', 'keyword.other.as.journey', { line: 4 });
    assertScope(t, 'cart', 'variable.other.readwrite.journey', { line: 4 });
    assertScope(t, 'when', 'keyword.control.when.journey', { line: 5 });
    assertScope(t, 'reentry', 'keyword.control.reentry.journey');
    assertScope(t, 'after', 'keyword.other.after.journey', { line: 6 });
    assertScope(t, 'exit', 'keyword.control.exit.journey', { line: 7 });
    assertScope(t, 'since', 'keyword.other.since.journey', { line: 7 });
    assertScope(t, 'goal', 'keyword.control.goal.journey');
    assertScope(t, 'daily', 'keyword.other.daily.journey');
    assertScope(t, 'at', 'keyword.other.at.journey', { line: 56 });
    assertScope(t, '09:00', 'constant.numeric.time.journey', { line: 56 });
    assertScope(t, 'entered_segment', 'keyword.other.entered_segment.journey');
    assertScope(t, 'dormant_engaged_women', 'entity.name.function.segment.journey');
  });

  it('highlights the steps', () => {
    assertScope(t, 'wait', 'keyword.control.wait.journey', { line: 10 });
    assertScope(t, '4h', 'constant.numeric.duration.journey');
    assertScope(t, 'send', 'keyword.control.send.journey', { line: 11 });
    assertScope(t, 'email', 'support.constant.channel.journey', { line: 11 });
    assertScope(t, 'cart-reminder-1', 'string.quoted.double.journey');
    assertScope(t, 'until', 'keyword.control.until.journey');
    assertScope(t, 'on', 'keyword.control.on.journey', { line: 14 });
    assertScope(t, 'timeout', 'keyword.control.timeout.journey');
    assertScope(t, 'message_opened', 'entity.name.type.event.journey', { line: 17 });
    assertScope(t, 'if', 'keyword.control.if.journey', { line: 22 });
    assertScope(t, 'else', 'keyword.control.else.journey', { line: 25 });
    assertScope(t, 'let', 'keyword.control.let.journey', { line: 23 });
    assertScope(t, 'issue', 'keyword.control.issue.journey', { line: 23 });
    assertScope(t, 'coupon', 'keyword.other.coupon.journey', { line: 23 });
    assertScope(t, 'cart_10', 'entity.name.type.coupon.journey');
    assertScope(t, 'template', 'keyword.other.template.journey', { line: 24 });
    assertScope(t, 'tag', 'keyword.control.tag.journey');
    assertScope(t, 'entered', 'variable.language.entered.journey');
    assertScope(t, 'today', 'variable.language.today.journey');
  });

  it('highlights {{ }} placeholders inside message strings', () => {
    const open = assertScope(t, '{{', 'punctuation.definition.template-expression.begin.journey', { line: 15 });
    assert.ok(hasScope(open.scopes, 'string.quoted.double.journey'));
    assertScope(t, '}}', 'punctuation.definition.template-expression.end.journey', { line: 15 });
    const contact = assertScope(t, 'contact', 'variable.language.contact.journey', { line: 15 });
    assert.ok(hasScope(contact.scopes, 'meta.template.expression.journey'));
    assert.ok(hasScope(contact.scopes, 'meta.embedded.line.journey'));
    assertScope(t, 'first_name', 'variable.other.property.journey', { line: 15 });
    assertScope(t, '??', 'keyword.operator.null-coalescing.journey', { line: 15 });
    assertScope(t, 'friend', 'string.quoted.single.journey', { line: 15 });
    assertScope(t, 'checkout_url', 'meta.template.expression.journey', { line: 15 });
    assertNoScope(t, 'Still thinking, ', 'meta.template.expression.journey');
    assertScope(t, '? ', 'string.quoted.double.journey', { line: 15 });
  });

  it('highlights `(issue coupon P).code` inside a placeholder', () => {
    const issue = assertScope(t, 'issue', 'keyword.control.issue.journey', { line: 57 });
    assert.ok(hasScope(issue.scopes, 'meta.template.expression.journey'));
    assertScope(t, 'birthday', 'entity.name.type.coupon.journey', { line: 57 });
  });

  it('leaves keywords in comments alone', () => {
    const comment = assertScope(t, ' once | always | after D (default: once)', 'comment.line.double-slash.journey');
    assert.equal(comment.scopes.length, 2);
  });
});

describe('campaigns, coupons, popups and policies (LANGUAGE.md §4)', () => {
  let t;
  before(async () => {
    t = await fixture('spec_campaign_coupon_popup_policy.journey');
  });

  it('highlights a campaign', () => {
    assertScope(t, 'campaign', 'storage.type.campaign.journey');
    assertScope(t, 'black_friday', 'entity.name.type.campaign.journey');
    assertScope(t, 'audience', 'keyword.control.audience.journey');
    assertScope(t, 'at', 'keyword.other.at.journey', { line: 5 });
    assertScope(t, '2026-11-27', 'constant.numeric.date.journey');
    assertScope(t, '09:00', 'constant.numeric.time.journey', { line: 5 });
    assertScope(t, 'bf_20', 'entity.name.type.coupon.journey');
    assertScope(t, 'attribution', 'keyword.control.attribution.journey');
    assertScope(t, '5d', 'constant.numeric.duration.journey');
  });

  it('highlights a coupon pool and its code pattern', () => {
    assertScope(t, 'coupon', 'storage.type.coupon.journey', { line: 10 });
    assertScope(t, 'welcome_first_order', 'entity.name.type.coupon.journey');
    assertScope(t, 'discount', 'keyword.other.discount.journey');
    assertScope(t, '10%', 'constant.numeric.percent.journey');
    assertScope(t, 'codes', 'keyword.other.codes.journey', { line: 12 });
    assertScope(t, 'generated', 'keyword.other.generated.journey');
    const pattern = assertScope(t, '{A9:6}', 'constant.other.placeholder.code-pattern.journey');
    assert.ok(hasScope(pattern.scopes, 'string.quoted.double.journey'));
    assertScope(t, 'WELCOME-', 'string.quoted.double.journey');
    assertScope(t, 'limit', 'keyword.other.limit.journey');
    assertScope(t, 'issue', 'keyword.control.issue.journey', { line: 14 });
    assertScope(t, 'between', 'keyword.other.between.journey');
    assertScope(t, 'and', 'keyword.operator.logical.journey', { line: 14 });
    assertScope(t, 'valid', 'keyword.other.valid.journey');
    assertScope(t, 'for', 'keyword.other.for.journey');
    assertScope(t, 'exhausted', 'keyword.other.exhausted.journey');
    assertScope(t, 'skip', 'keyword.other.skip.journey', { line: 16 });
  });

  it('highlights a popup', () => {
    assertScope(t, 'popup', 'storage.type.popup.journey', { line: 19 });
    assertScope(t, 'show', 'keyword.other.show.journey');
    assertScope(t, 'anonymous', 'variable.language.anonymous.journey');
    assertScope(t, 'to', 'keyword.other.to.journey', { line: 20 });
    assertScope(t, 'trigger', 'keyword.control.trigger.journey', { line: 21 });
    assertScope(t, 'after', 'keyword.other.after.journey', { line: 21 });
    assertScope(t, '10s', 'constant.numeric.duration.journey');
    assertScope(t, 'scroll', 'keyword.other.scroll.journey');
    assertScope(t, '50%', 'constant.numeric.percent.journey');
    assertScope(t, 'mobile', 'support.constant.device.journey');
    assertScope(t, 'title', 'variable.other.property.journey', { line: 22 });
    assertScope(t, 'submit', 'keyword.control.submit.journey');
    assertScope(t, 'emit', 'keyword.control.emit.journey');
    assertScope(t, 'newsletter_subscribed', 'entity.name.type.event.journey', { line: 24 });
  });

  it('highlights a policy', () => {
    assertScope(t, 'policy', 'storage.type.policy.journey');
    assertScope(t, 'quiet', 'keyword.other.quiet.journey');
    assertScope(t, 'hours', 'keyword.other.hours.journey');
    assertScope(t, '21:00', 'constant.numeric.time.journey');
    assertScope(t, 'cap', 'keyword.other.cap.journey', { line: 29 });
    assertScope(t, 'sms', 'support.constant.channel.journey', { line: 29 });
    assertScope(t, 'per', 'keyword.other.per.journey', { line: 29 });
    assertScope(t, '7d', 'constant.numeric.duration.journey', { line: 29 });
  });
});

describe('literals and comments', () => {
  let t;
  before(async () => {
    t = await fixture('literals.journey');
  });

  it('highlights documentation, line and block comments', () => {
    assertScope(t, '///', 'comment.line.triple-slash.documentation.journey');
    assertScope(t, ' Products to suggest next to a cart, at most `n`.', 'comment.line.triple-slash.documentation.journey');
    assertScope(t, '/*', 'comment.block.journey');
    assertScope(t, '   over two lines. ', 'comment.block.journey');
    assertScope(t, '*/', 'punctuation.definition.comment.end.journey');
  });

  it('highlights a builtin declaration', () => {
    assertScope(t, 'builtin', 'storage.type.builtin.journey');
    assertScope(t, 'cart_suggestions', 'entity.name.function.builtin.journey');
    assertScope(t, 'sku', 'variable.parameter.journey', { line: 5 });
    assertScope(t, 'list', 'support.type.journey', { line: 5 });
    assertScope(t, 'product', 'entity.name.type.journey', { line: 5 });
  });

  it('highlights durations, including summed ones, as one literal', () => {
    assertScope(t, '1d 12h', 'constant.numeric.duration.journey');
    assertScope(t, '1d12h', 'constant.numeric.duration.journey');
    assertScope(t, '2w', 'constant.numeric.duration.journey');
  });

  it('highlights money in every spelling', () => {
    assertScope(t, '₪50', 'constant.numeric.money.journey');
    assertScope(t, '19.90 EUR', 'constant.numeric.money.journey');
    assertScope(t, '1_000 ILS', 'constant.numeric.money.journey');
  });

  it('highlights percent, dates, times, timestamps and numbers', () => {
    assertScope(t, '12.5%', 'constant.numeric.percent.journey');
    assertScope(t, '2026-03-01', 'constant.numeric.date.journey');
    assertScope(t, '09:00', 'constant.numeric.time.journey', { line: 10 });
    assertScope(t, '2026-11-27T09:00:00Z', 'constant.numeric.timestamp.journey');
    assertScope(t, '2026-01-01T12:30:00+02:00', 'constant.numeric.timestamp.journey');
    assertScope(t, '10', 'constant.numeric.integer.journey', { line: 27 });
    assertScope(t, '+', 'keyword.operator.arithmetic.journey', { line: 27 });
    assertScope(t, 'null', 'constant.language.null.journey');
    assertScope(t, 'true', 'constant.language.boolean.true.journey');
  });

  it('highlights escapes and keeps Hebrew and emoji inside the string', () => {
    assertScope(t, '\\"', 'constant.character.escape.journey', { line: 20 });
    assertScope(t, '\\n', 'constant.character.escape.journey', { line: 20 });
    assertScope(t, '\\u{05D0}', 'constant.character.escape.journey');
    assertScope(t, ' שלום 🎉', 'string.quoted.double.journey');
  });

  it('highlights triple-quoted strings over lines, with placeholders', () => {
    assertScope(t, 'Hello ', 'string.quoted.triple.journey');
    assertScope(t, 'there', 'string.quoted.single.journey');
    assertScope(t, 'spring is here.', 'string.quoted.triple.journey');
    assertNoScope(t, 'else', 'string', { line: 24 });
  });

  it('highlights the remaining steps and coupon items', () => {
    for (const word of ['split', 'score', 'set', 'untag', 'notify', 'emit']) {
      assertScope(t, word, `keyword.control.${word}.journey`);
    }
    assertScope(t, 'exit', 'keyword.control.exit.journey', { line: 33 });
    assertScope(t, 'every', 'keyword.other.every.journey');
    assertScope(t, 'push', 'support.constant.channel.journey');
    assertScope(t, 'webhook', 'support.constant.channel.journey');
    assertScope(t, 'from', 'keyword.other.from.journey');
    assertScope(t, 'fallback', 'keyword.other.fallback.journey');
    assertScope(t, 'welcome_first_order', 'entity.name.type.coupon.journey', { line: 48 });
    assertScope(t, 'sms', 'support.constant.channel.journey', { line: 52 });
    assertScope(t, 'limit', 'keyword.other.limit.journey', { line: 52 });
  });
});

describe('text being edited', () => {
  it('ends an unterminated string at the end of its line', async () => {
    const tokens = await tokenize('send sms "oops\nwait 4h');
    assertScope(tokens, 'wait', 'keyword.control.wait.journey');
    assertNoScope(tokens, 'wait', 'string');
  });

  it('ends an unclosed placeholder at the closing quote', async () => {
    const tokens = await tokenize('send sms "Hi {{contact.first_name" wait 4h');
    assertScope(tokens, 'first_name', 'meta.template.expression.journey');
    assertScope(tokens, 'wait', 'keyword.control.wait.journey');
    assertNoScope(tokens, 'wait', 'string');
  });

  it('marks unknown escapes and stray characters', async () => {
    const tokens = await tokenize('send sms "bad \\q escape" @');
    assertScope(tokens, '\\q', 'invalid.illegal.unknown-escape.journey');
    assertScope(tokens, '@', 'invalid.illegal.character.journey');
  });

  it('does not highlight keywords inside names or numbers inside names', async () => {
    const tokens = await tokenize('segment x = my_journey_at_once and cart_10');
    assert.equal(findToken(tokens, ' my_journey_at_once ').scopes.length, 1);
    assert.ok(tokens.every((tok) => !(tok.text.includes('10') && hasScope(tok.scopes, 'constant'))));
  });

  it('treats a keyword before `:` as a field name', async () => {
    const tokens = await tokenize('emit audit { journey: "welcome", segment: "vip", at: now }');
    assertScope(tokens, 'journey', 'variable.other.property.journey');
    assertScope(tokens, 'segment', 'variable.other.property.journey');
    assertScope(tokens, 'at', 'variable.other.property.journey');
    assertNoScope(tokens, 'journey', 'storage');
  });

  it('highlights money with every currency symbol and instants without seconds', async () => {
    const tokens = await tokenize('segment s = x > €5 and y > $12.50 and z > £3 and now > 2026-11-27T09:00+02:00');
    assertScope(tokens, '€5', 'constant.numeric.money.journey');
    assertScope(tokens, '$12.50', 'constant.numeric.money.journey');
    assertScope(tokens, '£3', 'constant.numeric.money.journey');
    assertScope(tokens, '2026-11-27T09:00+02:00', 'constant.numeric.timestamp.journey');
  });

  it('takes a triple-quoted string verbatim: a backslash is not an escape there', async () => {
    const tokens = await tokenize('send sms """C:\\shop\\q "quoted" {{contact.first_name}}"""');
    assert.ok(tokens.every((tok) => !hasScope(tok.scopes, 'constant.character.escape') && !hasScope(tok.scopes, 'invalid')));
    assertScope(tokens, 'first_name', 'meta.template.expression.journey');
  });

  it('treats a keyword compared in an expression as a name', async () => {
    const tokens = await tokenize('segment s = count(order_placed where coupon != null) >= 2 and exists(message_sent where journey == "welcome")');
    assertScope(tokens, 'coupon', 'variable.other.readwrite.journey');
    assertScope(tokens, 'journey', 'variable.other.readwrite.journey');
    assertNoScope(tokens, 'coupon', 'storage');
    assertScope(tokens, 'segment', 'storage.type.segment.journey');
  });

  it('does not open a placeholder inside a comment', async () => {
    const tokens = await tokenize('// Hi {{contact.first_name}}');
    assert.ok(tokens.every((tok) => !hasScope(tok.scopes, 'meta.template.expression')));
  });
});

describe('language-configuration.json', () => {
  const config = JSON.parse(readFileSync(path.join(extensionDir, 'language-configuration.json'), 'utf8'));

  it('uses // and /* */ comments', () => {
    assert.deepEqual(config.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
  });

  it('closes quotes, brackets and {{ }} placeholders', () => {
    const pairs = Object.fromEntries(config.autoClosingPairs.map((pair) => [pair.open, pair.close]));
    assert.equal(pairs['"'], '"');
    assert.equal(pairs['{{'], '}}');
    assert.equal(pairs['{'], '}');
    assert.equal(pairs['('], ')');
    assert.equal(pairs['['], ']');
  });

  it('indents after an opening bracket and outdents at a closing one', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    assert.ok(increase.test('journey welcome {'));
    assert.ok(increase.test('  if cart.value > 300 ILS {'));
    assert.ok(increase.test('  on mobile { title: "Hi {{contact.first_name}}",'));
    assert.ok(!increase.test('  send sms "Hi {{contact.first_name}}"'));
    assert.ok(!increase.test('  send email "x" { code: c.code }'));
    assert.ok(!increase.test('  // a comment ending in {'));
    assert.ok(!increase.test('  send sms "a lone { in the text"'));
    assert.ok(increase.test('  split 50% {'));
    assert.ok(decrease.test('  }'));
    assert.ok(decrease.test('  } else {'));
    assert.ok(!decrease.test('  wait 4h'));
  });

  it('continues /// documentation comments on Enter', () => {
    const rule = config.onEnterRules.find((r) => r.action.appendText === '/// ');
    assert.ok(new RegExp(rule.beforeText).test('  /// Products to show'));
  });
});
