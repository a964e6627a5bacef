// Recall on shipped bugs: lints the pre-fix and post-fix reduction of every bug under test/bugs/
// with the built plugin, and says which bugs the rules report at the bug, which they miss and why,
// and what they report on code that was already fixed.
//
//   node test/bugs/evaluate.mjs                  print the figures (npm run eval:bugs)
//   node test/bugs/evaluate.mjs --update-recall  also raise the ratchet in test/bugs/recall.json
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Linter } = require('eslint');
const typescriptParser = require('@typescript-eslint/parser');
const ts = require('typescript');

export const bugsDirectory = dirname(fileURLToPath(import.meta.url));
export const recallFile = join(bugsDirectory, 'recall.json');
const proposedRulesFile = join(bugsDirectory, 'proposed-rules.json');

/** Why the analysis could not see a bug: the words the benchmark's miss reasons are made of. */
export const missCategories = [
  'unknown library', // a stream from a package the analysis has no model of
  'parameter', // the stream reaches the function as a parameter
  'object field', // the stream lives on this.x or obj.x
  'value across functions', // created in one function, used in another (returned, passed)
  'framework handler', // req/res of a handler shape the analysis does not recognise
  'handed-over misjudged', // the stream is wrongly taken as given to someone else
  'custom implementation', // a hand-written stream class or an EventEmitter the rules do not model
  'no rule yet', // nothing promises to catch this kind of bug today (a skill-tree rule will)
];

/** The four ways the benchmark lints: each config, without and with type information. */
export const setups = [
  { name: 'recommended', config: 'recommended', typed: false },
  { name: 'strict', config: 'strict', typed: false },
  { name: 'recommended+types', config: 'recommended', typed: true },
  { name: 'strict+types', config: 'strict', typed: true },
];

const sourcePattern = /^(before|after)\.(js|cjs|mjs|ts|mts|cts)$/;
const isTypeScript = (file) => /\.[mc]?ts$/.test(file);

/** Every bug folder, with its description and its two files; problems with the folder are listed, not thrown. */
export function loadBugs(directory = bugsDirectory) {
  const bugs = [];
  for (const name of readdirSync(directory).sort()) {
    const folder = join(directory, name);
    if (!statSync(folder).isDirectory()) continue;
    const problems = [];
    const files = readdirSync(folder).filter((file) => sourcePattern.test(file));
    const before = files.find((file) => file.startsWith('before.'));
    const after = files.find((file) => file.startsWith('after.'));
    if (!before) problems.push('no before.js/.ts/.mjs');
    if (!after) problems.push('no after.js/.ts/.mjs');
    let description = {};
    if (!existsSync(join(folder, 'bug.json'))) problems.push('no bug.json');
    else {
      try {
        description = JSON.parse(readFileSync(join(folder, 'bug.json'), 'utf8'));
      } catch (error) {
        problems.push(`bug.json does not parse: ${error.message}`);
      }
    }
    bugs.push({
      name,
      folder,
      description,
      before: before && join(folder, before),
      after: after && join(folder, after),
      problems: [...problems, ...describeDescriptionProblems(description, before && join(folder, before))],
    });
  }
  return bugs;
}

const requiredFields = ['project', 'repository', 'fix', 'license', 'failure', 'expected'];

function describeDescriptionProblems(description, beforePath) {
  const problems = requiredFields.filter((field) => !description[field]).map((field) => `bug.json has no ${field}`);
  if (description.repository && !/^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(description.repository))
    problems.push(`repository is not a GitHub repository URL: ${description.repository}`);
  if (description.fix && !/^https:\/\/github\.com\/[^/]+\/[^/]+\/(commit|pull|issues)\/\w+/.test(description.fix))
    problems.push(`fix is not a commit, pull request or issue URL: ${description.fix}`);
  const lineCount = beforePath && existsSync(beforePath) ? readFileSync(beforePath, 'utf8').split('\n').length : 0;
  for (const expected of description.expected ?? []) {
    if (!expected.rule) problems.push('an expected report names no rule');
    if (!Array.isArray(expected.lines) || expected.lines.length === 0) problems.push(`expected ${expected.rule} has no lines`);
    for (const line of expected.lines ?? [])
      if (!Number.isInteger(line) || line < 1 || line > lineCount) problems.push(`expected line ${line} is not a line of the pre-fix file`);
  }
  if (description.miss && !missCategories.includes(description.miss.category))
    problems.push(`miss category "${description.miss.category}" is not one of: ${missCategories.join(', ')}`);
  if (description.miss && !description.miss.why) problems.push('the miss says no why');
  for (const remaining of description.afterReports ?? [])
    if (!remaining.rule || !Number.isInteger(remaining.line) || !remaining.why)
      problems.push('an after report needs a rule, a line and a why');
    else if (remaining.kind !== undefined && remaining.kind !== 'preference')
      problems.push(`an after report's kind is "preference" or nothing (a remaining bug), not "${remaining.kind}"`);
  return problems;
}

/** Proposed skill-tree rules: the name the benchmark uses, and the name the rule landed under, once it has. */
function loadProposedRules() {
  return existsSync(proposedRulesFile) ? JSON.parse(readFileSync(proposedRulesFile, 'utf8')) : {};
}

/** The plugin's name for a rule the benchmark expects, or undefined while no such rule exists. */
function implementedRuleName(rule, plugin, proposedRules) {
  const name = proposedRules[rule]?.implementedAs ?? rule;
  return plugin.rules[name] ? name : undefined;
}

function sourceTypeOf(path, text) {
  if (path.endsWith('.mjs') || path.endsWith('.mts')) return 'module';
  if (path.endsWith('.cjs') || path.endsWith('.cts')) return 'commonjs';
  return /^\s*(import|export)\s/m.test(text) ? 'module' : 'commonjs';
}

/** One TypeScript program over every .ts file of the benchmark: type information for the typed setups. */
function createTypeScriptProgram(paths) {
  return ts.createProgram(paths, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: false,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    lib: ['lib.es2022.d.ts'],
  });
}

function lintConfig(plugin, setup, path, text, program) {
  const languageOptions = isTypeScript(path)
    ? { parser: typescriptParser, parserOptions: setup.typed ? { programs: [program] } : {} }
    : { ecmaVersion: 'latest', sourceType: sourceTypeOf(path, text) };
  return [
    { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
    { files: ['**/*.*'], languageOptions },
    { files: ['**/*.*'], ...plugin.configs[setup.config] },
  ];
}

/** Reports of one file: `{ rule, line, column, message }`, or a parse error. */
function lintFile(linter, plugin, setup, path, program) {
  const text = readFileSync(path, 'utf8');
  const messages = linter.verify(text, lintConfig(plugin, setup, path, text, program), path);
  const fatal = messages.find((message) => message.fatal);
  if (fatal) return { error: `${fatal.line}:${fatal.column} ${fatal.message}`, reports: [] };
  return {
    reports: messages
      .filter((message) => message.ruleId?.startsWith('node-streams/'))
      .map((message) => ({ rule: message.ruleId.slice('node-streams/'.length), line: message.line, column: message.column, message: message.message })),
  };
}

/**
 * Lints every bug in every setup. For each setup and bug: whether an expected rule reported at an
 * expected line of the pre-fix file, which expected rules did, and the post-fix reports that
 * bug.json does not explain.
 */
export function evaluate({ plugin = require('eslint-plugin-node-streams'), bugs = loadBugs() } = {}) {
  const proposedRules = loadProposedRules();
  const linter = new Linter({ configType: 'flat', cwd: '/' });
  const typeScriptFiles = bugs.flatMap((bug) => [bug.before, bug.after]).filter((path) => path && isTypeScript(path));
  const program = typeScriptFiles.length > 0 ? createTypeScriptProgram(typeScriptFiles) : undefined;
  const results = [];
  for (const setup of setups) {
    for (const bug of bugs) {
      if (bug.problems.length > 0) continue;
      // Without a .ts file, type information means nothing: the untyped result stands for the typed one.
      const typedForNothing = setup.typed && !isTypeScript(bug.before) && !isTypeScript(bug.after);
      const previous = typedForNothing && results.find((result) => result.bug === bug && result.setup.config === setup.config && !result.setup.typed);
      if (previous) {
        results.push({ ...previous, setup });
        continue;
      }
      const before = lintFile(linter, plugin, setup, bug.before, program);
      const after = lintFile(linter, plugin, setup, bug.after, program);
      const expectations = bug.description.expected.map((expected) => {
        const implemented = implementedRuleName(expected.rule, plugin, proposedRules);
        const enabled = implemented !== undefined && `node-streams/${implemented}` in plugin.configs[setup.config].rules;
        const caught = enabled && before.reports.some((report) => report.rule === implemented && expected.lines.includes(report.line));
        return { rule: expected.rule, implemented, enabled, caught };
      });
      const explained = bug.description.afterReports ?? [];
      const unexplainedAfterReports = after.reports.filter(
        (report) => !explained.some((remaining) => remaining.line === report.line && [remaining.rule, proposedRules[remaining.rule]?.implementedAs].includes(report.rule)),
      );
      results.push({
        setup,
        bug,
        caught: expectations.some((expectation) => expectation.caught),
        expectations,
        beforeReports: before.reports,
        afterReports: after.reports,
        unexplainedAfterReports,
        parseErrors: [before.error && `before: ${before.error}`, after.error && `after: ${after.error}`].filter(Boolean),
      });
    }
  }
  return { bugs, results, proposedRules };
}

/** Per setup: caught / total, per expected rule, and the misses by reason. */
export function summarize({ results }) {
  const summary = {};
  for (const setup of setups) {
    const ofSetup = results.filter((result) => result.setup.name === setup.name);
    const byRule = {};
    const missesByReason = {};
    for (const result of ofSetup) {
      for (const expectation of result.expectations) {
        const entry = (byRule[expectation.rule] ??= { caught: 0, total: 0, exists: expectation.implemented !== undefined });
        entry.total += 1;
        if (expectation.caught) entry.caught += 1;
      }
      if (!result.caught) {
        const reason = missReason(result);
        missesByReason[reason] = (missesByReason[reason] ?? 0) + 1;
      }
    }
    summary[setup.name] = {
      caught: ofSetup.filter((result) => result.caught).map((result) => result.bug.name),
      total: ofSetup.length,
      byRule,
      missesByReason,
    };
  }
  return summary;
}

/** Why a bug was missed: no rule exists or is on in this config, or the reason its bug.json gives. */
export function missReason(result) {
  if (result.expectations.every((expectation) => expectation.implemented === undefined)) return 'no rule yet';
  if (result.expectations.every((expectation) => !expectation.enabled)) return 'rule not in this config';
  return result.bug.description.miss?.category ?? 'unexplained';
}

const percent = (part, whole) => (whole === 0 ? '-' : `${Math.round((100 * part) / whole)} %`);

function printReport(evaluation) {
  const summary = summarize(evaluation);
  const broken = evaluation.bugs.filter((bug) => bug.problems.length > 0);
  for (const bug of broken) console.log(`INCOMPLETE ${bug.name}: ${bug.problems.join('; ')}`);
  console.log(`\nRecall on ${evaluation.bugs.length - broken.length} shipped bugs (a report by an expected rule at an expected line of the pre-fix file)\n`);
  for (const [name, figures] of Object.entries(summary))
    console.log(`  ${name.padEnd(18)} ${String(figures.caught.length).padStart(3)} / ${figures.total}  ${percent(figures.caught.length, figures.total)}`);
  console.log('\nBy rule (caught / bugs that expect it), recommended | strict | strict+types\n');
  const rules = Object.keys(summary.strict.byRule).sort();
  for (const rule of rules) {
    const cell = (setup) => {
      const entry = summary[setup].byRule[rule];
      return `${entry.caught}/${entry.total}`.padStart(6);
    };
    const status = summary.strict.byRule[rule].exists ? '' : '  (proposed: no such rule yet)';
    console.log(`  ${rule.padEnd(34)} ${cell('recommended')} | ${cell('strict')} | ${cell('strict+types')}${status}`);
  }
  console.log('\nMisses by reason, recommended | strict | strict+types\n');
  const reasons = [...new Set(Object.values(summary).flatMap((figures) => Object.keys(figures.missesByReason)))].sort();
  for (const reason of reasons) {
    const cell = (setup) => String(summary[setup].missesByReason[reason] ?? 0).padStart(3);
    console.log(`  ${reason.padEnd(26)} ${cell('recommended')} | ${cell('strict')} | ${cell('strict+types')}`);
  }
  console.log('\nMisses with strict+types (the widest net)\n');
  for (const result of evaluation.results.filter((result) => result.setup.name === 'strict+types' && !result.caught)) {
    const expected = result.bug.description.expected.map((entry) => `${entry.rule}@${entry.lines.join(',')}`).join(' or ');
    const seen = result.beforeReports.map((report) => `${report.rule}@${report.line}`).join(', ') || 'nothing';
    console.log(`  ${result.bug.name}: ${missReason(result)}. Expected ${expected}; reported ${seen}.`);
    if (result.bug.description.miss) console.log(`      ${result.bug.description.miss.why}`);
  }
  console.log('\nReports on post-fix files (any setup)\n');
  const afterReports = new Map();
  for (const result of evaluation.results) {
    for (const report of result.afterReports) {
      const key = `${relative(bugsDirectory, result.bug.after)}:${report.line}:${report.column} ${report.rule}`;
      const remaining = result.unexplainedAfterReports.includes(report)
        ? undefined
        : result.bug.description.afterReports.find((entry) => entry.line === report.line);
      const entry = afterReports.get(key) ?? { setups: [], remaining };
      entry.setups.push(result.setup.name);
      afterReports.set(key, entry);
    }
  }
  for (const [key, { setups: names, remaining }] of afterReports) {
    const why = !remaining
      ? 'UNEXPLAINED (a false positive, or a real problem bug.json must name)'
      : remaining.kind === 'preference'
        ? `preference, not a remaining bug: ${remaining.why}`
        : `remaining problem: ${remaining.why}`;
    console.log(`  ${key} [${names.join(', ')}]: ${why}`);
  }
  if (afterReports.size === 0) console.log('  none');
  for (const result of evaluation.results.filter((result) => result.parseErrors.length > 0))
    console.log(`PARSE ERROR ${result.bug.name} [${result.setup.name}]: ${result.parseErrors.join('; ')}`);
  return summary;
}

/** The ratchet: the bugs each setup catches today. The test fails when one of them is no longer caught. */
export function readRecall() {
  return existsSync(recallFile) ? JSON.parse(readFileSync(recallFile, 'utf8')) : {};
}

function writeRecall(summary) {
  const recall = Object.fromEntries(
    Object.entries(summary).map(([name, figures]) => [
      name,
      // Rounded down, so that the figure written is never above the one measured.
      { recall: Math.floor((1000 * figures.caught.length) / figures.total) / 1000, caught: figures.caught },
    ]),
  );
  writeFileSync(recallFile, `${JSON.stringify(recall, null, 2)}\n`);
  console.log(`\nwrote ${relative(process.cwd(), recallFile)}`);
  writeReadmeFigures(summary);
}

/** The README states the figures of the last raise, between two markers. */
function writeReadmeFigures(summary) {
  const readme = join(bugsDirectory, '..', '..', 'README.md');
  const figures = Object.entries(summary)
    .map(([name, { caught, total }]) => `\`${name}\` ${caught.length}/${total} (${percent(caught.length, total)})`)
    .join(', ');
  const text = readFileSync(readme, 'utf8').replace(
    /(<!-- bug-recall-start -->\n)[^]*?(\n<!-- bug-recall-end -->)/,
    `$1Recall at the bug, as of the last raise of the ratchet: ${figures}.$2`,
  );
  writeFileSync(readme, text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const summary = printReport(evaluate());
  if (process.argv.includes('--update-recall')) writeRecall(summary);
}
