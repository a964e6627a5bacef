// Figure 1: what our rules cost on top of the floor no ESLint rule can go below (parsing, scope
// analysis and traversal of the same files), and what each rule costs.
import { corpusConfigs } from '../scripts/corpus.mjs';
import { FlatConfigArray, Linter, plugin } from './eslint-internals.mjs';
import { ratio, round, summarize } from './statistics.mjs';

/**
 * Lints the corpus in memory, `runs` times after a warm-up pass, under several rule sets: none
 * (the floor), `recommended`, `all`, and each rule alone. Each file is linted under every set in
 * turn before the next file, so a noisy neighbour on this shared machine slows every set alike;
 * and the time counted is this process's CPU time, which others' load disturbs far less than the
 * clock on the wall (the wall time is kept too).
 */
export function measureRuleCost(corpus, files, { runs }) {
  const base = corpusConfigs(corpus);
  const sets = {
    floor: prepare(corpus, base),
    recommended: prepare(corpus, [...base, plugin.configs.recommended]),
    all: prepare(corpus, [...base, plugin.configs.all]),
  };
  for (const ruleId of Object.keys(plugin.configs.all.rules)) {
    sets[ruleId] = prepare(corpus, [...base, { plugins: { 'node-streams': plugin }, rules: { [ruleId]: 'error' } }]);
  }
  const names = Object.keys(sets);
  const linter = new Linter({ cwd: corpus.filesDirectory });
  lintInTurns(linter, sets, files, 0);
  const cpu = Object.fromEntries(names.map((name) => [name, []]));
  const wall = Object.fromEntries(names.map((name) => [name, []]));
  let problems = [];
  for (let run = 0; run < runs; run += 1) {
    const pass = lintInTurns(linter, sets, files, run);
    for (const name of names) {
      cpu[name].push(pass.cpu[name]);
      wall[name].push(pass.wall[name]);
    }
    problems = pass.problems;
  }
  const cpuTimes = Object.fromEntries(names.map((name) => [name, summarize(cpu[name])]));
  const floor = cpuTimes.floor.median;
  const overheadOf = (name) => ratio(cpuTimes[name].median - floor, floor);
  const listenerTimes = ruleListenerTimes(linter, sets.all.configArray, files);
  const perRule = Object.keys(plugin.configs.all.rules).map((ruleId) => ({
    ruleId,
    recommended: ruleId in plugin.configs.recommended.rules,
    overhead: overheadOf(ruleId),
    listenerMilliseconds: round(listenerTimes.get(ruleId) ?? 0),
    listenerShareOfFloor: ratio(listenerTimes.get(ruleId) ?? 0, floor),
  }));
  return {
    cpuMilliseconds: { floor: cpuTimes.floor, recommended: cpuTimes.recommended, all: cpuTimes.all },
    wallMilliseconds: { floor: summarize(wall.floor), recommended: summarize(wall.recommended), all: summarize(wall.all) },
    overhead: { recommended: overheadOf('recommended'), all: overheadOf('all') },
    perRule: perRule.sort((a, b) => b.overhead - a.overhead),
    problems,
  };
}

/**
 * A config array normalized once, as ESLint's own CLI keeps it: `Linter.verify` given a plain array
 * would rebuild it for every file, a cost that belongs to neither the floor nor our rules.
 */
function prepare(corpus, configs) {
  const configArray = new FlatConfigArray(configs, { basePath: corpus.filesDirectory });
  configArray.normalizeSync();
  return { configArray };
}

/** One pass over the corpus; the order of the sets rotates from file to file. */
function lintInTurns(linter, sets, files, run) {
  const names = Object.keys(sets);
  const cpu = Object.fromEntries(names.map((name) => [name, 0]));
  const wall = Object.fromEntries(names.map((name) => [name, 0]));
  const problems = [];
  files.forEach((file, index) => {
    const shift = (index + run) % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const startCpu = process.cpuUsage();
      const startWall = performance.now();
      const messages = linter.verify(file.text, sets[name].configArray, { filename: file.filename });
      wall[name] += performance.now() - startWall;
      const used = process.cpuUsage(startCpu);
      cpu[name] += (used.user + used.system) / 1000;
      if (name !== 'all') continue;
      for (const message of messages) {
        if (message.fatal) throw new Error(`${file.path}: ${message.message}`);
        if (message.ruleId?.startsWith('node-streams/')) problems.push({ path: file.path, line: message.line, column: message.column, ruleId: message.ruleId });
      }
    }
  });
  return { cpu, wall, problems };
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
