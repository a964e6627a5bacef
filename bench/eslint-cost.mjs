// Figure 1: what our rules cost on top of the floor no ESLint rule can go below (parsing, scope
// analysis and traversal of the same files), and what each rule costs.
import { corpusConfigs } from '../scripts/corpus.mjs';
import { FlatConfigArray, Linter, plugin } from './eslint-internals.mjs';
import { ratio, round, summarize } from './statistics.mjs';

/**
 * Lints the corpus in memory, `runs` times after a warm-up pass, with no rules (the floor),
 * `recommended` and `all`; then each rule alone against the floor on every `sampleEvery`th file.
 * The sets take turns on each chunk of files, so a noisy neighbour on this shared machine slows
 * every set alike; and the time counted is this process's CPU time, which others' load disturbs
 * far less than the clock on the wall (the wall time is kept too).
 */
export function measureRuleCost(corpus, files, { runs, ruleRuns, sampleEvery }) {
  const base = corpusConfigs(corpus);
  const linter = new Linter({ cwd: corpus.filesDirectory });
  const floor = prepare(corpus, base);
  const all = prepare(corpus, [...base, plugin.configs.all]);
  const main = measureSets(
    linter,
    { floor, oneEmptyRule: prepare(corpus, [...base, emptyRuleConfig]), recommended: prepare(corpus, [...base, plugin.configs.recommended]), all },
    files,
    runs,
  );
  const ruleIds = Object.keys(plugin.configs.all.rules);
  const single = Object.fromEntries(
    ruleIds.map((ruleId) => [ruleId, prepare(corpus, [...base, { plugins: { 'node-streams': plugin }, rules: { [ruleId]: 'error' } }])]),
  );
  const sample = files.filter((_, index) => index % sampleEvery === 0);
  const alone = measureSets(linter, { floor, ...single }, sample, ruleRuns);
  const overhead = (times, name) => ratio(times[name].median - times.floor.median, times.floor.median);
  const listenerTimes = ruleListenerTimes(linter, all.configArray, files);
  const floorMilliseconds = main.cpu.floor.median;
  const perRule = ruleIds.map((ruleId) => ({
    ruleId,
    recommended: ruleId in plugin.configs.recommended.rules,
    overhead: overhead(alone.cpu, ruleId),
    listenerMilliseconds: round(listenerTimes.get(ruleId) ?? 0),
    listenerShareOfFloor: ratio(listenerTimes.get(ruleId) ?? 0, floorMilliseconds),
  }));
  return {
    cpuMilliseconds: main.cpu,
    wallMilliseconds: main.wall,
    overhead: {
      recommended: overhead(main.cpu, 'recommended'),
      all: overhead(main.cpu, 'all'),
      oneEmptyRule: overhead(main.cpu, 'oneEmptyRule'),
      recommendedOverOneEmptyRule: ratio(main.cpu.recommended.median - main.cpu.oneEmptyRule.median, main.cpu.oneEmptyRule.median),
    },
    perRuleSample: { files: sample.length, lines: sample.reduce((sum, file) => sum + file.lines, 0), runs: ruleRuns },
    perRule: perRule.sort((a, b) => b.overhead - a.overhead),
    problems: main.problems,
  };
}

/** CPU and wall time of each set over `runs` passes, after a warm-up pass; `all`'s problems. */
function measureSets(linter, sets, files, runs) {
  const names = Object.keys(sets);
  const cpu = Object.fromEntries(names.map((name) => [name, []]));
  const wall = Object.fromEntries(names.map((name) => [name, []]));
  let problems = [];
  lintInTurns(linter, sets, files, 0);
  for (let run = 0; run < runs; run += 1) {
    const pass = lintInTurns(linter, sets, files, run);
    for (const name of names) {
      cpu[name].push(pass.cpu[name]);
      wall[name].push(pass.wall[name]);
    }
    problems = pass.problems;
  }
  const summaries = (samples) => Object.fromEntries(names.map((name) => [name, summarize(samples[name])]));
  return { cpu: summaries(cpu), wall: summaries(wall), problems };
}

/**
 * A rule that does nothing: ESLint with any rule at all costs more than with none (measured here:
 * mostly garbage collection), a cost no rule of ours can go below either.
 */
const emptyRuleConfig = {
  plugins: { benchmark: { rules: { nothing: { meta: { schema: [] }, create: () => ({ Program() {} }) } } } },
  rules: { 'benchmark/nothing': 'error' },
};

/**
 * A config array normalized once, as ESLint's own CLI keeps it: `Linter.verify` given a plain array
 * would rebuild it for every file, a cost that belongs to neither the floor nor our rules.
 */
function prepare(corpus, configs) {
  const configArray = new FlatConfigArray(configs, { basePath: corpus.filesDirectory });
  configArray.normalizeSync();
  return { configArray };
}

/**
 * One pass over the corpus, a chunk of files at a time: each set lints the chunk in turn, in an
 * order that rotates from chunk to chunk. Chunks of a few thousand lines keep the turns short
 * enough to share the neighbours' noise, and long enough for the kernel's CPU accounting (in
 * scheduler ticks on many machines) to measure well.
 */
function lintInTurns(linter, sets, files, run) {
  const names = Object.keys(sets);
  const cpu = Object.fromEntries(names.map((name) => [name, 0]));
  const wall = Object.fromEntries(names.map((name) => [name, 0]));
  const problems = [];
  chunksOf(files, linesPerChunk).forEach((chunk, index) => {
    const shift = (index + run) % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const startCpu = process.cpuUsage();
      const startWall = performance.now();
      const results = chunk.map((file) => linter.verify(file.text, sets[name].configArray, { filename: file.filename }));
      wall[name] += performance.now() - startWall;
      const used = process.cpuUsage(startCpu);
      cpu[name] += (used.user + used.system) / 1000;
      if (name === 'all') chunk.forEach((file, position) => problems.push(...problemsOf(file, results[position])));
    }
  });
  return { cpu, wall, problems };
}

const linesPerChunk = 3000;

function chunksOf(files, lines) {
  const chunks = [[]];
  let size = 0;
  for (const file of files) {
    if (size >= lines) {
      chunks.push([]);
      size = 0;
    }
    chunks.at(-1).push(file);
    size += file.lines;
  }
  return chunks;
}

function problemsOf(file, messages) {
  return messages.flatMap((message) => {
    if (message.fatal) throw new Error(`${file.path}: ${message.message}`);
    return message.ruleId?.startsWith('node-streams/')
      ? [{ path: file.path, line: message.line, column: message.column, ruleId: message.ruleId }]
      : [];
  });
}

/**
 * ESLint's `stats` option times the listeners of every rule (not what a rule costs ESLint around
 * them). A separate pass, as it wraps them; `verifyAndFix` without fixing is the call that keeps
 * the times, one file at a time.
 */
function ruleListenerTimes(linter, configArray, files) {
  const totals = new Map();
  for (const file of files) {
    linter.verifyAndFix(file.text, configArray, { filename: file.filename, stats: true, fix: false });
    for (const [ruleId, { total }] of Object.entries(linter.getTimes().passes[0]?.rules ?? {})) {
      totals.set(ruleId, (totals.get(ruleId) ?? 0) + total);
    }
  }
  return totals;
}
