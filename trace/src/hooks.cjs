'use strict';
// How the tracer sees streams without changing what they do. It adds no listener: it wraps
// EventEmitter.init (every stream, core, readable-stream copy or user class, runs it while being
// constructed), EventEmitter.prototype.emit (to see 'error', 'drain' and 'close' before the
// listeners do) and, on each family of stream prototypes, pipe(), write() and push().
const EventEmitter = require('node:events');
const { syncBuiltinESMExports } = require('node:module');
const stream = require('node:stream');
const streamPromises = require('node:stream/promises');
const { promisify } = require('node:util');
const { Tracer } = require('./tracer.cjs');

const recordKey = Tracer.recordKey;

function installHooks(tracer) {
  const flow = tracer.flow;
  const patchedPrototypes = new WeakSet();
  const seenPrototypes = new WeakSet();
  const recordDescriptor = { value: undefined, writable: true, enumerable: false, configurable: true };

  const originalInit = EventEmitter.init;
  EventEmitter.init = function init(options) {
    const result = originalInit.call(this, options);
    if (
      this !== null &&
      typeof this === 'object' &&
      (this._readableState !== undefined || this._writableState !== undefined) &&
      this[recordKey] === undefined &&
      tracer.active
    ) {
      adopt(this);
    }
    return result;
  };

  function adopt(instance) {
    // A non-enumerable property: faster than a WeakMap lookup on every chunk, invisible to
    // Object.keys, JSON.stringify and for...in.
    const prototype = Object.getPrototypeOf(instance);
    if (!seenPrototypes.has(prototype)) {
      seenPrototypes.add(prototype);
      patchStreamPrototypes(prototype);
    }
    recordDescriptor.value = tracer.adopt(instance, EventEmitter.init);
    Object.defineProperty(instance, recordKey, recordDescriptor);
    recordDescriptor.value = undefined;
  }

  // readable-stream and other copies of Node's streams have prototypes of their own: find their
  // base classes on the first instance, by the methods only those bases define.
  function patchStreamPrototypes(prototype) {
    for (let current = prototype; current !== null && current !== Object.prototype; current = Object.getPrototypeOf(current)) {
      if (patchedPrototypes.has(current)) continue;
      const own = (name) => Object.prototype.hasOwnProperty.call(current, name) && typeof current[name] === 'function';
      if (own('pipe') && own('push') && own('read')) patchReadablePrototype(current);
      if (own('write') && own('end') && own('cork') && own('uncork')) patchWritablePrototype(current);
    }
  }

  function patchReadablePrototype(prototype) {
    patchedPrototypes.add(prototype);
    const originalPipe = prototype.pipe;
    prototype.pipe = function pipe(destination, options) {
      const record = this[recordKey];
      const target = destination?.[recordKey];
      if (record !== undefined && target !== undefined) record.addPipe(target.id);
      return originalPipe.call(this, destination, options);
    };
    if (!flow) return;
    const originalPush = prototype.push;
    prototype.push = function push(chunk, encoding) {
      const accepted = originalPush.call(this, chunk, encoding);
      const record = this[recordKey];
      if (record !== undefined && chunk !== null && chunk !== undefined) {
        const state = this._readableState;
        record.bytesOut += state.objectMode ? 1 : chunk.length ?? 1;
        record.chunksOut++;
        if (record.firstChunkMs < 0) record.firstChunkMs = tracer.nowMs();
        if (state.length > record.maxReadableLength) record.maxReadableLength = state.length;
      }
      return accepted;
    };
  }

  function patchWritablePrototype(prototype) {
    patchedPrototypes.add(prototype);
    const originalWrite = prototype.write;
    prototype.write = function write(chunk, encoding, callback) {
      const record = this[recordKey];
      const state = this._writableState;
      const afterEnd = record !== undefined && state !== undefined && state.ending;
      if (afterEnd) tracer.observeWriteAfterEnd(record, write);
      const accepted = originalWrite.call(this, chunk, encoding, callback);
      if (flow && record !== undefined && state !== undefined) {
        record.bytesIn += state.objectMode ? 1 : chunk?.length ?? 1;
        record.chunksIn++;
        if (record.firstChunkMs < 0) record.firstChunkMs = tracer.nowMs();
        if (state.length > record.maxWritableLength) record.maxWritableLength = state.length;
        // write() after end() or destroy() also returns false, but no 'drain' is owed.
        if (accepted === false && record.stallSinceMs < 0 && !afterEnd && !state.destroyed) record.stallSinceMs = tracer.nowMs();
      }
      return accepted;
    };
  }

  patchStreamPrototypes(stream.Duplex.prototype);
  patchStreamPrototypes(stream.Writable.prototype);

  // Node's emit captures the 'Emitted 'error' event at:' stack below EventEmitter.prototype.emit,
  // which is looked up when it throws: wrapping it there keeps the crash output as it was.
  const originalEmit = EventEmitter.prototype.emit;
  EventEmitter.prototype.emit = function emit(type) {
    if (type === 'error' || type === 'drain' || type === 'close') {
      const record = this?.[recordKey];
      if (record !== undefined && tracer.active) {
        if (type === 'error') {
          if (tracer.observeError(record, this, arguments[1])) tracer.onUnhandledError();
        } else if (type === 'drain') {
          tracer.observeDrain(record);
        } else {
          tracer.observeClose(record, this);
        }
      }
    }
    return Reflect.apply(originalEmit, this, arguments);
  };

  wrapPipeline(stream, 'pipeline', 'callback');
  wrapPipeline(streamPromises, 'pipeline', 'promise');
  if (stream.promises && stream.promises !== streamPromises) wrapPipeline(stream.promises, 'pipeline', 'promise');
  // import { pipeline } from 'node:stream' reads the exports as they are now.
  syncBuiltinESMExports();

  function wrapPipeline(owner, name, kind) {
    const original = owner[name];
    if (typeof original !== 'function') return;
    const traced = function pipeline(...stages) {
      if (tracer.active) {
        const list = Array.isArray(stages[0]) ? stages[0] : stages;
        tracer.notePipeline(list.filter((stage) => stage !== null && typeof stage === 'object'), kind, traced);
      }
      return Reflect.apply(original, this, stages);
    };
    if (original[promisify.custom]) {
      Object.defineProperty(traced, promisify.custom, { value: original[promisify.custom], configurable: true });
    }
    owner[name] = traced;
  }
}

module.exports = { installHooks };
