// Precision measured where we did not tune. `bench/real-code.json` lists real npm packages that
// no rule was written against, each with the round that brought it in; a hash of each name and
// its round splits the round's packages, once and for all, into a tuning half (free to look at,
// test and fix against) and a holdout half that nobody reads but the reviewer of a reading. A
// reading lints one round's holdout with every rule, prints each report with its context, and
// records a verdict per report under that round in `test/expectations/holdout.json`; the README
// states the figures of each round's first reading, before any fix. After a fix round, the next
// holdout is made of fresh packages (the list's `round` goes up), never of the ones already read.
//
//   npm run eval:holdout                      the current round's holdout: every report with context, then the figures
//   npm run eval:holdout -- --round 1         an earlier round's holdout, with its recorded verdicts
//   npm run eval:holdout -- --summary         only the figures (per rule, overall)
//   npm run eval:holdout -- --record          adds the new reports to the round's verdicts, unreviewed
//   npm run eval:holdout -- --half tuning     the tuning halves of every round so far instead (for development)
//   npm run eval:holdout -- --markdown        the figures as the README's table
//   npm run eval:holdout -- --size            builds both halves and prints only their sizes (lints nothing)
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
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

/**
 * The packages of one half: the holdout half of `round` alone, or the tuning halves of every round
 * up to `round` (a tuning half stays free to use after its round).
 */
export function packagesOf(list, half, round = list.round) {
  return list.packages.filter((pkg) =>
    half === 'holdout' ? pkg.round === round && halfOf(pkg.name, pkg.round) === 'holdout' : pkg.round <= round && halfOf(pkg.name, pkg.round) === 'tuning',
  );
}

/** The corpus of one half, built into the cache like the tuning corpus. */
export function ensureHalf(half, { round, log = () => {} } = {}) {
  const list = readRealCodeList();
  // The round is not part of what is fetched, so a half keeps its cache folder when rounds are added.
  const packages = packagesOf(list, half, round ?? list.round).map(({ name, version, include }) => (include ? { name, version, include } : { name, version }));
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

/** The verdict file: `{ rounds: { [round]: { readings, reports } } }`. */
export function readVerdicts() {
  return existsSync(verdictPath) ? JSON.parse(readFileSync(verdictPath, 'utf8')) : { rounds: {} };
}

/** One round's readings and its reports' verdicts (`reports[file][key] = { verdict, why, message }`). */
export function roundVerdicts(record, round) {
  return record.rounds[round] ?? { readings: [], reports: {} };
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

function optionValue(argv, name) {
  return argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined;
}

function printSize(label, corpus) {
  const { packages, files, lines } = corpus.totals;
  console.log(`${label}: ${packages} packages, ${files} files, ${lines} lines`);
}

async function main(argv) {
  const list = readRealCodeList();
  const half = optionValue(argv, '--half') ?? 'holdout';
  if (half !== 'holdout' && half !== 'tuning') throw new Error(`--half takes holdout or tuning, not ${half}`);
  const round = Number(optionValue(argv, '--round') ?? list.round);
  if (!Number.isInteger(round) || round < 1 || round > list.round) throw new Error(`--round takes a round from 1 to ${list.round}`);
  const log = (line) => console.error(line);
  if (argv.includes('--size')) {
    printSize(`round ${round} holdout half`, ensureHalf('holdout', { round, log }));
    printSize(`tuning halves of rounds 1 to ${round}`, ensureHalf('tuning', { round, log }));
    return;
  }
  const corpus = ensureHalf(half, { round, log });
  const reports = await lintCorpus(corpus);
  const record = readVerdicts();
  const recorded = half === 'holdout' ? roundVerdicts(record, round).reports : {};
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
    const verdictsOfRound = (record.rounds[round] ??= { readings: [], reports: {} });
    if (verdictsOfRound.readings.length === 0) {
      // The reviewer completes the note; the rest says what was read, at which state of the rules.
      const rulesAt = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repositoryRoot, encoding: 'utf8' }).stdout?.trim();
      verdictsOfRound.readings.push({
        reading: 1,
        date: new Date().toISOString().slice(0, 10),
        rulesAt,
        note: '',
        packages: packagesOf(list, 'holdout', round).map((pkg) => pkg.name),
      });
    }
    let added = 0;
    for (const report of reports) {
      const forFile = (verdictsOfRound.reports[report.file] ??= {});
      if (forFile[report.key]) continue;
      forFile[report.key] = { verdict: 'unreviewed', why: '', message: report.message };
      added += 1;
    }
    writeFileSync(verdictPath, `${JSON.stringify(record, null, 2)}\n`);
    console.error(`recorded ${added} new reports of round ${round} as unreviewed in ${relative(repositoryRoot, verdictPath)}`);
  }
  printFigures(figures(reports, recorded, corpus.totals.lines), corpus, argv.includes('--markdown'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
