import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { it } from 'node:test';
import { describeProblems, embeddedEngine } from '../support/lint.js';

// Each report in the expectation file was read and judged a real bug. Regenerate it with
// UPDATE_EXPECTATIONS=1 and review the diff before committing.
const expectationFile = 'test/expectations/examples.json';

it('reports exactly the reviewed problems in examples/', async () => {
  const results = await embeddedEngine('all').lintFiles(['examples']);
  const actual: Record<string, string[]> = {};
  for (const result of results.sort((a, b) => a.filePath.localeCompare(b.filePath))) {
    actual[relative(process.cwd(), result.filePath)] = describeProblems(result.messages);
  }
  if (process.env.UPDATE_EXPECTATIONS) writeFileSync(expectationFile, `${JSON.stringify(actual, null, 2)}\n`);
  const expected = JSON.parse(readFileSync(expectationFile, 'utf8')) as Record<string, string[]>;
  assert.deepEqual(actual, expected);
});

it('has an example for every rule', async () => {
  const { rules } = await import('../../rules/src/rules/index.js');
  const expected = JSON.parse(readFileSync(expectationFile, 'utf8')) as Record<string, string[]>;
  const reported = new Set(Object.values(expected).flat().map((entry) => entry.split(' ')[1]));
  for (const name of Object.keys(rules)) {
    assert.ok(reported.has(`node-streams/${name}`), `no example in examples/ shows node-streams/${name}`);
  }
});
