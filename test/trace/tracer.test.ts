// The stream tracer on real programs: each finding is checked on a spawned Node process running a
// fixture under `--require`/`--import node-streams-trace`, the way a user runs it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findingsOf, fixtures, lineOf, reportCommand, runFixture, tracerEntry, type Trace } from './traced-program.js';

const userStreams = (trace: Trace) => trace.streams.filter((stream) => !stream.stdio);

describe('stream tracer', () => {
  it('changes nothing a program can see of its streams: listeners, flow mode, keys, exit code', () => {
    const plain = runFixture('observed-state.cjs', { traced: false });
    const traced = runFixture('observed-state.cjs', { environment: { NODE_STREAMS_TRACE_SUMMARY: 'none' } });
    assert.equal(plain.status, 3);
    assert.equal(traced.status, plain.status);
    assert.equal(traced.stdout, plain.stdout);
    assert.equal(traced.stderr, plain.stderr);
    assert.match(plain.stdout, /"flowing":null/, 'the source was still paused before pipe()');
    assert.deepEqual(traced.trace?.findings, []);
  });

  it('reports a leaked file stream at the line that created it', () => {
    const run = runFixture('leaked-file-stream.cjs');
    assert.equal(run.status, 0, run.stderr);
    const [leak, ...others] = findingsOf(run.trace, 'leak');
    assert.equal(others.length, 0, JSON.stringify(others));
    assert.equal(leak.className, 'ReadStream');
    assert.equal(leak.site?.file, join(fixtures, 'leaked-file-stream.cjs'));
    assert.equal(leak.site?.line, lineOf('leaked-file-stream.cjs', 'leak-site'));
    assert.equal(leak.site?.column, 19);
    assert.match(run.stderr, /leak: ReadStream #\d+ created at leaked-file-stream\.cjs:3:19/);
  });

  it('names the slow stage of a stalled pipeline as the bottleneck', () => {
    const run = runFixture('stalled-pipeline.cjs', { environment: { NODE_STREAMS_TRACE_STALL_MS: '0' } });
    assert.equal(run.status, 0, run.stderr);
    const trace = run.trace!;
    const stalls = findingsOf(trace, 'stall');
    const bottlenecks = stalls.filter((stall) => stall.bottleneck);
    assert.deepEqual(bottlenecks.map((stall) => stall.className), ['SlowStage']);
    const slow = bottlenecks[0];
    assert.equal(slow.site?.line, lineOf('stalled-pipeline.cjs', 'pipeline-site'));
    // The stage before it is stalled too, behind it, not as a bottleneck of its own.
    const behind = stalls.find((stall) => stall.className === 'PassThrough');
    assert.equal(behind?.behindStreamId, slow.streamId);
    // The slow stage holds its _transform callback; the PassThrough only waits on backpressure.
    assert.deepEqual(findingsOf(trace, 'callback-never-called').map((finding) => finding.className), ['SlowStage']);
    const [pipeline] = trace.pipelines;
    assert.equal(pipeline.stages.length, 4);
    assert.equal(pipeline.stages[2], slow.streamId);
    const report = reportOf(trace);
    assert.equal(report.status, 0, report.stderr);
    const line = lineOf('stalled-pipeline.cjs', 'pipeline-site');
    assert.match(report.stdout, new RegExp(`pipeline\\(\\) at \\S*stalled-pipeline\\.cjs:${line}:1\n`));
    assert.match(report.stdout, new RegExp(`-> SlowStage #\\d+ \\(\\S*stalled-pipeline\\.cjs:${line}:\\d+\\) \\[transform, open, in [\\d.]+ KB.*STALLED since`));
    assert.match(report.stdout, /stall: SlowStage #\d+ .*the bottleneck/);
  });

  it("reports an 'error' with no listener before the crash, with the crash's exit code and stderr unchanged", () => {
    const plain = runFixture('unhandled-error.mjs', { traced: false });
    const traced = runFixture('unhandled-error.mjs', { loader: 'import' });
    assert.equal(plain.status, 1);
    assert.match(plain.stderr, /ENOENT/);
    assert.equal(traced.status, plain.status);
    assert.equal(traced.stderr, plain.stderr);
    assert.equal(traced.stdout, plain.stdout);
    const trace = traced.trace!;
    const [unheard] = findingsOf(trace, 'unhandled-error');
    assert.equal(unheard.className, 'ReadStream');
    assert.equal(unheard.site?.line, lineOf('unhandled-error.mjs', 'error-site'));
    assert.match(unheard.message, /ENOENT/);
    assert.equal(trace.reason, 'crash');
    assert.ok(trace.crash, 'the crash is in the trace');
    assert.ok(unheard.sequence < trace.crash.sequence, 'the error was recorded before the crash');
  });

  it('reports a callback called twice at the second call', () => {
    const run = runFixture('double-callback.cjs');
    assert.equal(run.stdout, 'error ERR_MULTIPLE_CALLBACK\n');
    const [twice] = findingsOf(run.trace, 'multiple-callback');
    assert.equal(twice.className, 'Transform');
    assert.equal(twice.callSite?.line, lineOf('double-callback.cjs', 'second-call'));
    assert.deepEqual(findingsOf(run.trace, 'unhandled-error'), [], 'the error had a listener');
  });

  it('reports write() after end() at the late write, even when no error event is emitted', () => {
    const run = runFixture('write-after-end.cjs');
    assert.equal(run.stdout, 'callback ERR_STREAM_WRITE_AFTER_END\n');
    const [late] = findingsOf(run.trace, 'write-after-end');
    assert.equal(late.className, 'Writable');
    assert.equal(late.callSite?.line, lineOf('write-after-end.cjs', 'late-write'));
  });

  it('gives a correct program a clean report with the bytes of every stage', () => {
    const directory = mkdtempSync(join(tmpdir(), 'node-streams-trace-io-'));
    try {
      const input = join(directory, 'input.txt');
      writeFileSync(input, 'abc\n'.repeat(50_000));
      const run = runFixture('correct-pipeline.mjs', { loader: 'import', args: [input, join(directory, 'output.txt')] });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^same size ABC/);
      const trace = run.trace!;
      assert.deepEqual(trace.findings, []);
      assert.match(run.stderr, /no findings/);
      const size = statSync(input).size;
      const [pipeline] = trace.pipelines;
      const stages = pipeline.stages.map((id) => trace.streams.find((stream) => stream.id === id)!);
      assert.deepEqual(stages.map((stream) => stream.className), ['ReadStream', 'Upper', 'Transform', 'WriteStream']);
      assert.deepEqual(stages.map((stream) => stream.kind), ['readable', 'transform', 'transform', 'writable']);
      assert.equal(stages[0].flow?.bytesOut, size);
      assert.equal(stages[1].flow?.bytesIn, size);
      assert.equal(stages[3].flow?.bytesIn, size);
      assert.deepEqual(stages[0].pipes, [stages[1].id]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('traces programs written with readable-stream and user classes', () => {
    const run = runFixture('readable-stream-program.mjs', { loader: 'import' });
    assert.equal(run.status, 0, run.stderr);
    const trace = run.trace!;
    const upper = userStreams(trace).find((stream) => stream.className === 'Upper');
    assert.equal(upper?.kind, 'transform');
    assert.deepEqual(upper?.flow && [upper.flow.chunksIn, upper.flow.chunksOut], [3, 3]);
    const [late] = findingsOf(trace, 'write-after-end');
    assert.equal(late.callSite?.line, lineOf('readable-stream-program.mjs', 'late-write'));
    const leaks = findingsOf(trace, 'leak');
    assert.deepEqual(leaks.map((leak) => leak.site?.line), [lineOf('readable-stream-program.mjs', 'leak-site')]);
    const source = userStreams(trace).find((stream) => stream.objectMode?.readable);
    assert.deepEqual(source?.pipes, [upper?.id]);
  });

  it('loads from NODE_OPTIONS and traces inventory and faults alone at level faults', () => {
    const run = runFixture('leaked-file-stream.cjs', {
      loader: 'node-options',
      environment: { NODE_STREAMS_TRACE_LEVEL: 'faults', NODE_STREAMS_TRACE_SUMMARY: 'none' },
    });
    assert.equal(run.stderr, '');
    const trace = run.trace!;
    assert.equal(trace.level, 'faults');
    assert.equal(findingsOf(trace, 'leak').length, 1);
    assert.ok(userStreams(trace).every((stream) => stream.flow === undefined));
  });

  it('reads every creation stack by default, and marks the sites it inferred when sampling', () => {
    const exact = runFixture('streams-per-request.cjs', { environment: { NODE_STREAMS_TRACE_SUMMARY: 'none' } });
    const [leak] = findingsOf(exact.trace, 'leak');
    assert.equal(leak.site?.line, lineOf('streams-per-request.cjs', 'leak-site'));
    assert.equal(leak.siteInferred, false);
    const perRequest = lineOf('streams-per-request.cjs', 'per-request-site');
    const made = userStreams(exact.trace!).filter((stream) => stream.site?.line === perRequest);
    assert.equal(exact.trace!.counts.created, 301);
    assert.equal(made.length, 300);
    assert.ok(made.every((stream) => !stream.siteInferred));

    const sampled = runFixture('streams-per-request.cjs', {
      environment: { NODE_STREAMS_TRACE_SUMMARY: 'none', NODE_STREAMS_TRACE_SITES: 'sampled' },
    });
    const inferred = userStreams(sampled.trace!).filter((stream) => stream.siteInferred);
    assert.ok(inferred.length > 200, `${inferred.length} sites inferred`);
    assert.ok(inferred.every((stream) => stream.site?.line === perRequest));
    // The stream made elsewhere took the class's usual site, and says so.
    const [sampledLeak] = findingsOf(sampled.trace, 'leak');
    assert.equal(sampledLeak.siteInferred, true);
  });

  it('prints the summary on SIGUSR2 while the program runs', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'node-streams-trace-signal-'));
    try {
      const traceFile = join(directory, 'trace.json');
      const child = spawn(process.execPath, ['--require', tracerEntry, join(fixtures, 'signal-while-running.cjs')], {
        env: { ...process.env, NODE_OPTIONS: undefined, NODE_STREAMS_TRACE_FILE: traceFile },
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.stdout.once('data', () => child.kill('SIGUSR2'));
      const status = await new Promise((resolve) => child.on('close', resolve));
      assert.equal(status, 0);
      assert.match(stderr, /node-streams trace \(signal, flow\): .* 0 findings/);
      // The open PassThrough is a leak only once the process exits.
      assert.match(stderr, /node-streams trace \(exit, flow\): .* 1 findings\n {2}leak: PassThrough/);
      assert.equal(JSON.parse(readFileSync(traceFile, 'utf8')).reason, 'exit');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

/** `node-streams-trace report trace.json` on a written trace. */
function reportOf(trace: Trace) {
  const directory = mkdtempSync(join(tmpdir(), 'node-streams-trace-report-'));
  try {
    const file = join(directory, 'trace.json');
    writeFileSync(file, JSON.stringify(trace));
    return spawnSync(process.execPath, [reportCommand, 'report', file], { encoding: 'utf8' });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
