// What the editor shows of a stream trace, on traces of real programs: each fixture runs in a spawned
// Node process with the tracer in NODE_OPTIONS and a trace file per process, as the "Run with
// Stream Trace" command runs the active file or an npm script.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  isUnderFolders,
  marksAfterEdit,
  readTraceDirectory,
  streamSiteSummaries,
  traceDiagnostics,
  traceGraph,
  type Trace,
} from '../../client/src/stream-trace.js';
import { fixtures, lineOf, tracerEntry } from '../trace/traced-program.js';

const directories: string[] = [];
after(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'node-streams-editor-trace-'));
  directories.push(directory);
  return directory;
}

/** Runs a program the way the command does, and reads every trace its processes wrote. */
function traceOf(program: string, options: { args?: string[]; environment?: Record<string, string> } = {}): { traces: Trace[]; status: number | null } {
  const directory = temporaryDirectory();
  const result = spawnSync(process.execPath, [program, ...(options.args ?? [])], {
    cwd: fixtures,
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      ...process.env,
      NODE_OPTIONS: `--require "${tracerEntry}"`,
      NODE_STREAMS_TRACE_FILE: join(directory, 'trace-{pid}.json'),
      NODE_STREAMS_TRACE_SUMMARY: 'none',
      ...options.environment,
    },
  });
  const traces = readTraceDirectory(directory).map((entry) => {
    if ('problem' in entry) throw new Error(`${entry.file}: ${entry.problem}`);
    return entry.trace;
  });
  return { traces, status: result.status };
}

const inFixtures = isUnderFolders([fixtures]);
const fixture = (name: string) => join(fixtures, name);

describe('stream trace in the editor', () => {
  it('puts a leaked file stream at the line and column that created it, with a lens of its flow', () => {
    const { traces, status } = traceOf(fixture('leaked-file-stream.cjs'));
    assert.equal(status, 0);
    const diagnostics = traceDiagnostics(traces, inFixtures);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [leak] = diagnostics;
    assert.equal(leak.file, fixture('leaked-file-stream.cjs'));
    assert.equal(leak.line, lineOf('leaked-file-stream.cjs', 'leak-site') - 1);
    assert.equal(leak.character, 18);
    assert.equal(leak.severity, 'warning');
    assert.match(leak.message, /^leak: ReadStream #\d+: never finished, destroyed or closed before the process exited; out 0 B$/);
    // Its creation stack has only Node's module loader above the line: nothing to point to.
    assert.deepEqual(leak.related, []);
    const lenses = streamSiteSummaries(traces, inFixtures);
    assert.deepEqual(
      lenses.map(({ line, title }) => [line, title]),
      [[leak.line, 'ReadStream (readable) · out 0 B · no backpressure']],
    );
  });

  it('names the stalled stage with its stall duration and bytes, and draws the pipeline', () => {
    const { traces } = traceOf(fixture('stalled-pipeline.cjs'), { environment: { NODE_STREAMS_TRACE_STALL_MS: '0' } });
    const line = lineOf('stalled-pipeline.cjs', 'pipeline-site') - 1;
    const stalls = traceDiagnostics(traces, inFixtures).filter((diagnostic) => diagnostic.type === 'stall');
    const bottleneck = stalls.find((diagnostic) => diagnostic.message.includes('the bottleneck'));
    assert.ok(bottleneck, JSON.stringify(stalls));
    assert.equal(bottleneck.line, line);
    assert.match(bottleneck.message, /^stall: SlowStage #\d+: write\(\) returned false and 'drain' had not come for \d+ ms; the bottleneck: nothing downstream of it is stalled; in 16\.0 KB, out 0 B$/);
    const behind = stalls.find((diagnostic) => diagnostic.message.startsWith('stall: PassThrough'));
    assert.match(behind?.message ?? '', /stalled behind SlowStage #\d+/);
    // Three stages are made on the pipeline's line: one lens says each, in the order of the line.
    const lens = streamSiteSummaries(traces, inFixtures).find((summary) => summary.line === line);
    assert.match(lens?.title ?? '', /^PassThrough \(transform\) · in [\d.]+ KB · out [\d.]+ KB · .*1 stall.*\| {2}SlowStage \(transform\) · in 16\.0 KB · out 0 B/);

    const graph = traceGraph(traces, inFixtures);
    const labels = graph.nodes.map((node) => node.label.replace(/ #\d+$/, ''));
    assert.deepEqual(labels.sort(), ['PassThrough', 'Readable', 'SlowStage', 'Writable']);
    assert.equal(graph.edges.length, 3);
    for (const edge of graph.edges) {
      assert.equal(edge.kind, 'pipeline');
      assert.equal(edge.label, `pipeline() at stalled-pipeline.cjs:${line + 1}:1`);
    }
    const slow = graph.nodes.find((node) => node.label.startsWith('SlowStage'));
    // It holds its callback and its stream stays open at exit as well.
    assert.deepEqual(slow?.findings.sort(), ['callback-never-called', 'leak', 'stall']);
    assert.match(slow?.detail ?? '', /^transform at stalled-pipeline\.cjs:\d+:\d+\nin 16\.0 KB, out 0 B\n/);
  });

  it('points a write() after end() to the late call in the related information', () => {
    const { traces } = traceOf(fixture('write-after-end.cjs'));
    const [late] = traceDiagnostics(traces, inFixtures);
    assert.equal(late.severity, 'error');
    assert.match(late.message, /^write\(\) after end\(\): Writable #\d+: write\(\) called after end\(\)/);
    assert.equal(late.related[0].message, 'write() after end() here');
    assert.equal(late.related[0].line, lineOf('write-after-end.cjs', 'late-write') - 1);
  });

  it('points a callback called twice to the second call', () => {
    const { traces } = traceOf(fixture('double-callback.cjs'));
    const twice = traceDiagnostics(traces, inFixtures).find((diagnostic) => diagnostic.type === 'multiple-callback');
    assert.equal(twice?.severity, 'error');
    assert.equal(twice?.related[0].message, 'called again here');
    assert.equal(twice?.related[0].line, lineOf('double-callback.cjs', 'second-call') - 1);
  });

  it("reports an 'error' with no listener with its error and the crash", () => {
    const { traces, status } = traceOf(fixture('unhandled-error.mjs'));
    assert.equal(status, 1);
    const unheard = traceDiagnostics(traces, inFixtures).find((diagnostic) => diagnostic.type === 'unhandled-error');
    assert.equal(unheard?.line, lineOf('unhandled-error.mjs', 'error-site') - 1);
    assert.match(unheard?.message ?? '', /^'error' with no listener: ReadStream #\d+: ENOENT: no such file or directory, open '.*no-such-file\.txt' \(the process crashed\)$/);
  });

  it('gives a correct program no diagnostics and lenses with the bytes of each stage', () => {
    const directory = temporaryDirectory();
    const input = join(directory, 'input.txt');
    writeFileSync(input, 'abc\n'.repeat(50_000));
    const { traces, status } = traceOf(fixture('correct-pipeline.mjs'), { args: [input, join(directory, 'output.txt')] });
    assert.equal(status, 0);
    assert.deepEqual(traceDiagnostics(traces, inFixtures), []);
    const size = `${(statSync(input).size / 1024).toFixed(1)} KB`;
    const titles = streamSiteSummaries(traces, inFixtures).map((lens) => lens.title);
    assert.ok(titles.some((title) => title.includes(`ReadStream (readable) · out ${size} · `)), JSON.stringify(titles));
    assert.ok(titles.some((title) => title.includes(`WriteStream (writable) · in ${size} · `)), JSON.stringify(titles));
    assert.ok(titles.every((title) => !/\d stall/.test(title)), JSON.stringify(titles));
  });

  it('reads one trace per process when the program starts another Node process, and keeps to the program files', () => {
    const directory = temporaryDirectory();
    const parent = join(directory, 'parent.cjs');
    // Like `npm run`: a Node process that starts the program, inheriting NODE_OPTIONS.
    writeFileSync(parent, `require('node:child_process').spawnSync(process.execPath, [${JSON.stringify(fixture('leaked-file-stream.cjs'))}], { stdio: 'inherit' });\n`);
    const { traces } = traceOf(parent);
    assert.equal(traces.length, 2);
    assert.deepEqual(new Set(traces.map((trace) => trace.pid)).size, 2);
    assert.equal(traceDiagnostics(traces, inFixtures).length, 1);
    assert.deepEqual(traceDiagnostics(traces, isUnderFolders([directory])), [], 'the leak is not in the parent program');
    assert.equal(isUnderFolders([directory])(join(directory, 'node_modules', 'lib', 'index.js')), false);
  });

  it('gives one diagnostic per site for the streams a loop creates there', () => {
    const directory = temporaryDirectory();
    const program = join(directory, 'loop.cjs');
    writeFileSync(program, "const { PassThrough } = require('node:stream');\nfor (let i = 0; i < 3; i++) new PassThrough().write('x');\n");
    const { traces } = traceOf(program);
    const diagnostics = traceDiagnostics(traces, isUnderFolders([directory]));
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.match(diagnostics[0].message, /^leak: PassThrough #\d+: .* \(and 2 more streams created here\)$/);
    assert.match(streamSiteSummaries(traces, isUnderFolders([directory]))[0].title, /^3 × PassThrough \(transform\) · in 3 B · out 3 B/);
  });

  it('gives the callers of the creating line as related information', () => {
    const directory = temporaryDirectory();
    const program = join(directory, 'callers.cjs');
    writeFileSync(program, "const { PassThrough } = require('node:stream');\nfunction open() {\n  return new PassThrough();\n}\nfunction start() {\n  return open();\n}\nstart();\n");
    const { traces } = traceOf(program);
    const [leak] = traceDiagnostics(traces, isUnderFolders([directory]));
    assert.equal(leak.line, 2);
    assert.deepEqual(
      leak.related.map(({ file, line, message }) => [file, line, message.replace(/ \(.*\)$/, '')]),
      [
        [program, 5, 'created from start'],
        [program, 7, 'created from ' + program + ':8:1'],
      ],
    );
  });

  it('says which file of a run is not a trace', () => {
    const directory = temporaryDirectory();
    writeFileSync(join(directory, 'other.json'), '{"schema":"something-else"}');
    const [entry] = readTraceDirectory(directory);
    assert.ok('problem' in entry);
    assert.match(entry.problem, /not a node-streams-trace\/1 trace/);
  });

  it('drops the marks on the lines an edit touches and moves those below it', () => {
    const marks = [{ line: 2 }, { line: 5 }, { line: 9 }];
    // Lines 4 to 5 replaced by three lines: the mark on 5 goes, the one on 9 moves down one.
    assert.deepEqual(marksAfterEdit(marks, { startLine: 4, endLine: 5, insertedLines: 2 }), [{ line: 2 }, { line: 10 }]);
    // Typing within line 2 only.
    assert.deepEqual(marksAfterEdit(marks, { startLine: 2, endLine: 2, insertedLines: 0 }), [{ line: 5 }, { line: 9 }]);
  });
});
