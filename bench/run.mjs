// The benchmark: every figure of issue 8 in one run, a table for people and, as the last line, one
// line of JSON with every figure. The machine is shared and noisy: figures are medians with their
// spread, and what is judged against a target is a ratio of figures taken in this same run.
//
//   npm run bench               the full run (a few minutes)
//   npm run bench:smoke         a tiny run that checks every part still works (seconds)
//   node bench/run.mjs --only rules,oxlint,server,types,bundles --runs 5
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ensureCorpus } from '../scripts/corpus.mjs';
import { measureBundles } from './bundles.mjs';
import { measureRuleCost } from './eslint-cost.mjs';
import { measureOxlint } from './oxlint.mjs';
import { measureServer, measureServerTypeAware } from './server-latency.mjs';
import { ratio, round } from './statistics.mjs';
import { printTable } from './table.mjs';
import { measureTraceOverhead } from './trace-overhead.mjs';
import { measureTypeAware } from './type-aware.mjs';
import { generateTypeScriptProject } from './typescript-project.mjs';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const only = new Set((valueOf('--only') ?? 'rules,oxlint,server,types,bundles,trace').split(','));
const plan = smoke
  ? { corpusFiles: 40, runs: 1, ruleRuns: 1, sampleEvery: 1, sizes: [100], edits: 5, coldStarts: 1, warmOpens: 1, memoryEdits: 20, typedFiles: 10, typedEdits: 3, vsix: false, traceBytes: 64 << 20, traceRuns: 1, httpRequests: 500 }
  : { corpusFiles: Infinity, runs: 5, ruleRuns: 3, sampleEvery: 3, sizes: [100, 1000, 5000], edits: 200, coldStarts: 3, warmOpens: 5, memoryEdits: 1000, typedFiles: 200, typedEdits: 20, vsix: true, traceBytes: 1 << 30, traceRuns: 5, httpRequests: 5000 };
plan.runs = Number(valueOf('--runs') ?? plan.runs);

function valueOf(flag) {
  const index = args.indexOf(flag);
  return index === -1 ? undefined : args[index + 1];
}

const started = performance.now();
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
  node: process.version,
  loadAverageAtStart: round(loadavg()[0], 2),
};
const log = (message) => process.stderr.write(`bench: ${message}\n`);
const corpus = ensureCorpus({ log });
const files = corpus.files.slice(0, plan.corpusFiles).map((file) => ({
  ...file,
  filename: join(corpus.filesDirectory, file.path),
  text: readFileSync(join(corpus.filesDirectory, file.path), 'utf8'),
}));
const lines = files.reduce((sum, file) => sum + file.lines, 0);
log(`corpus: ${new Set(files.map((file) => file.path.split('/').slice(0, file.path.startsWith('@') ? 2 : 1).join('/'))).size} packages, ${files.length} files, ${lines} lines`);

const figures = { smoke, machine, corpus: { files: files.length, lines, packages: corpus.totals.packages, hash: corpus.hash } };

if (only.has('rules') || only.has('oxlint')) {
  log(`ESLint: no rules, recommended and all, ${plan.runs} runs; each rule alone, ${plan.ruleRuns} runs`);
  figures.rules = measureRuleCost(corpus, files, plan);
}
if (only.has('oxlint')) {
  log('oxlint with the rules as a JS plugin');
  const paths = plan.corpusFiles === Infinity ? undefined : files.map((file) => file.path);
  figures.oxlint = measureOxlint(corpus, figures.rules.problems, { runs: plan.runs, paths });
  const eslintFloor = figures.rules.wallMilliseconds.floor.median;
  figures.oxlint.eslintFloorOverOxlint = {
    allThreads: ratio(eslintFloor, figures.oxlint.wallMilliseconds.allThreads.median),
    oneThread: ratio(eslintFloor, figures.oxlint.wallMilliseconds.oneThread.median),
  };
}
if (figures.rules) figures.rules.problems = figures.rules.problems.length;
if (only.has('server')) {
  log('language server over stdio');
  figures.server = await measureServer(corpus, plan);
}
if (only.has('types')) {
  log(`type-aware re-lint in a generated ${plan.typedFiles}-file TypeScript project`);
  const project = generateTypeScriptProject(plan.typedFiles);
  try {
    figures.typeAware = {
      inProcess: measureTypeAware(project, { edits: plan.typedEdits }),
      server: await measureServerTypeAware(project, { edits: plan.typedEdits }),
    };
  } finally {
    rmSync(project.root, { recursive: true, force: true });
  }
}
if (only.has('bundles')) {
  log('bundle sizes');
  figures.bundles = measureBundles({ packageVsix: plan.vsix });
}
if (only.has('trace')) {
  figures.trace = await measureTraceOverhead({ ...plan, log });
}
figures.targets = judgeTargets(figures);
machine.loadAverageAtEnd = round(loadavg()[0], 2);
figures.seconds = round((performance.now() - started) / 1000);
printTable(figures);
console.log(JSON.stringify(figures));

/** Each target of the issue, with the figure it is judged on; absent parts are left out. */
function judgeTargets({ rules, oxlint, server, typeAware, trace }) {
  const targets = [];
  const add = (name, value, limit, met) => targets.push({ name, value, limit, met });
  if (rules) {
    add('recommended overhead over parse+scope', rules.overhead.recommended, '<= 0.10', rules.overhead.recommended <= 0.1);
    for (const rule of rules.perRule) add(`${rule.ruleId} overhead`, rule.overhead, '<= 0.03', rule.overhead <= 0.03);
  }
  if (oxlint) {
    add('ESLint floor / oxlint with our plugin', oxlint.eslintFloorOverOxlint.allThreads, '>= 4', oxlint.eslintFloorOverOxlint.allThreads >= 4);
    add('oxlint reports the same problems', oxlint.comparison.same === oxlint.comparison.eslint && oxlint.comparison.oxlint === oxlint.comparison.eslint, 'true', oxlint.comparison.same === oxlint.comparison.eslint && oxlint.comparison.oxlint === oxlint.comparison.eslint);
  }
  const thousand = server?.files?.find((file) => file.lines >= 500 && file.lines < 2000) ?? server?.files?.[0];
  if (thousand) {
    add(`server edit p95 / raw verify p95 (${thousand.lines} lines)`, thousand.editP95OverRawVerifyP95, '<= 1.2', thousand.editP95OverRawVerifyP95 <= 1.2);
    add(`server cold open to diagnostics (${thousand.lines} lines), ms`, thousand.coldOpenMilliseconds.median, '< 500', thousand.coldOpenMilliseconds.median < 500);
  }
  if (server?.memory) {
    add(`server RSS after ${server.memory.edits} edits, MB`, server.memory.residentMegabytes, '< 150', server.memory.residentMegabytes < 150);
    add('server RSS growth over the second half, MB', server.memory.growthOverSecondHalfMegabytes, '<= 10', server.memory.growthOverSecondHalfMegabytes <= 10);
  }
  if (typeAware) {
    const typed = typeAware.server.editToTypedDiagnostics ?? typeAware.inProcess.editRelint;
    add('type-aware re-lint after an edit p95, ms', typed.p95, '< 150', typed.p95 < 150);
  }
  if (trace) {
    for (const [name, part] of Object.entries(trace)) {
      add(`stream tracer, ${name}: throughput with inventory and faults / without`, part.ratio.faults, '>= 0.98', part.ratio.faults >= 0.98);
      add(`stream tracer, ${name}: the same with sampled sites / without`, part.ratio.sampled, '>= 0.98', part.ratio.sampled >= 0.98);
      add(`stream tracer, ${name}: throughput with flow counting / without`, part.ratio.flow, '>= 0.90', part.ratio.flow >= 0.9);
    }
  }
  return targets;
}
