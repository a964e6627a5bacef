import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rules } from '../../rules/src/rules/index.js';

// What a terminal shows: the first sentence of every message fits in 100 characters once its
// placeholders hold a realistic value, and every identifier in it is quoted ('error', 'write()'),
// so that a reader tells code from prose. The detail lives on the rule's docs page.
const firstSentenceLimit = 100;
const messageLimit = 200;

/** A value each placeholder takes in real reports (code where the rules put code). */
const realisticValues: Record<string, string> = {
  name: 'this.output',
  callback: 'callback',
  total: 'this.buffered',
  context: "'data' handler",
  stream: 'response.body',
  source: 'request.socket',
  destination: 'this.output',
  event: 'finish',
  instead: 'end',
  factory: 'fs.createReadStream(…)',
  when: "after an 'await'",
  first: "a 'data' listener",
  second: "'pipe()'",
  line: '128',
  method: 'write',
  state: '_readableState',
  getter: 'readableLength',
  call: 'finished(stream)',
  kind: 'readable',
  meaning: 'a readable emits when its data is used up',
  what: 'the request body',
  risk: 'a client can exhaust the memory.',
  reader: 'fileTypeFromStream',
  response: 'response',
  cancel: 'response.body?.cancel()',
  exit: 'return',
};

/** Where a placeholder means something else in one rule: an implementation's or a function's name. */
const implementationName = { name: '_transform' };
const realisticValuesOf: Record<string, Record<string, string>> = {
  'implementation-callback': implementationName,
  'no-async-implementation': implementationName,
  'no-push-after-end': implementationName,
  'no-throw-in-implementation': implementationName,
  'no-floating-pipeline': { name: 'pipeline' },
  'prefer-stream-promises': { name: 'pipeline' },
  'no-mixed-consumption': { name: 'response' },
  'no-unbounded-buffering': { name: 'chunks' },
  'no-abandoned-readable': { reader: 'fileTypeFromStream' },
};

function fill(ruleName: string, template: string): string {
  const values = { ...realisticValues, ...realisticValuesOf[ruleName] };
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    assert.ok(key in values, `no realistic value for the placeholder {{${key}}}`);
    return values[key];
  });
}

/** The text with quoted stretches blanked; an apostrophe inside a word ("stream's") is no quote. */
function outsideQuotes(text: string): string {
  return text.replace(/(?<=\w)'(?=\w)/g, '’').replace(/'[^']*'/g, (quoted) => ' '.repeat(quoted.length));
}

function firstSentence(text: string): string {
  const masked = outsideQuotes(text);
  const end = masked.search(/[.!?](\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

/** Code written as prose: a call, a member access, a Node error code, a module, a private or camelCase name. */
const codeOutsideQuotes = [/[\w$]\(/, /[\w$)]\.[\w$]/, /\bERR_[A-Z_]+/, /\bnode:/, /(^|\s)_[a-z]/, /\b[a-z]+[A-Z]\w*/, /`/];

describe('rule messages', () => {
  for (const [ruleName, rule] of Object.entries(rules)) {
    describe(ruleName, () => {
      for (const [messageId, template] of Object.entries(rule.meta.messages as Record<string, string>)) {
        const text = fill(ruleName, template);
        it(`${messageId}: a first sentence of at most ${firstSentenceLimit} characters, identifiers quoted`, () => {
          const first = firstSentence(text);
          assert.ok(first.length <= firstSentenceLimit, `${first.length} characters: ${first}`);
          assert.ok(text.length <= messageLimit, `${text.length} characters in all: ${text}`);
          assert.equal(text.replace(/(?<=\w)'(?=\w)/g, '').split("'").length % 2, 1, `unbalanced quotes: ${text}`);
          const prose = outsideQuotes(text);
          for (const pattern of codeOutsideQuotes) assert.doesNotMatch(prose, pattern, `unquoted code in: ${text}`);
        });
      }
    });
  }

  it('sees unquoted code and long first sentences (the checks above can fail)', () => {
    assert.match(outsideQuotes('The result of stream.write() is ignored.'), codeOutsideQuotes[0]);
    assert.doesNotMatch(outsideQuotes("The result of 'stream.write()' is ignored."), codeOutsideQuotes[0]);
    assert.doesNotMatch(outsideQuotes("The stream's 'error' listener"), /'/);
    assert.equal(firstSentence("Call 'a.b()' now. Then more."), "Call 'a.b()' now.");
  });
});
