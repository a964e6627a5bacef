// Runs one stream implementation under real Node streams, in a child process of its own, through
// every scenario it is given, and prints what Node did in each: the callback called twice
// (ERR_MULTIPLE_CALLBACK), an exception escaping write() or end(), an uncaught exception, or a
// stall (the input is exhausted, the event loop has nothing left to do, and the stream has not
// finished). No clock is read: idleness is the event loop's own, seen through its active resources.
'use strict';
const { readFileSync } = require('node:fs');

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const make = require(job.module);

/** Errors thrown on purpose by the scenario (a consumer, a helper): Node's verdict ignores them. */
class ScenarioError extends Error {}

let current = null;
process.on('uncaughtException', (error) => current?.observe('uncaught', error));
process.on('unhandledRejection', (error) => current?.observe('uncaught', error));

// Names the code uses but does not declare (`parse(chunk)`, `compress(data, cb)`): helpers whose
// behaviour each scenario sets, so that their success and their failure are both exercised.
let helperMode = 'ok';
function helper(...args) {
  if (helperMode === 'throws') throw new ScenarioError('helper failed');
  const callback = args.at(-1);
  if (typeof callback === 'function') {
    const error = helperMode === 'fails' ? new ScenarioError('helper failed') : null;
    setImmediate(() => callback(error, args[0]));
    return undefined;
  }
  return args[0];
}
for (const name of job.helpers) if (!(name in globalThis)) globalThis[name] = helper;

const baseline = new Set(process.getActiveResourcesInfo());
/** Whether anything but the process's own handles is pending: a timer, an fs request, a socket. */
const hasPendingWork = () => process.getActiveResourcesInfo().some((resource) => !baseline.has(resource));

async function settle(isDone) {
  // Quiet turns in a row: a callback scheduled with process.nextTick, a promise or setImmediate
  // runs within a turn or two, so several quiet turns mean nothing is left to run.
  let quiet = 0;
  for (let turn = 0; turn < 10000 && quiet < 5; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (isDone()) return true;
    quiet = hasPendingWork() ? 0 : quiet + 1;
  }
  return isDone();
}

function toChunk(stream, value) {
  if (stream.writableObjectMode) return value;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * An error that says our generated world lacks something the code expects (a field its real
 * constructor sets, a method of the class we did not implement), not what the implementation does:
 * the scenario proves nothing either way.
 */
function isMissingFixture(error) {
  if (error?.code === 'ERR_METHOD_NOT_IMPLEMENTED') return true;
  if (error?.code === 'ERR_INVALID_ARG_TYPE' && /Received undefined/.test(error.message)) return true;
  const engineError = error instanceof TypeError || error instanceof ReferenceError;
  return engineError && /Cannot read properties of|is not a function|is not defined|is not iterable|Cannot set properties of/.test(error.message);
}

/**
 * Node's own defaults for the methods a class leaves out, so that a class which only implements
 * `_flush` or `_destroy` can still be driven: pass chunks through, accept writes, end at once.
 */
function fillUnimplemented(stream) {
  const { Readable, Writable, Transform } = require('node:stream');
  const lacks = (name, base) => stream[name] === base.prototype[name] || stream[name] === polyfill[base.name].prototype[name];
  if (typeof stream._transform === 'function' && lacks('_transform', Transform)) stream._transform = (chunk, encoding, callback) => callback(null, chunk);
  else {
    if (typeof stream._write === 'function' && lacks('_write', Writable) && !stream._writev) stream._write = (chunk, encoding, callback) => callback();
    if (typeof stream._read === 'function' && lacks('_read', Readable)) stream._read = function () { this.push(null); };
  }
}

/** readable-stream, Node's streams as a package, which much real code extends instead. */
const polyfill = require('readable-stream');

async function runScenario(scenario) {
  const seen = { multipleCallback: false, escapedWrite: false, uncaught: false, stalled: false, constructed: true, inconclusive: false };
  const errors = [];
  current = {
    observe(kind, error) {
      if (error instanceof ScenarioError) return;
      if (isMissingFixture(error)) {
        seen.inconclusive = true;
        errors.push(`inconclusive: ${error.message}`);
      } else if (error && error.code === 'ERR_MULTIPLE_CALLBACK') seen.multipleCallback = true;
      else if (kind === 'escapedWrite' || kind === 'uncaught') {
        seen[kind] = true;
        errors.push(`${kind}: ${error && error.message}`);
      }
    },
  };
  helperMode = scenario.helpers;
  let stream;
  try {
    stream = make();
  } catch (error) {
    seen.constructed = false;
    errors.push(`constructor: ${error && error.message}`);
    return { seen, errors };
  }
  if (!stream || typeof stream.on !== 'function') {
    seen.constructed = false;
    return { seen, errors };
  }
  fillUnimplemented(stream);
  const writable = typeof stream.write === 'function' && stream.writable !== false;
  const readable = typeof stream.read === 'function' && stream.readable !== false;
  const state = { finished: false, ended: false, closed: false, errored: false, data: false };
  stream.on('error', (error) => {
    state.errored = true;
    current.observe('error', error);
  });
  stream.on('finish', () => {
    state.finished = true;
    if (scenario.consumer === 'throwingFinish') throw new ScenarioError('consumer failed');
  });
  stream.on('end', () => (state.ended = true));
  stream.on('close', () => (state.closed = true));
  // Destroyed before it can end: a stream that already ended may close without asking _destroy.
  if (readable && !scenario.destroy) {
    let thrown = false;
    stream.on('data', () => {
      state.data = true;
      if (scenario.consumer === 'throwingData' && !thrown) {
        thrown = true;
        throw new ScenarioError('consumer failed');
      }
    });
  }
  const guarded = (action) => {
    try {
      action();
    } catch (error) {
      current.observe('escapedWrite', error);
    }
  };
  if (scenario.destroy) {
    if (writable && scenario.chunks.length > 0) guarded(() => stream.write(toChunk(stream, scenario.chunks[0])));
    await settle(() => false);
    stream.destroy();
    const closed = await settle(() => state.closed || stream.destroyed === false);
    // readable-stream 2 never emits 'close' on destroy(): only a stream that promises it can miss it.
    const emitsClose = (stream._writableState ?? stream._readableState)?.emitClose === true;
    seen.stalled = !closed && !seen.inconclusive && emitsClose;
    return { seen, errors };
  }
  if (writable) {
    // Corked, the chunks reach _writev together, when the class has one.
    if (scenario.corked) stream.cork();
    for (const chunk of scenario.chunks) guarded(() => stream.write(toChunk(stream, chunk)));
    guarded(() => stream.end());
  }
  // A stall counts only when no consumer failed on purpose (a throw inside a push can leave the
  // implementation stopped half-way, which is the consumer's doing) and nothing escaped. A readable
  // alone owes no end: only its _construct and _destroy take a callback.
  const done = () =>
    state.errored ||
    state.closed ||
    (writable && readable && stream._readableState && stream._writableState && isTransform(stream)
      ? state.finished && state.ended
      : writable
        ? state.finished
        : true);
  const finished = await settle(done);
  const escaped = seen.escapedWrite || seen.uncaught || seen.inconclusive;
  if (writable && scenario.consumer === 'flowing' && !finished && !escaped) seen.stalled = true;
  return { seen, errors };
}

function isTransform(stream) {
  return stream instanceof require('node:stream').Transform || stream instanceof polyfill.Transform;
}

(async () => {
  const results = [];
  for (const scenario of job.scenarios) results.push({ scenario, ...(await runScenario(scenario)) });
  current = null;
  process.stdout.write(JSON.stringify(results));
})();
