'use strict';
// The tracer's state: the streams of the program, the pipelines that connect them, the faults seen
// while it runs, and the findings that only the end of the run shows (leaks, stalls, callbacks
// never called). Bounded: closed streams and findings are kept in ring buffers.
const { captureSite, siteOfErrorStack } = require('./creation-site.cjs');
const { RingBuffer } = require('./ring-buffer.cjs');
const { StreamRecord, readEndState, round } = require('./stream-record.cjs');

const schema = 'node-streams-trace/1';
const siteStreak = 16;
const siteSkips = 63;

class Tracer {
  constructor(options) {
    this.options = options;
    this.flow = options.level === 'flow';
    this.startedAt = new Date();
    this.startMs = performance.now();
    this.nextStreamId = 1;
    this.nextPipelineId = 1;
    this.nextSequence = 1;
    this.live = new Set();
    this.closed = new RingBuffer(options.maxClosedStreams);
    this.faults = new RingBuffer(options.maxFindings);
    this.stallEvents = new RingBuffer(options.maxFindings);
    this.pipelines = new RingBuffer(options.maxClosedStreams);
    this.counts = { created: 0, closed: 0, collected: 0 };
    this.crash = null;
    // Records of streams collected without a 'close' are swept out when the live set has doubled.
    this.sweepAt = 1024;
    this.siteSampling = new WeakMap();
  }

  nowMs() {
    return performance.now() - this.startMs;
  }

  adopt(stream, below) {
    const record = new StreamRecord(this.nextStreamId++, stream, this.siteOfNew(stream, below), this.nowMs());
    this.counts.created++;
    this.live.add(record);
    if (this.live.size >= this.sweepAt) this.sweep();
    return record;
  }

  sweep() {
    for (const record of this.live) if (record.ref.deref() === undefined) this.retire(record, true);
    this.sweepAt = Math.max(1024, this.live.size * 2);
  }

  /**
   * The creation site of a stream being constructed. Reading the stack is most of the tracer's
   * cost on a server that makes streams per request; with sampling on, once the last 16 streams of
   * a class were all made at one site, only one in 64 of the next reads the stack, and the others
   * take that site marked `inferred` (a stream from a new site resets the streak when sampled).
   */
  siteOfNew(stream, below) {
    return this.sampledSite(Object.getPrototypeOf(stream), below, stream.constructor);
  }

  /** The same for a call (pipeline()), by the function called. */
  siteOfCall(below) {
    return this.sampledSite(below, below, undefined);
  }

  sampledSite(key, below, constructor) {
    if (!this.options.sampleSites) return captureSite(below, constructor);
    let sampling = this.siteSampling.get(key);
    if (sampling === undefined) {
      sampling = { where: null, inferred: null, streak: 0, skipped: 0 };
      this.siteSampling.set(key, sampling);
    }
    if (sampling.streak >= siteStreak && sampling.skipped < siteSkips) {
      sampling.skipped++;
      return sampling.inferred;
    }
    const where = captureSite(below, constructor);
    sampling.skipped = 0;
    if (where === sampling.where) {
      sampling.streak++;
    } else {
      sampling.where = where;
      sampling.inferred = Object.freeze({ ...where, inferred: true });
      sampling.streak = 1;
    }
    return where;
  }

  /** A stream left the live set: closed, or collected by the garbage collector unclosed. */
  retire(record, collected) {
    if (!this.live.delete(record)) return;
    if (collected) {
      record.collected = true;
      this.counts.collected++;
    } else {
      this.counts.closed++;
    }
    this.closed.push(record);
  }

  observeClose(record, stream) {
    record.closedMs = this.nowMs();
    record.describeOnce(stream);
    this.retire(record, false);
  }

  /** Called before Node's own emit: an 'error' with no listener is recorded before the crash. */
  observeError(record, stream, error) {
    record.errors++;
    record.lastError = messageOf(error);
    if (error?.code === 'ERR_MULTIPLE_CALLBACK') {
      this.recordFault('multiple-callback', record, {
        message: 'an implementation callback (write, transform, final) was called more than once',
        callSite: siteOfErrorStack(error.stack),
        error: describeError(error),
      });
    }
    if (stream.listenerCount('error') === 0) {
      this.recordFault('unhandled-error', record, {
        message: `'error' emitted with no 'error' listener: ${record.lastError}`,
        error: describeError(error),
      });
      return true;
    }
    return false;
  }

  observeWriteAfterEnd(record, below) {
    const where = captureSite(below);
    this.recordFault('write-after-end', record, {
      message: 'write() called after end()',
      callSite: where.site,
      callStack: where.stack,
    });
  }

  observeDrain(record) {
    if (record.stallSinceMs < 0) return;
    const now = this.nowMs();
    const duration = now - record.stallSinceMs;
    record.stalls++;
    record.stallTotalMs += duration;
    if (duration > record.stallLongestMs) record.stallLongestMs = duration;
    if (duration >= this.options.stallThresholdMs) {
      this.stallEvents.push({ streamId: record.id, sinceMs: round(record.stallSinceMs), durationMs: round(duration) });
    }
    record.stallSinceMs = -1;
  }

  notePipeline(stages, kind, below) {
    const where = this.siteOfCall(below);
    const id = this.nextPipelineId++;
    const stageIds = [];
    for (const stage of stages) {
      const record = stage?.[Tracer.recordKey];
      if (record !== undefined) {
        record.pipeline = id;
        stageIds.push(record.id);
      } else {
        stageIds.push(null);
      }
    }
    this.pipelines.push({
      id,
      kind,
      site: where.site,
      siteInferred: where.inferred === true,
      stack: where.stack,
      stages: stageIds,
      createdMs: round(this.nowMs()),
    });
  }

  recordFault(type, record, details) {
    this.faults.push(this.findingOf(type, record, this.nowMs(), details));
  }

  /** The process is about to crash (no 'uncaughtException' listener): recorded after its cause. */
  noteCrash(error, origin) {
    this.crash = { sequence: this.nextSequence++, atMs: round(this.nowMs()), origin, error: describeError(error) };
  }

  sampleFlow() {
    const now = this.nowMs();
    for (const record of this.live) if (record.chunksIn + record.chunksOut > 0) record.sample(now);
  }

  /**
   * The whole trace as a JSON-ready document. `ending` is true at exit: streams still open then
   * are leaks, and implementations still holding a callback never called it.
   */
  snapshot(reason, ending, exitCode) {
    const now = this.nowMs();
    const streams = [];
    const findings = [];
    const liveStates = new Map();
    for (const record of this.live) {
      const stream = record.ref.deref();
      if (stream === undefined) continue;
      record.describeOnce(stream);
      liveStates.set(record, readEndState(stream));
    }
    const stalledIds = new Set();
    for (const [record, state] of liveStates) {
      if (record.stallSinceMs >= 0 && !state.destroyed && now - record.stallSinceMs >= this.options.stallThresholdMs) {
        stalledIds.add(record.id);
      }
    }
    const byId = new Map();
    for (const record of this.live) byId.set(record.id, record);
    for (const record of this.closed.toArray()) byId.set(record.id, record);
    for (const [record, state] of liveStates) {
      if (record.where.stdio) continue;
      if (stalledIds.has(record.id)) findings.push(this.stallFinding(record, now, stalledIds, byId));
      if (ending && waitsOnItsOwnCallback(record, state)) {
        findings.push(this.findingOf('callback-never-called', record, now, {
          message: state.waitingOnWriteCallback
            ? `${implementationName(record)} was called and never called its callback`
            : '_final() was called and never called its callback',
        }));
      }
      if (ending && isUnfinished(state)) {
        findings.push(this.findingOf('leak', record, now, {
          message: 'never finished or closed before the process exited',
          state,
        }));
      }
    }
    const allFindings = this.faults.toArray().concat(findings);
    for (const record of this.closed.toArray()) {
      const stream = record.ref.deref();
      streams.push(this.describe(record, stream === undefined ? null : readEndState(stream), now));
    }
    for (const record of this.live) streams.push(this.describe(record, liveStates.get(record) ?? null, now));
    return {
      schema,
      reason,
      exitCode: exitCode ?? null,
      pid: process.pid,
      node: process.version,
      argv: process.argv,
      startedAt: this.startedAt.toISOString(),
      writtenAt: new Date().toISOString(),
      durationMs: round(now),
      level: this.options.level,
      stallThresholdMs: this.options.stallThresholdMs,
      counts: {
        ...this.counts,
        open: this.live.size,
        droppedStreams: this.closed.dropped,
        droppedFindings: this.faults.dropped,
      },
      crash: this.crash,
      findings: allFindings,
      stalls: this.stallEvents.toArray(),
      pipelines: this.pipelines.toArray(),
      streams,
    };
  }

  stallFinding(record, now, stalledIds, byId) {
    // A stage is stalled behind the next stalled stage downstream; the last one is the bottleneck.
    let bottleneck = record;
    const seen = new Set([record.id]);
    for (;;) {
      const next = (bottleneck.pipes ?? []).find((id) => stalledIds.has(id) && !seen.has(id));
      if (next === undefined) break;
      seen.add(next);
      bottleneck = byId.get(next);
    }
    const stalledMs = round(now - record.stallSinceMs);
    return this.findingOf('stall', record, now, {
      message:
        bottleneck === record
          ? `write() returned false ${stalledMs} ms ago and 'drain' has not come: the bottleneck (nothing downstream of it is stalled)`
          : `write() returned false ${stalledMs} ms ago and 'drain' has not come: stalled behind ${bottleneck.className} #${bottleneck.id}`,
      stalledMs,
      bottleneck: bottleneck === record,
      behindStreamId: bottleneck === record ? null : bottleneck.id,
    });
  }

  findingOf(type, record, now, details) {
    return {
      sequence: this.nextSequence++,
      type,
      streamId: record.id,
      className: record.className,
      site: record.where.site,
      siteInferred: record.where.inferred === true,
      atMs: round(now),
      ...details,
    };
  }

  describe(record, state, now) {
    const where = record.where;
    const description = {
      id: record.id,
      className: record.className,
      kind: record.kind,
      objectMode: record.objectMode,
      highWaterMark: record.highWaterMark,
      site: where.site,
      stack: where.stack,
      stdio: where.stdio,
      siteInferred: where.inferred === true,
      createdMs: round(record.createdMs),
      closedMs: record.closedMs < 0 ? null : round(record.closedMs),
      collected: record.collected,
      pipes: record.pipes ?? [],
      pipeline: record.pipeline < 0 ? null : record.pipeline,
      errors: record.errors,
      lastError: record.lastError,
      state,
    };
    if (this.flow) {
      const endMs = record.closedMs < 0 ? now : record.closedMs;
      const activeMs = record.firstChunkMs < 0 ? 0 : endMs - record.firstChunkMs;
      description.flow = {
        bytesIn: record.bytesIn,
        chunksIn: record.chunksIn,
        bytesOut: record.bytesOut,
        chunksOut: record.chunksOut,
        firstChunkMs: record.firstChunkMs < 0 ? null : round(record.firstChunkMs),
        activeMs: round(activeMs),
        throughputIn: activeMs > 0 ? Math.round((record.bytesIn / activeMs) * 1000) : null,
        throughputOut: activeMs > 0 ? Math.round((record.bytesOut / activeMs) * 1000) : null,
        maxBuffered: { readable: record.maxReadableLength, writable: record.maxWritableLength },
        stalls: {
          count: record.stalls,
          totalMs: round(record.stallTotalMs),
          longestMs: round(record.stallLongestMs),
          activeSinceMs: record.stallSinceMs < 0 ? null : round(record.stallSinceMs),
        },
        samples: record.samplesOldestFirst(),
      };
    }
    return description;
  }
}

Tracer.recordKey = Symbol('node-streams-trace.record');

function waitsOnItsOwnCallback(record, state) {
  if (state.waitingOnFinalCallback) return true;
  if (!state.waitingOnWriteCallback) return false;
  // A transform holds its callback while its readable side is full: that is backpressure.
  return !(record.kind === 'transform' && state.readableLength >= record.highWaterMark.readable);
}

function isUnfinished(state) {
  if (state.destroyed || state.closed) return false;
  const readableDone = state.readableEnded === null || state.readableEnded;
  const writableDone = state.writableFinished === null || state.writableFinished;
  return !(readableDone && writableDone);
}

function implementationName(record) {
  if (record.kind === 'transform') return '_transform()';
  return '_write()';
}

function messageOf(error) {
  if (error instanceof Error) return `${error.name}${error.code ? ` [${error.code}]` : ''}: ${error.message}`;
  try {
    return String(error);
  } catch {
    return typeof error;
  }
}

function describeError(error) {
  if (!(error instanceof Error)) return { message: messageOf(error) };
  return { name: error.name, code: error.code ?? null, message: error.message, stack: String(error.stack ?? '').split('\n').slice(0, 8) };
}

module.exports = { Tracer, schema };
