// Where the time of our rules goes: lints the corpus with a config under the V8 profiler and prints
// the functions of the plugin bundle that cost most, by self time and with their callees.
//
//   node bench/profile.mjs [none|recommended|all] [--save file.cpuprofile] [--rule node-streams/x]
//
// It also prints the time by package (ESLint, espree, eslint-scope, the plugin…): compared with a
// run of `none`, that shows what the rules cost inside ESLint, around their own code.
import { Session } from 'node:inspector/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusConfigs, ensureCorpus } from '../scripts/corpus.mjs';
import { FlatConfigArray, Linter, plugin, pluginPath } from './eslint-internals.mjs';

const args = process.argv.slice(2);
const savePath = valueOf('--save');
const onlyRule = valueOf('--rule');
const configName = args.find((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--')) ?? 'recommended';

function valueOf(flag) {
  const index = args.indexOf(flag);
  return index === -1 ? undefined : args[index + 1];
}

const corpus = ensureCorpus();
const files = corpus.files.map((file) => ({
  filename: join(corpus.filesDirectory, file.path),
  text: readFileSync(join(corpus.filesDirectory, file.path), 'utf8'),
}));
const ruleConfigs = onlyRule
  ? [{ plugins: { 'node-streams': plugin }, rules: { [onlyRule]: 'error' } }]
  : configName === 'none'
    ? []
    : [plugin.configs[configName]];
const configArray = new FlatConfigArray([...corpusConfigs(corpus), ...ruleConfigs], { basePath: corpus.filesDirectory });
configArray.normalizeSync();
const linter = new Linter({ cwd: corpus.filesDirectory });
const lintAll = () => files.forEach((file) => linter.verify(file.text, configArray, { filename: file.filename }));

lintAll(); // warm-up: the profile should show steady state, not compilation
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const start = performance.now();
lintAll();
lintAll();
const elapsed = performance.now() - start;
const { profile } = await session.post('Profiler.stop');
if (savePath) writeFileSync(savePath, JSON.stringify(profile));

const summary = summarizeProfile(profile, pluginPath);
console.log(`${configName}${onlyRule ? ` + only ${onlyRule}` : ''}: two passes over ${files.length} files in ${Math.round(elapsed)} ms`);
console.log(`time in the plugin bundle (self): ${summary.pluginSelf.toFixed(0)} ms of ${summary.total.toFixed(0)} ms sampled`);
console.log('\nself time by package (ms):');
for (const [name, milliseconds] of summary.byPackage) console.log(`${milliseconds.toFixed(0).padStart(9)}  ${name}`);
console.log('\nplugin functions by self time (ms):');
for (const row of summary.bySelf.slice(0, 25)) console.log(`${row.self.toFixed(1).padStart(9)}  ${row.name}`);
console.log('\nplugin functions by total time, callees included (ms):');
for (const row of summary.byTotal.slice(0, 25)) console.log(`${row.total.toFixed(1).padStart(9)}  ${row.name}`);

function packageOf(url, scriptPath) {
  if (url.endsWith(scriptPath)) return 'the plugin (rules/dist)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (!match) return 'node internals';
  // ESLint's own parts are worth telling apart: the traversal, code paths, config, source code.
  if (match[1] === 'eslint') return `eslint/${match[2].split('/').slice(0, 3).join('/')}`;
  return match[1];
}

/** Self and inclusive time per function of one script (inclusive counted once per stack). */
function summarizeProfile({ nodes, samples, timeDeltas }, scriptPath) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map();
  const total = new Map();
  const byPackage = new Map();
  let pluginSelf = 0;
  let sampled = 0;
  const ownName = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    return url.endsWith(scriptPath) || url.endsWith(scriptPath.replaceAll('\\', '/'))
      ? `${functionName || '(anonymous)'} (index.js:${lineNumber + 1})`
      : null;
  };
  samples.forEach((id, index) => {
    const milliseconds = (timeDeltas[index] ?? 0) / 1000;
    sampled += milliseconds;
    const leaf = byId.get(id);
    const leafName = ownName(leaf);
    const owner = leaf.callFrame.url ? packageOf(leaf.callFrame.url, scriptPath) : leaf.callFrame.functionName;
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + milliseconds);
    if (leafName) {
      self.set(leafName, (self.get(leafName) ?? 0) + milliseconds);
      pluginSelf += milliseconds;
    }
    const onStack = new Set();
    for (let current = id; current !== undefined; current = parentOf.get(current)) {
      const name = ownName(byId.get(current));
      if (name) onStack.add(name);
    }
    for (const name of onStack) total.set(name, (total.get(name) ?? 0) + milliseconds);
  });
  const rows = [...new Set([...self.keys(), ...total.keys()])].map((name) => ({
    name,
    self: self.get(name) ?? 0,
    total: total.get(name) ?? 0,
  }));
  return {
    total: sampled,
    pluginSelf,
    byPackage: [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15),
    bySelf: [...rows].sort((a, b) => b.self - a.self),
    byTotal: [...rows].sort((a, b) => b.total - a.total),
  };
}
