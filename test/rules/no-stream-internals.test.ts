import rule from '../../rules/src/rules/no-stream-internals.js';
import { checkFixOutputs } from '../support/fix-outputs.js';
import { ruleTester } from './rule-tester.js';

const invalid = [
  {
    // A fallback guarded by another stream's getter, or by nothing public, is still a read.
    code: `
function highWaterMarkOf(stream, other) {
  return other.readableHighWaterMark || stream._readableState.highWaterMark;
}
function endedOf(stream) {
  return stream.writableFinished ? true : stream._writableState.ending;
}
`,
    output: `
function highWaterMarkOf(stream, other) {
  return other.readableHighWaterMark || stream.readableHighWaterMark;
}
function endedOf(stream) {
  return stream.writableFinished ? true : stream.writableEnded;
}
`,
    errors: [
      { messageId: 'internalState' as const, line: 3, column: 41, endLine: 3, endColumn: 76 },
      { messageId: 'internalState' as const, line: 6, column: 43, endLine: 6, endColumn: 71 },
    ],
  },
  {
    // A getter beside something else is fixed as usual.
    code: `
function highWaterMarkOf(stream, fallback) {
  return fallback || stream._readableState.highWaterMark;
}
`,
    output: `
function highWaterMarkOf(stream, fallback) {
  return fallback || stream.readableHighWaterMark;
}
`,
    errors: [{ messageId: 'internalState' as const, line: 3, column: 22, endLine: 3, endColumn: 57 }],
  },
  {
    // Progress reporting through the internal state, as older tutorials show.
    code: `
const fs = require('node:fs');
const input = fs.createReadStream('dump.sql');
setInterval(() => {
  console.log('buffered', input._readableState.length, 'flowing', input._readableState.flowing);
}, 1000);
`,
    output: `
const fs = require('node:fs');
const input = fs.createReadStream('dump.sql');
setInterval(() => {
  console.log('buffered', input.readableLength, 'flowing', input.readableFlowing);
}, 1000);
`,
    errors: [
      { messageId: 'internalState' as const, data: { state: '_readableState' }, line: 5, column: 27, endLine: 5, endColumn: 54 },
      { messageId: 'internalState' as const, data: { state: '_readableState' }, line: 5, column: 67, endLine: 5, endColumn: 95 },
    ],
  },
  {
    // The ended flag of a writable is writableEnded; its buffered bytes writableLength.
    code: `
export function canWrite(socket) {
  return !(socket)._writableState.ending && socket._writableState.length < 65536;
}
`,
    output: `
export function canWrite(socket) {
  return !(socket).writableEnded && socket.writableLength < 65536;
}
`,
    errors: [
      { messageId: 'internalState' as const, line: 3, column: 11 },
      { messageId: 'internalState' as const, line: 3, column: 45 },
    ],
  },
  {
    // needDrain has a getter that also looks at ending and destroyed: a suggestion only.
    code: `
function write(out, chunk) {
  if (out._writableState.needDrain) return false;
  return out.write(chunk);
}
`,
    output: null,
    errors: [
      {
        messageId: 'internalState' as const,
        line: 3,
        column: 7,
        endColumn: 35,
        suggestions: [
          {
            messageId: 'useGetter' as const,
            data: { getter: 'writableNeedDrain' },
            output: `
function write(out, chunk) {
  if (out.writableNeedDrain) return false;
  return out.write(chunk);
}
`,
          },
        ],
      },
    ],
  },
  {
    // Fields without a public getter, the state object itself, writes: reported, not fixed.
    code: `
class Sink extends require('stream').Writable {
  _write(chunk, encoding, callback) {
    const state = this._writableState;
    if (this._readableState?.pipes.length) this._readableState.ended = true;
    state.sync = false;
    callback();
  }
}
`,
    output: null,
    errors: [
      { messageId: 'internalState' as const, data: { state: '_writableState' }, line: 4, column: 19, endColumn: 38, suggestions: [] },
      { messageId: 'internalState' as const, data: { state: '_readableState' }, line: 5, column: 9, endColumn: 28, suggestions: [] },
      { messageId: 'internalState' as const, data: { state: '_readableState' }, line: 5, column: 44, endColumn: 63, suggestions: [] },
    ],
  },
  {
    // A presence test is not reported; the field read after it is (winston's logger.pipe).
    code: `
function pipe(target) {
  if (!target._writableState || !target._writableState.objectMode) {
    throw new Error('Transports must be objectMode');
  }
}
`,
    output: `
function pipe(target) {
  if (!target._writableState || !target.writableObjectMode) {
    throw new Error('Transports must be objectMode');
  }
}
`,
    errors: [{ messageId: 'internalState' as const, data: { state: '_writableState' }, line: 3, column: 34, endColumn: 66 }],
  },
  {
    // The state object used as a value, not only tested (readable.js's pipe: \`dest._writableState || dest._readableState\`).
    code: `
function stateOf(dest) {
  const state = dest._writableState || dest._readableState;
  return state.length;
}
`,
    output: null,
    errors: [
      { messageId: 'internalState' as const, data: { state: '_writableState' }, line: 3, column: 17, endColumn: 36 },
      { messageId: 'internalState' as const, data: { state: '_readableState' }, line: 3, column: 40, endColumn: 59 },
    ],
  },
  {
    // Shaped like Node's destroy.js, but in an application's own folder: reported.
    filename: 'lib/streams/destroy.js',
    code: `
function destroyer(stream, err) {
  const r = stream._readableState;
  if (r && !r.destroyed) stream.destroy(err);
}
module.exports = { destroyer };
`,
    output: null,
    errors: [{ messageId: 'internalState' as const, data: { state: '_readableState' }, line: 3, column: 13, endColumn: 34 }],
  },
  {
    // Reading the state in a subclass of Node's Readable, or destructuring it, does not own it.
    code: `
const { Readable } = require('node:stream');
class Source extends Readable {
  _read() {
    const { _readableState } = this;
    if (this._readableState.buffer.length === 0) this.push(this.next());
  }
}
`,
    output: null,
    errors: [{ messageId: 'internalState' as const, data: { state: '_readableState' }, line: 6, column: 9, endColumn: 35 }],
  },
];

ruleTester.run('no-stream-internals', rule, {
  valid: [
    // The internal field only as the fallback for a stream without the public property (an old
    // Node or readable-stream): modern Node reads the getter and never runs the fallback.
    `
      function highWaterMarkOf(stream) {
        return stream.readableHighWaterMark || stream._readableState.highWaterMark;
      }
      function bufferedOf(stream) {
        return stream.writableLength ?? (stream._writableState ? stream._writableState.length : 0);
      }
      function drainingOf(stream) {
        return stream.writableNeedDrain !== undefined ? stream.writableNeedDrain : stream._writableState.needDrain;
      }
      function isFlowing(input) {
        return typeof input.readableFlowing === 'boolean' ? input.readableFlowing : input._readableState.flowing === true;
      }
      function endedOf(output) {
        return output.writableEnded === undefined ? output._writableState.ending : output.writableEnded;
      }
    `,
    // streamx: its own classes create the state they read (a class constructor assigns it).
    `
      class ReadableState {
        constructor(stream, { highWaterMark = 16384 } = {}) { this.stream = stream; this.buffered = 0; this.highWaterMark = highWaterMark; }
      }
      class Readable {
        constructor(opts) { this._readableState = new ReadableState(this, opts); }
        push(data) { return this._readableState.buffered < this._readableState.highWaterMark; }
      }
      function isEnded(stream) {
        return !!stream._readableState && stream._readableState.ended;
      }
      module.exports = { Readable, isEnded };
    `,
    // readable-stream copies Node's lib/internal/streams: its modules share the state they create.
    {
      filename: 'vendor/readable-stream/lib/internal/streams/destroy.js',
      code: `
        function destroyer(stream, err) {
          const r = stream._readableState;
          const w = stream._writableState;
          if ((w && w.destroyed) || (r && r.destroyed)) return;
          stream.destroy(err);
        }
        module.exports = { destroyer };
      `,
    },
    // Defining the state as a property (lazy_transform.js) is owning it too.
    `
      Object.defineProperties(LazyTransform.prototype, {
        _readableState: { get() { return this.stream._readableState; } },
      });
    `,
    // Is it a stream at all? The duck tests of duplexify, multistream and pino.
    `
      const toStreams2 = (rs) => new (require('readable-stream').Readable)({ objectMode: true }).wrap(rs);
      function wrap(readable) {
        return readable._readableState ? readable : toStreams2(readable);
      }
      function toStreams2Obj(s) {
        if (!s || typeof s === 'function' || s._readableState) return s;
        return toStreams2(s);
      }
      function isStream(opts) {
        if (opts.writable || opts._writableState) return true;
        return opts._readableState !== undefined || typeof opts._writableState === 'object';
      }
    `,
    // Objects of streamx classes, here or in another file that uses them.
    `
      const { Readable, Writable } = require('streamx');
      class Source extends Readable {
        _read(cb) {
          if (this._readableState.buffered > this._readableState.highWaterMark) return cb();
          this.push(this.next());
          cb();
        }
      }
      class Sink extends Writable {
        _write(data, cb) { this.last = data; cb(); }
      }
      const sink = new Sink();
      const source = new Source();
      console.log(sink._writableState.queue.length, source._readableState.buffered);
    `,
    `
      const fs = require('node:fs');
      const input = fs.createReadStream('dump.sql');
      input.on('error', console.error);
      setInterval(() => console.log(input.readableLength, input.readableFlowing), 1000).unref();
    `,
    `
      export function canWrite(socket) {
        return !socket.writableEnded && !socket.writableNeedDrain && socket.writableLength < socket.writableHighWaterMark;
      }
    `,
    // Other objects' own underscored fields.
    `
      const state = { _readable: true, readableState: 1 };
      console.log(state._readable, state.readableState);
    `,
  ],
  invalid,
});

checkFixOutputs('no-stream-internals', rule, invalid);
