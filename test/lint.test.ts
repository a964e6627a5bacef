// The repository lints clean with its own config (eslint.config.js): typescript-eslint's strict
// type-checked rules and this plugin's strict config, in one ESLint run over the tree. Problems
// that were there when the config came are counted in eslint-suppressions.json; any other
// problem, or a count that a fix made too high, fails here. Needs the plugin built (npm test does).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
// @ts-expect-error: a plain ES module config without type declarations.
import { plantedBugs } from '../eslint.config.js';

const root = fileURLToPath(new URL('../', import.meta.url));

it('the repository lints clean with its own config, but for the counted exceptions', async () => {
  const eslint = new ESLint({ cwd: root, applySuppressions: true, ignorePatterns: plantedBugs });
  const results = await eslint.lintFiles(['.']);
  const problems = results.flatMap((result) =>
    result.messages.map((message) => `${result.filePath.slice(root.length)}:${message.line}:${message.column} ${message.ruleId ?? 'parse'}: ${message.message}`),
  );
  assert.deepEqual(problems, [], 'fix them, or for a rule that does not fit, turn it off in eslint.config.js with a reason');
});
