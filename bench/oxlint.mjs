// Figure 2: the same rules loaded by oxlint as a JS plugin, on the same corpus: its time, and
// whether it reports the same problems as ESLint.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { plugin, pluginPath, repositoryRoot } from './eslint-internals.mjs';
import { summarize } from './statistics.mjs';

const oxlintBin = join(repositoryRoot, 'node_modules', 'oxlint', 'bin', 'oxlint');

/**
 * Runs oxlint `runs` times (after a warm-up) over the corpus with every rule of `all`, on one
 * thread (to compare with ESLint's one) and on all cores (as people run it), and compares its
 * problems with ESLint's `eslintProblems` ({ path, line, column, ruleId }).
 */
export function measureOxlint(corpus, eslintProblems, { runs, paths }) {
  const folder = mkdtempSync(join(tmpdir(), 'node-streams-oxlint-'));
  try {
    const withRules = writeConfig(folder, 'rules.json', { jsPlugins: [pluginPath], rules: plugin.configs.all.rules });
    const withoutRules = writeConfig(folder, 'none.json', {});
    const targets = paths ?? [corpus.filesDirectory];
    const run = (config, threads) => runOxlint(corpus, config, threads, targets);
    run(withRules, 1);
    const samples = { oneThread: [], allThreads: [], noRules: [] };
    let last;
    for (let index = 0; index < runs; index += 1) {
      last = run(withRules, 1);
      samples.oneThread.push(last.milliseconds);
      samples.allThreads.push(run(withRules, undefined).milliseconds);
      samples.noRules.push(run(withoutRules, 1).milliseconds);
    }
    return {
      wallMilliseconds: {
        oneThread: summarize(samples.oneThread),
        allThreads: summarize(samples.allThreads),
        noRulesOneThread: summarize(samples.noRules),
      },
      filesLinted: last.filesLinted,
      comparison: compareProblems(eslintProblems, last.problems),
      parseErrors: last.parseErrors,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// oxlint's own rules are all off, so that the figures are about our rules and its parser alone.
function writeConfig(folder, name, settings) {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify({ plugins: [], categories: { correctness: 'off' }, ...settings }, null, 2));
  return path;
}

/** Wall time of the whole command, process start included: what a user waits for. */
function runOxlint(corpus, config, threads, targets) {
  const args = [oxlintBin, '-c', config, '-f', 'json', '--no-ignore', ...(threads ? [`--threads=${threads}`] : []), ...targets];
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: corpus.filesDirectory, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const milliseconds = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`oxlint failed (${result.status}): ${result.stderr}`);
  const report = JSON.parse(result.stdout);
  const problems = [];
  const parseErrors = [];
  for (const diagnostic of report.diagnostics) {
    const path = relative(corpus.filesDirectory, resolve(corpus.filesDirectory, diagnostic.filename)).split(sep).join('/');
    const rule = /^node-streams\((.+)\)$/.exec(diagnostic.code ?? '');
    const span = diagnostic.labels?.[0]?.span;
    if (rule) problems.push({ path, line: span?.line, column: span?.column, ruleId: `node-streams/${rule[1]}` });
    else parseErrors.push({ path, message: diagnostic.message });
  }
  return { milliseconds, problems, parseErrors, filesLinted: report.number_of_files };
}

const shownDifferences = 20;

/** Counts, and the first differences either way (enough to see a pattern). */
function compareProblems(eslintProblems, oxlintProblems) {
  const key = (problem) => `${problem.path}:${problem.line}:${problem.column} ${problem.ruleId}`;
  const eslintKeys = new Set(eslintProblems.map(key));
  const oxlintKeys = new Set(oxlintProblems.map(key));
  return {
    eslint: eslintKeys.size,
    oxlint: oxlintKeys.size,
    same: [...eslintKeys].filter((problem) => oxlintKeys.has(problem)).length,
    onlyEslint: [...eslintKeys].filter((problem) => !oxlintKeys.has(problem)).sort().slice(0, shownDifferences),
    onlyOxlint: [...oxlintKeys].filter((problem) => !eslintKeys.has(problem)).sort().slice(0, shownDifferences),
  };
}
