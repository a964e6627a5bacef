// The figures as a table for people; the JSON line after it is for machines.

const spread = (summary) => `${summary.median} (${summary.min}–${summary.max})`;
const latency = (summary) => `p50 ${summary.p50}, p95 ${summary.p95}`;
const percent = (value) => `${(value * 100).toFixed(1)} %`;
const signed = (value) => `${value >= 0 ? '+' : ''}${percent(value)}`;

export function printTable(figures) {
  const rows = [];
  const section = (title) => rows.push([title.toUpperCase(), '']);
  const row = (name, value) => rows.push([`  ${name}`, String(value)]);
  const { machine, corpus, rules, oxlint, server, typeAware, bundles, trace, targets } = figures;

  if (figures.smoke) rows.push(['SMOKE RUN: it checks that every part works; its figures mean nothing', '']);
  section('machine');
  row('cpu', `${machine.cpu}, ${machine.cores} cores, node ${machine.node}`);
  row('load average (start, end)', `${machine.loadAverageAtStart}, ${machine.loadAverageAtEnd}`);
  row('corpus', `${corpus.packages} packages, ${corpus.files} files, ${corpus.lines} lines`);
  if (rules) {
    section('ESLint, whole corpus (CPU ms, median (min–max))');
    row('no rules: parse + scope + traversal', spread(rules.cpuMilliseconds.floor));
    row('one empty rule (ESLint\'s cost of any rule)', `${spread(rules.cpuMilliseconds.oneEmptyRule)}  ${signed(rules.overhead.oneEmptyRule)}`);
    row('recommended', `${spread(rules.cpuMilliseconds.recommended)}  ${signed(rules.overhead.recommended)}; ${signed(rules.overhead.recommendedOverOneEmptyRule)} over one empty rule`);
    row('all', `${spread(rules.cpuMilliseconds.all)}  ${signed(rules.overhead.all)}`);
    row('wall ms: no rules / recommended / all', `${rules.wallMilliseconds.floor.median} / ${rules.wallMilliseconds.recommended.median} / ${rules.wallMilliseconds.all.median}`);
    const sample = rules.perRuleSample;
    row('each rule alone: CPU over the floor', `on ${sample.files} files, ${sample.lines} lines, ${sample.runs} runs (this machine: about ±10 %)`);
    for (const rule of rules.perRule) {
      row(`${rule.ruleId}${rule.recommended ? ' (rec.)' : ''}`, `${signed(rule.overhead)} alone; listeners ${rule.listenerMilliseconds} ms = ${percent(rule.listenerShareOfFloor)}`);
    }
  }
  if (oxlint) {
    section('oxlint with the plugin as jsPlugins (wall ms, process start included)');
    row('all threads', spread(oxlint.wallMilliseconds.allThreads));
    row('one thread', spread(oxlint.wallMilliseconds.oneThread));
    row('no rules, one thread', spread(oxlint.wallMilliseconds.noRulesOneThread));
    row('ESLint floor / oxlint (all threads, one)', `${oxlint.eslintFloorOverOxlint.allThreads}x, ${oxlint.eslintFloorOverOxlint.oneThread}x`);
    const { comparison } = oxlint;
    row('problems: ESLint, oxlint, same', `${comparison.eslint}, ${comparison.oxlint}, ${comparison.same}`);
    for (const problem of comparison.onlyEslint) row('only ESLint', problem);
    for (const problem of comparison.onlyOxlint) row('only oxlint', problem);
  }
  if (server?.missing) {
    section('language server');
    row('not measured', server.missing);
  } else if (server) {
    section('language server over stdio (wall ms)');
    for (const file of server.files) {
      row(`${file.lines} lines (${file.file})`, '');
      row('  cold open to diagnostics', spread(file.coldOpenMilliseconds));
      row('  warm open to diagnostics', spread(file.warmOpenMilliseconds));
      row('  edit to diagnostics', latency(file.edit));
      row('  Linter.verify, config array as given', latency(file.rawVerify.plainConfig));
      row('  Linter.verify, config normalized once', latency(file.rawVerify.preparedConfig));
      row('  Linter.verify, no rules', latency(file.rawVerify.noRules));
      row('  espree parse alone', latency(file.rawVerify.espreeParse));
    }
    const { memory } = server;
    row(`RSS after ${memory.edits} edits (${memory.lines} lines)`, `${memory.residentMegabytes} MB; at half ${memory.residentMegabytesAtHalf} MB`);
  }
  if (typeAware) {
    section(`type-aware, ${typeAware.inProcess.files}-file TypeScript project (wall ms)`);
    row('first lint (program built)', typeAware.inProcess.firstLintMilliseconds);
    row('edit re-lint, Linter in process', latency(typeAware.inProcess.editRelint));
    row('same, no rules (typed parse)', latency(typeAware.inProcess.typedParseOnly));
    if (typeAware.server.missing) row('server', typeAware.server.missing);
    else {
      row('server: open to typed diagnostics', typeAware.server.firstTypedDiagnosticsMilliseconds);
      row('server: edit to typed diagnostics', latency(typeAware.server.editToTypedDiagnostics));
    }
  }
  if (bundles) {
    section('bundles (kB, gzip kB)');
    for (const [name, size] of Object.entries(bundles)) row(name, size.missing ?? `${size.kilobytes}${size.gzipKilobytes ? `, ${size.gzipKilobytes}` : ''}`);
  }
  if (trace) {
    section('stream tracer (throughput per CPU second of the traced process, median (min–max))');
    const { pipeline, http } = trace;
    row(`${pipeline.megabytes} MiB, 4-stage pipeline, MiB/s: off`, spread(pipeline.throughput.off));
    const modes = { faults: 'inventory and faults', sampled: 'the same, sampled sites', flow: 'flow counting' };
    const traced = (part) => {
      for (const [mode, name] of Object.entries(modes)) row(`  ${name}`, `${spread(part.throughput[mode])}  x${part.ratio[mode]} (wall x${part.wallRatio[mode]})`);
    };
    row(`${pipeline.megabytes} MiB, 4-stage pipeline, MiB/s: off`, spread(pipeline.throughput.off));
    traced(pipeline);
    row(`http, ${http.requests} requests, requests/s: off`, spread(http.throughput.off));
    traced(http);
  }
  section('targets');
  for (const target of targets) row(`${target.met ? 'met   ' : 'MISSED'} ${target.name}`, `${target.value} (${target.limit})`);
  row('seconds', figures.seconds);

  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(rows.map(([name, value]) => (value ? `${name.padEnd(width)}  ${value}` : name)).join('\n'));
}
