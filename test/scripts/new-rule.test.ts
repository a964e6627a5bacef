// The rule scaffold writes the four files of a new rule and registers it in a generated index.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { scaffoldRule } from '../../scripts/new-rule.js';
import { ruleFileNames, ruleIndexText } from '../../scripts/rule-index.js';

const directory = mkdtempSync(join(tmpdir(), 'new-rule-'));
after(() => rmSync(directory, { recursive: true, force: true }));
const root = pathToFileURL(`${directory}/`);
mkdirSync(join(directory, 'rules/src/rules'), { recursive: true });
writeFileSync(join(directory, 'rules/src/rules/no-other-thing.ts'), 'export default {};\n');

const rule = { name: 'no-demo-thing', level: 'advanced', topic: 'piping', description: 'Disallow the demo thing' } as const;

it('writes the rule, its test, docs page and example, and registers it in the index', () => {
  const written = scaffoldRule(root, rule);
  assert.deepEqual(written.sort(), [
    'examples/no-demo-thing.js',
    'rules/docs/no-demo-thing.md',
    'rules/src/rules/index.ts',
    'rules/src/rules/no-demo-thing.ts',
    'test/rules/no-demo-thing.test.ts',
  ]);
  const source = readFileSync(join(directory, 'rules/src/rules/no-demo-thing.ts'), 'utf8');
  assert.match(source, /name: 'no-demo-thing'/);
  assert.match(source, /level: 'advanced',\n\s+topic: 'piping'/);
  assert.match(readFileSync(join(directory, 'rules/docs/no-demo-thing.md'), 'utf8'), /^# Disallow the demo thing \(`node-streams\/no-demo-thing`\)$/m);
  const index = readFileSync(join(directory, 'rules/src/rules/index.ts'), 'utf8');
  assert.match(index, /import noDemoThing from '\.\/no-demo-thing\.js';\nimport noOtherThing from '\.\/no-other-thing\.js';/);
  assert.match(index, /'no-demo-thing': noDemoThing,\n {2}'no-other-thing': noOtherThing,/);
});

it('refuses a name that is not kebab case, and a rule that exists', () => {
  assert.throws(() => scaffoldRule(root, { ...rule, name: 'NoDemo' }), /not a rule name/);
  assert.throws(() => scaffoldRule(root, rule), /not overwriting rules\/src\/rules\/no-demo-thing\.ts/);
});

it('keeps the real rule index as the generator writes it', () => {
  const rulesFolder = new URL('../../rules/src/rules/', import.meta.url);
  assert.equal(readFileSync(new URL('index.ts', rulesFolder), 'utf8'), ruleIndexText(ruleFileNames(rulesFolder)));
});
