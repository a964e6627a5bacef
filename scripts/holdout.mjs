// Precision measured where we did not tune. `bench/real-code.json` lists real npm packages that
// no rule was written against; a hash of each name splits them, once and for all, into a tuning
// half (free to look at, test and fix against) and a holdout half that nobody reads but the
// reviewer of a reading. A reading lints the holdout with every rule, prints each report with its
// context, and records a verdict per report in `test/expectations/holdout.json`; the README
// states the figures of the first reading, before any fix. After a fix round, the next holdout is
// made of fresh packages (a new `round` in the list), never of the ones already read.
//
//   npm run eval:holdout                      every report with context, then the figures
//   npm run eval:holdout -- --summary         only the figures (per rule, overall)
//   npm run eval:holdout -- --record          adds the new reports to the verdict file, unreviewed
//   npm run eval:holdout -- --half tuning     the tuning half instead (for development)
//   npm run eval:holdout -- --markdown        the figures as the README's table
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { corpusConfigs, corpusList, ensureCorpus } from './corpus.mjs';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const realCodeListPath = join(repositoryRoot, 'bench', 'real-code.json');
export const verdictPath = join(repositoryRoot, 'test', 'expectations', 'holdout.json');
export const verdicts = ['real', 'false positive', 'debatable'];
const contextLines = 3;

/** Which half a package belongs to: decided by its name and the round, never by its code. */
export function halfOf(name, round) {
  const digest = createHash('sha256').update(`node-streams holdout round ${round}: ${name}`).digest();
  return digest[0] < 128 ? 'holdout' : 'tuning';
}

export function readRealCodeList() {
  return JSON.parse(readFileSync(realCodeListPath, 'utf8'));
}

/** The corpus of one half, built into the cache like the tuning corpus. */
export function ensureHalf(half, { log = () => {} } = {}) {
  const list = readRealCodeList();
  const packages = list.packages.filter((pkg) => halfOf(pkg.name, list.round) === half);
  return ensureCorpus({ list: corpusList({ exclude: list.exclude, packages }), log });
}

/** Every node-streams report on a corpus, sorted by file and position. */
export async function lintCorpus(corpus) {
  const plugin = createRequire(import.meta.url)('eslint-plugin-node-streams');
  const engine = new ESLint({
    cwd: corpus.filesDirectory,
    overrideConfigFile: true,
    overrideConfig: [...corpusConfigs(corpus), plugin.configs.all],
  });
  const results = await engine.lintFiles(['.']);
  const reports = [];
  for (const result of results.sort((a, b) => a.filePath.localeCompare(b.filePath))) {
    const file = relative(corpus.filesDirectory, result.filePath).split('\\').join('/');
    for (const message of result.messages) {
      if (!message.ruleId?.startsWith('node-streams/')) continue;
      const rule = message.ruleId.slice('node-streams/'.length);
      reports.push({ file, key: `${message.line}:${message.column} ${rule}`, rule, line: message.line, message: message.message, source: result.source });
    }
  }
  return reports;
}

export function readVerdicts() {
  return existsSync(verdictPath) ? JSON.parse(readFileSync(verdictPath, 'utf8')) : { readings: [], reports: {} };
}

/**
 * Per rule and overall: reports, verdicts, precision (real over real plus false; a debatable
 * report counts as neither) and false positives per 50,000 lines.
 */
export function figures(reports, recorded, lines) {
  const rows = new Map();
  const rowOf = (rule) => {
    if (!rows.has(rule)) rows.set(rule, { rule, reports: 0, real: 0, 'false positive': 0, debatable: 0, unreviewed: 0 });
    return rows.get(rule);
  };
  const total = rowOf('all rules');
  for (const report of reports) {
    const verdict = recorded[report.file]?.[report.key]?.verdict;
    const column = verdicts.includes(verdict) ? verdict : 'unreviewed';
    for (const row of [rowOf(report.rule), total]) {
      row.reports += 1;
      row[column] += 1;
    }
  }
  return [...rows.values()]
    .sort((a, b) => (a === total ? 1 : b === total ? -1 : a.rule.localeCompare(b.rule)))
    .map((row) => ({
      ...row,
      precision: row.real + row['false positive'] > 0 ? row.real / (row.real + row['false positive']) : null,
      falsePer50k: (row['false positive'] * 50_000) / lines,
    }));
}

function contextOf(report) {
  const lines = report.source?.split('\n') ?? [];
  const first = Math.max(1, report.line - contextLines);
  const last = Math.min(lines.length, report.line + contextLines);
  const out = [];
  for (let line = first; line <= last; line += 1) {
    out.push(`${line === report.line ? '>' : ' '} ${String(line).padStart(5)} | ${lines[line - 1]}`);
  }
  return out.join('\n');
}

function format(value) {
  return value === null ? '–' : value.toFixed(2);
}

function printFigures(rows, corpus, markdown) {
  const { packages, files, lines } = corpus.totals;
  if (markdown) {
    console.log('| Rule | Reports | Real | False positives | Debatable | Precision | False positives per 50k lines |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) {
      console.log(`| ${row.rule} | ${row.reports} | ${row.real} | ${row['false positive']} | ${row.debatable} | ${format(row.precision)} | ${format(row.falsePer50k)} |`);
    }
    return;
  }
  console.log(`\n${packages} packages, ${files} files, ${lines} lines`);
  for (const row of rows) {
    console.log(
      `${row.rule.padEnd(32)} ${String(row.reports).padStart(4)} reports: ${row.real} real, ${row['false positive']} false, ${row.debatable} debatable, ${row.unreviewed} unreviewed; precision ${format(row.precision)}, ${format(row.falsePer50k)} false per 50k lines`,
    );
  }
}

async function main(argv) {
  const half = argv.includes('--half') ? argv[argv.indexOf('--half') + 1] : 'holdout';
  if (half !== 'holdout' && half !== 'tuning') throw new Error(`--half takes holdout or tuning, not ${half}`);
  const corpus = ensureHalf(half, { log: (line) => console.error(line) });
  const reports = await lintCorpus(corpus);
  const record = readVerdicts();
  const recorded = half === 'holdout' ? record.reports : {};
  if (!argv.includes('--summary') && !argv.includes('--markdown')) {
    for (const report of reports) {
      const verdict = recorded[report.file]?.[report.key];
      console.log(`\n${report.file}:${report.key}  ${verdict ? `[${verdict.verdict}] ${verdict.why}` : '[unreviewed]'}`);
      console.log(`  ${report.message}`);
      console.log(contextOf(report));
    }
  }
  if (argv.includes('--record')) {
    if (half !== 'holdout') throw new Error('--record writes holdout verdicts only');
    let added = 0;
    for (const report of reports) {
      const forFile = (record.reports[report.file] ??= {});
      if (forFile[report.key]) continue;
      forFile[report.key] = { verdict: 'unreviewed', why: '', message: report.message };
      added += 1;
    }
    writeFileSync(verdictPath, `${JSON.stringify(record, null, 2)}\n`);
    console.error(`recorded ${added} new reports as unreviewed in ${relative(repositoryRoot, verdictPath)}`);
  }
  printFigures(figures(reports, recorded, corpus.totals.lines), corpus, argv.includes('--markdown'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
