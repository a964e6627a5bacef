'use strict';
// What the tracer knows of one stream. One object per stream, made when the stream is constructed;
// counting a chunk only adds to its numbers (no allocation per chunk).
const sampleCapacity = 60;

class StreamRecord {
  constructor(id, stream, where, createdMs) {
    this.id = id;
    this.className = stream.constructor?.name || 'Stream';
    // Kind, object mode and high-water marks are read once both states exist: readable-stream's
    // Duplex runs EventEmitter.init before it makes its writable state.
    this.kind = null;
    this.objectMode = null;
    this.highWaterMark = null;
    // { site, stack, stdio }, shared by the streams created at the same place.
    this.where = where;
    this.createdMs = createdMs;
    this.closedMs = -1;
    this.collected = false;
    this.ref = new WeakRef(stream);
    this.pipes = null;
    this.pipeline = -1;
    this.errors = 0;
    this.lastError = null;
    // Flow (level 'flow' only).
    this.bytesIn = 0;
    this.chunksIn = 0;
    this.bytesOut = 0;
    this.chunksOut = 0;
    this.firstChunkMs = -1;
    this.maxWritableLength = 0;
    this.maxReadableLength = 0;
    this.stallSinceMs = -1;
    this.stalls = 0;
    this.stallTotalMs = 0;
    this.stallLongestMs = 0;
    this.samples = null;
    this.sampleCount = 0;
  }

  describeOnce(stream) {
    if (this.kind !== null) return;
    const readableState = stream._readableState;
    const writableState = stream._writableState;
    this.kind = kindOf(stream, readableState, writableState);
    this.objectMode = {
      readable: readableState ? Boolean(readableState.objectMode) : null,
      writable: writableState ? Boolean(writableState.objectMode) : null,
    };
    this.highWaterMark = {
      readable: readableState ? readableState.highWaterMark : null,
      writable: writableState ? writableState.highWaterMark : null,
    };
  }

  addPipe(id) {
    if (this.pipes === null) this.pipes = [id];
    else if (!this.pipes.includes(id)) this.pipes.push(id);
  }

  /** Throughput over time: [ms, bytesIn, bytesOut] every sample interval, the newest 60 kept. */
  sample(nowMs) {
    if (this.samples === null) this.samples = new Float64Array(sampleCapacity * 3);
    const slot = (this.sampleCount % sampleCapacity) * 3;
    this.samples[slot] = nowMs;
    this.samples[slot + 1] = this.bytesIn;
    this.samples[slot + 2] = this.bytesOut;
    this.sampleCount++;
  }

  samplesOldestFirst() {
    if (this.samples === null) return [];
    const count = Math.min(this.sampleCount, sampleCapacity);
    const start = this.sampleCount - count;
    const rows = [];
    for (let index = start; index < this.sampleCount; index++) {
      const slot = (index % sampleCapacity) * 3;
      rows.push([round(this.samples[slot]), this.samples[slot + 1], this.samples[slot + 2]]);
    }
    return rows;
  }
}

function kindOf(stream, readableState, writableState) {
  if (readableState && writableState) return typeof stream._transform === 'function' ? 'transform' : 'duplex';
  return readableState ? 'readable' : 'writable';
}

function round(ms) {
  return Math.round(ms * 1000) / 1000;
}

/** The stream's state now, from its public getters and its states (core and readable-stream alike). */
function readEndState(stream) {
  const readableState = stream._readableState;
  const writableState = stream._writableState;
  return {
    destroyed: Boolean(stream.destroyed),
    closed: Boolean(readableState?.closed || writableState?.closed),
    readableEnded: readableState ? Boolean(readableState.endEmitted) : null,
    writableEnded: writableState ? Boolean(writableState.ending) : null,
    writableFinished: writableState ? Boolean(writableState.finished) : null,
    // The implementation was handed a chunk (or _final was called) and has not called back.
    waitingOnWriteCallback: writableState ? Boolean(writableState.writing) : null,
    waitingOnFinalCallback: writableState
      ? Boolean(writableState.finalCalled && !writableState.prefinished && !writableState.finished)
      : null,
    readableLength: readableState ? readableState.length : null,
    writableLength: writableState ? writableState.length : null,
  };
}

module.exports = { StreamRecord, readEndState, round };
