import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { it } from 'node:test';
import { ESLint } from 'eslint';
// @ts-expect-error: a plain ES module script without type declarations.
import { corpusConfigs, ensureCorpus } from '../../scripts/corpus.mjs';

// Real stream-heavy packages nobody here wrote, at pinned versions (bench/corpus.json). Every
// report in the expectation file was read and judged, and says why: a real problem, or a false
// positive recorded as `FALSE POSITIVE: …` until the rule is fixed (the test prints them, so the
// debt stays in sight). UPDATE_EXPECTATIONS=1 writes the new reports as unreviewed, which fails
// until somebody reads each one and writes down the verdict.
const expectationFile = 'test/expectations/corpus.json';
const plugin = createRequire(import.meta.url)('eslint-plugin-node-streams');
const unreviewed = 'UNREVIEWED: read the code and write why this is a real problem';
const falsePositive = 'FALSE POSITIVE:';

/** For each file, each report (`line:column rule`) and the reviewer's verdict on it. */
type Verdicts = Record<string, Record<string, string>>;

it('lints the real-code corpus with every rule, without a throw, reporting only reviewed problems', async () => {
  const corpus = ensureCorpus({ log: (line: string) => console.log(line) });
  const engine = new ESLint({
    cwd: corpus.filesDirectory,
    overrideConfigFile: true,
    overrideConfig: [...corpusConfigs(corpus), plugin.configs.all],
  });
  // A rule that throws makes lintFiles reject, naming the file and the rule.
  const results = await engine.lintFiles(['.']);
  assert.ok(results.length > 300, `only ${results.length} files linted`);
  const expected = JSON.parse(readFileSync(expectationFile, 'utf8')) as Verdicts;
  const actual: Verdicts = {};
  for (const result of results.sort((a, b) => a.filePath.localeCompare(b.filePath))) {
    const file = relative(corpus.filesDirectory, result.filePath);
    for (const message of result.messages) {
      if (!message.ruleId?.startsWith('node-streams/')) continue;
      const report = `${message.line}:${message.column} ${message.ruleId}`;
      (actual[file] ??= {})[report] = expected[file]?.[report] ?? unreviewed;
    }
  }
  if (process.env.UPDATE_EXPECTATIONS) writeFileSync(expectationFile, `${JSON.stringify(actual, null, 2)}\n`);
  assert.deepEqual(Object.keys(actual), Object.keys(expected), 'files with reports differ');
  for (const file of Object.keys(actual)) {
    assert.deepEqual(Object.keys(actual[file]), Object.keys(expected[file]), `reports in ${file} differ`);
  }
  const pending = Object.entries(actual).flatMap(([file, verdicts]) =>
    Object.entries(verdicts).filter(([, verdict]) => verdict === unreviewed).map(([report]) => `${file} ${report}`),
  );
  assert.deepEqual(pending, [], 'reports nobody has reviewed yet');
  const falsePositives = Object.entries(actual).flatMap(([file, verdicts]) =>
    Object.entries(verdicts).filter(([, verdict]) => verdict.startsWith(falsePositive)).map(([report]) => `${file} ${report}`),
  );
  if (falsePositives.length > 0) console.log(`known false positives, to fix in the rules:\n  ${falsePositives.join('\n  ')}`);
});
