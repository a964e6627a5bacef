import rule from '../../rules/src/rules/implementation-callback.js';
import { ruleTester, typedRuleTester } from './rule-tester.js';

ruleTester.run('implementation-callback', rule, {
  valid: [
    // A call that ends the try of a sync implementation cannot throw once it called back: Node
    // defers what follows it, and a push that throws (a 'data' listener failed) throws before the
    // write callback ran, so the catch's call is the first (Node: no ERR_MULTIPLE_CALLBACK).
    `
      const { Transform } = require('stream');
      class JsonParse extends Transform {
        _transform(chunk, encoding, callback) {
          try {
            callback(null, JSON.parse(chunk));
          } catch (error) {
            callback(error);
          }
        }
      }
    `,
    `
      const { Transform } = require('stream');
      class Lines extends Transform {
        _transform(chunk, encoding, callback) {
          try {
            const line = parseLine(chunk.toString());
            if (line) this.push(line);
            callback();
          } catch (error) {
            callback(error);
          }
        }
      }
    `,
    // A hand-off that only schedules the call (a 'drain' listener, process.nextTick) and ends the
    // try: the catch runs only when the write threw, before anything was scheduled (Node: one call).
    `
      const { Writable, PassThrough } = require('stream');
      class Feed extends Writable {
        constructor() {
          super();
          this.parser = new PassThrough({ highWaterMark: 4 });
          this.parser.resume();
        }
        _write(chunk, encoding, callback) {
          try {
            if (!this.parser.write(check(chunk))) {
              this.parser.once('drain', callback);
            } else {
              process.nextTick(callback);
            }
          } catch (error) {
            callback(error);
          }
        }
      }
    `,
    `
      const { Transform } = require('stream');
      class Upper extends Transform {
        _transform(chunk, encoding, next) {
          try {
            const line = check(chunk).toString().toUpperCase();
            setImmediate(() => next(null, line));
          } catch (err) {
            return next(err);
          }
        }
      }
    `,
    // The callback handed on through a countdown closure to one write per chunk, and again by the
    // method itself once the handle opens (Node: one call per _writev, no stall).
    `
      const { Writable } = require('stream');
      class Batch extends Writable {
        constructor() {
          super();
          setImmediate(() => {
            this.handle = 3;
            this.emit('open');
          });
        }
        _writev(chunks, cb) {
          if (this.handle === undefined) {
            this.once('open', () => this._writev(chunks, cb));
            return;
          }
          let left = chunks.length;
          const onwrite = (err) => {
            if (err || --left === 0) cb(err);
          };
          for (const { chunk } of chunks) store(this.handle, chunk, onwrite);
        }
      }
      function store(handle, chunk, callback) {
        setImmediate(callback, null);
      }
    `,
    // Branches Node never takes: every path of the constructor sets this.entry or ends the stream
    // before any chunk, and a byte-mode writable always receives Buffers (Node: no stall).
    `
      const { Transform } = require('stream');
      class Entry extends Transform {
        constructor(source) {
          super();
          if (source) {
            this.end();
            return;
          }
          this.entry = { size: 0 };
        }
        _transform(chunk, encoding, callback) {
          if (this.entry) {
            this.entry.size += chunk.length;
            callback(null, chunk);
          }
        }
        _flush(callback) {
          this.entry = null;
          callback();
        }
      }
    `,
    `
      const { Writable } = require('stream');
      class Bytes extends Writable {
        constructor() {
          super({ highWaterMark: 1024 });
          this.size = 0;
        }
        _write(data, encoding, cb) {
          if (!Buffer.isBuffer(data)) return;
          this.size += data.length;
          cb();
        }
      }
    `,
    // Emitting 'error' tells pipeline(), finished() and every 'error' listener that the stream
    // failed: nobody waits for the callback unknowingly (Node: the stream errors, no stall).
    `
      const { Writable } = require('stream');
      class Records extends Writable {
        constructor() {
          super({ objectMode: true });
        }
        _write(record, encoding, cb) {
          if (!Buffer.isBuffer(record)) {
            this.emit('error', new TypeError('expected a Buffer'));
            return;
          }
          cb();
        }
      }
    `,
    // Countdowns in for, for…of and while loops: the functions handed on call back once together.
    `
      const { Writable } = require('stream');
      class Fanout extends Writable {
        _write(chunk, encoding, callback) {
          let left = this.targets.length;
          for (const target of this.targets) {
            target.write(chunk, () => {
              if (--left === 0) callback();
            });
          }
        }
        _final(callback) {
          let pending = this.targets.length;
          let index = 0;
          while (index < this.targets.length) {
            this.targets[index++].end(() => {
              pending -= 1;
              if (pending === 0) callback();
            });
          }
        }
        _destroy(error, callback) {
          let left = this.targets.length;
          for (let index = 0; index < this.targets.length; index++) {
            this.targets[index].destroy(error);
            this.targets[index].once('close', () => (--left === 0 ? callback(error) : undefined));
          }
        }
      }
    `,
    // A guard on the stream's own state, read through a local alias.
    `
      const { Writable, Transform } = require('stream');
      class Sink extends Writable {
        _write(chunk, encoding, callback) {
          const state = this._writableState;
          if (state.destroyed) return;
          if (state.ended) return callback();
          this.size += chunk.length;
          callback();
        }
      }
      class Gate extends Transform {
        _transform(chunk, encoding, callback) {
          const { destroyed } = this;
          if (destroyed) return;
          callback(null, chunk);
        }
      }
    `,
    // csv-stringify: a flag raised where the stream fails, and a guard clause on it; Node calls
    // neither function again after the error (Node 12 called _flush, hence the guard).
    `
      import { Transform } from 'stream';
      class Stringifier extends Transform {
        _transform(chunk, encoding, callback) {
          if (this.state.stop === true) {
            return;
          }
          const err = this.api.__transform(chunk, this.push.bind(this));
          if (err !== undefined) {
            this.state.stop = true;
          }
          callback(err);
        }
        _flush(callback) {
          if (this.state.stop === true) {
            return;
          }
          callback();
        }
      }
    `,
    // duplexify: a destroyed stream owes no callback, and a class that replaces destroy() calls
    // its own _destroy, with no callback.
    `
      var stream = require('readable-stream');
      var inherits = require('inherits');
      var Duplexify = function (writable, readable, opts) { stream.Duplex.call(this, opts); };
      inherits(Duplexify, stream.Duplex);
      Duplexify.prototype.destroy = function (err, cb) {
        if (this.destroyed) return cb(null);
        this.destroyed = true;
        var self = this;
        process.nextTick(function () { self._destroy(err); cb(null); });
      };
      Duplexify.prototype._destroy = function (err) {
        if (err) this.emit('error', err);
        this.emit('close');
      };
      Duplexify.prototype._write = function (data, enc, cb) {
        if (this.destroyed) return;
        if (this._corked) return onuncork(this, this._write.bind(this, data, enc, cb));
        if (data === SIGNAL_FLUSH) return this._finish(cb);
        if (!this._writable) return cb();
        if (this._writable.write(data) === false) this._ondrain = cb;
        else if (!this.destroyed) cb();
      };
    `,
    `
      const { Duplex } = require('stream');
      class Relay extends Duplex {
        destroy(error) { this._destroy(error); return this; }
        _destroy(error) { this.emit('close'); }
      }
    `,
    // ws: a guard on the socket, outside the implementation; the websocket's 'error' destroys the stream.
    `
      const { Duplex } = require('stream');
      function createWebSocketStream(ws, options) {
        const duplex = new Duplex({ ...options, autoDestroy: false, emitClose: false });
        duplex._final = function (callback) {
          if (ws.readyState === ws.CONNECTING) {
            ws.once('open', function open() {
              duplex._final(callback);
            });
            return;
          }
          if (ws._socket === null) return;
          ws._socket.once('finish', function finish() {
            callback();
          });
          ws.close();
        };
        return duplex;
      }
    `,
    // multistream: each stream is destroyed, and the last one to finish calls back.
    `
      const stream = require('readable-stream');
      class MultiStream extends stream.Readable {
        _destroy(err, cb) {
          let streams = [];
          if (this._current) streams.push(this._current);
          if (streams.length === 0) {
            cb(err);
          } else {
            let counter = streams.length;
            let er = err;
            streams.forEach((stream) => {
              destroy(stream, err, (err) => {
                er = er || err;
                if (--counter === 0) {
                  cb(er);
                }
              });
            });
          }
        }
      }
    `,
    // fast-csv: the catch calls back only when no other call has (the flag is raised before each).
    `
      const { Transform } = require('stream');
      class CsvFormatterStream extends Transform {
        _transform(row, encoding, cb) {
          let cbCalled = false;
          try {
            this.rowFormatter.format(row, (err, rows) => {
              if (err) {
                cbCalled = true;
                return cb(err);
              }
              this.push(rows);
              cbCalled = true;
              return cb();
            });
          } catch (e) {
            if (cbCalled) {
              throw e;
            }
            cb(e);
          }
        }
      }
    `,
    // Early `return callback()` style, as in most line and JSON splitters.
    `
      const { Transform } = require('node:stream');
      class JsonLines extends Transform {
        constructor() { super({ readableObjectMode: true }); this.rest = ''; }
        _transform(chunk, encoding, callback) {
          const lines = (this.rest + chunk).split('\\n');
          this.rest = lines.pop();
          for (const line of lines) {
            if (!line.trim()) continue;
            let value;
            try {
              value = JSON.parse(line);
            } catch (error) {
              return callback(error);
            }
            this.push(value);
          }
          callback();
        }
        _flush(callback) {
          if (!this.rest) return callback();
          try {
            this.push(JSON.parse(this.rest));
          } catch (error) {
            return callback(error);
          }
          callback();
        }
      }
    `,
    // A gulp plugin: each branch calls back once and returns.
    `
      const through = require('through2');
      module.exports = function banner(text) {
        return through.obj(function (file, encoding, callback) {
          if (file.isNull()) {
            callback(null, file);
            return;
          }
          if (file.isStream()) {
            callback(new Error('Streams are not supported'));
            return;
          }
          file.contents = Buffer.concat([Buffer.from(text), file.contents]);
          callback(null, file);
        });
      };
    `,
    // The callback handed on: to a write, a timer, a promise's two handlers, a listener.
    `
      import { Writable } from 'node:stream';
      export class SocketSink extends Writable {
        constructor(socket) { super(); this.socket = socket; }
        _write(chunk, encoding, callback) {
          this.socket.write(chunk, encoding, callback);
        }
        _writev(chunks, callback) {
          this.socket.write(Buffer.concat(chunks.map(({ chunk }) => chunk)), callback);
        }
        _final(callback) {
          this.socket.end(callback);
        }
        _destroy(error, callback) {
          this.socket.destroy();
          process.nextTick(callback, error);
        }
      }
    `,
    `
      const { Writable } = require('stream');
      class Inserter extends Writable {
        constructor(db) { super({ objectMode: true }); this.db = db; }
        _write(row, encoding, callback) {
          this.db.insert(row).then(() => callback(), callback);
        }
        _final(callback) {
          this.db.flush().then(() => callback()).catch(callback);
        }
      }
    `,
    // Waiting for 'drain' on one branch, calling back on the other.
    `
      const { Writable } = require('stream');
      class Relay extends Writable {
        _write(chunk, encoding, callback) {
          if (!this.target.write(chunk)) {
            this.target.once('drain', callback);
          } else {
            setImmediate(callback);
          }
        }
      }
    `,
    // From the Node.js documentation: _construct opens a file, _destroy closes it.
    `
      const { Writable } = require('node:stream');
      const fs = require('node:fs');
      class WriteStream extends Writable {
        constructor(filename) { super(); this.filename = filename; }
        _construct(callback) {
          fs.open(this.filename, 'w', (err, fd) => {
            if (err) {
              callback(err);
            } else {
              this.fd = fd;
              callback();
            }
          });
        }
        _write(chunk, encoding, callback) {
          fs.write(this.fd, chunk, callback);
        }
        _destroy(err, callback) {
          if (this.fd) {
            fs.close(this.fd, (er) => callback(er || err));
          } else {
            callback(err);
          }
        }
      }
    `,
    // A local wrapper that guards against a second call: its own uses count.
    `
      const { Transform } = require('stream');
      class Child extends Transform {
        _transform(chunk, encoding, callback) {
          let finished = false;
          const done = (error) => {
            if (finished) return;
            finished = true;
            callback(error);
          };
          this.child.stdin.once('error', done);
          this.child.stdin.write(chunk, done);
        }
      }
    `,
    `
      const { Transform } = require('stream');
      class Compress extends Transform {
        _flush(callback) {
          function done(error) {
            this.cleanup();
            callback(error);
          }
          if (this.pending) return this.pending.then(() => done(), done);
          done();
        }
      }
    `,
    // Conditional expressions and switches with one call per branch.
    `
      import { Transform } from 'node:stream';
      export const upper = new Transform({
        transform(chunk, encoding, callback) {
          const error = chunk.length > 1e6 ? new Error('chunk too large') : null;
          error ? callback(error) : callback(null, chunk.toString().toUpperCase());
        },
      });
    `,
    `
      const { Transform } = require('stream');
      class Router extends Transform {
        _transform(message, encoding, callback) {
          switch (message.type) {
            case 'ping':
              return callback(null, { type: 'pong' });
            case 'data':
              this.push(message);
              return callback();
            default:
              callback(new Error('unknown type ' + message.type));
          }
        }
      }
    `,
    // Pushing per line in a loop, calling back once after it.
    `
      const { Transform } = require('stream');
      class Split extends Transform {
        _transform(chunk, encoding, callback) {
          const lines = (this.tail + chunk).split('\\n');
          this.tail = lines.pop();
          lines.forEach((line) => this.push(line));
          callback();
        }
      }
    `,
    // Destroying the stream settles it: the callback is no longer awaited.
    `
      const { Transform } = require('stream');
      class Limit extends Transform {
        _transform(chunk, encoding, callback) {
          this.seen += chunk.length;
          if (this.seen > this.limit) {
            this.destroy(new Error('limit exceeded'));
            return;
          }
          callback(null, chunk);
        }
      }
    `,
    // A throw is no-throw-in-implementation's concern, not a missing call.
    `
      const { Transform } = require('stream');
      class Strict extends Transform {
        _transform(chunk, encoding, callback) {
          if (typeof chunk !== 'string') throw new TypeError('strings only');
          callback(null, chunk);
        }
      }
    `,
    // The old prototype style, with util.inherits.
    `
      var Transform = require('readable-stream').Transform;
      var util = require('util');
      function Counter() { Transform.call(this); this.count = 0; }
      util.inherits(Counter, Transform);
      Counter.prototype._transform = function (chunk, enc, next) {
        this.count += chunk.length;
        next(null, chunk);
      };
      Counter.prototype._flush = function (next) {
        this.push(String(this.count));
        next();
      };
    `,
    // Named functions given as options, as split2 does.
    `
      const { Transform } = require('stream');
      function transform(chunk, enc, cb) {
        this.push(chunk);
        cb();
      }
      function flush(cb) {
        cb();
      }
      module.exports = () => new Transform({ transform, flush });
    `,
    // Class fields hold arrow functions whose `this` is the instance.
    `
      import { Transform } from 'node:stream';
      export class Tap extends Transform {
        _transform = (chunk, encoding, callback) => {
          this.emit('tap', chunk);
          callback(null, chunk);
        };
      }
    `,
    // Tests of the callback itself are not calls, and Node always passes one.
    `
      const { Writable } = require('stream');
      class Sink extends Writable {
        _final(callback) {
          if (typeof callback !== 'function') return;
          callback();
        }
        _destroy(error, callback) {
          this.close();
          callback && callback(error);
        }
      }
    `,
    // `arguments` reaches the callback in ways we do not follow.
    `
      const { Transform } = require('stream');
      class Legacy extends Transform {
        _transform() {
          const callback = arguments[2];
          callback(null, arguments[0]);
        }
      }
    `,
    // _read takes no callback; neither do methods of classes that are not streams.
    `
      const { Readable } = require('stream');
      class Counter extends Readable {
        _read() {
          this.push(this.n++ < 3 ? String(this.n) : null);
        }
      }
      class Parser {
        _transform(chunk, encoding, callback) {
          if (!chunk) return;
          callback(chunk);
        }
      }
    `,
    // A _transform on a Readable is not called by Node: not an implementation.
    `
      const { Readable } = require('stream');
      class Source extends Readable {
        _read() {}
        _transform(chunk) { return chunk; }
      }
    `,
    // Async implementations without a callback are no-async-implementation's concern.
    `
      const { Writable } = require('stream');
      class Sink extends Writable {
        async _write(chunk) { await this.save(chunk); }
      }
    `,
    // An instance whose _write is set after creation.
    `
      const { Writable } = require('stream');
      const sink = new Writable();
      sink._write = (chunk, encoding, done) => {
        received.push(chunk);
        done();
      };
    `,
  ],
  invalid: [
    {
      // A guard clause on the chunk (or a local made from it) is the forgotten callback.
      code: `
const { Transform } = require('stream');
class Lines extends Transform {
  _transform(chunk, encoding, callback) {
    const line = chunk.toString().trim();
    if (!line) return;
    callback(null, line);
  }
}
`,
      errors: [{ messageId: 'notCalled', data: { name: '_transform', callback: 'callback' }, line: 6, column: 16, endLine: 6, endColumn: 23 }],
    },
    {
      // A guard on the stream's state after the chunk reached it (the LineSplitter of the docs).
      code: `
const { Transform } = require('stream');
class LineSplitter extends Transform {
  _transform(chunk, encoding, callback) {
    this.buffer += chunk;
    if (!this.buffer.includes('\\n')) return;
    this.push(this.buffer);
    callback();
  }
}
`,
      errors: [{ messageId: 'notCalled', data: { name: '_transform', callback: 'callback' }, line: 6, column: 38, endLine: 6, endColumn: 45 }],
    },
    {
      // Only a destroyed stream is excused: another state on the skipped path still stalls.
      code: `
const { Writable } = require('stream');
class Sink extends Writable {
  _write(chunk, encoding, cb) {
    if (this.target.write(chunk) === false) this.target.once('drain', cb);
    else if (!this.paused) cb();
  }
}
`,
      errors: [{ messageId: 'notCalled', data: { name: '_write', callback: 'cb' }, line: 7, column: 3, endLine: 7, endColumn: 4 }],
    },
    {
      // Each element's callback calls back, with no countdown: once per element.
      code: `
const fs = require('fs');
const { Writable } = require('stream');
class Cleaner extends Writable {
  _destroy(err, cb) {
    this.files.forEach((file) => fs.unlink(file, () => cb(err)));
  }
}
`,
      errors: [{ messageId: 'calledInLoop', data: { callback: 'cb' }, line: 6, column: 56, endLine: 6, endColumn: 63 }],
    },
    {
      // Without a destroy() of its own, Node calls _destroy with a callback.
      code: `
const { Duplex } = require('stream');
class Relay extends Duplex {
  _destroy(error) {
    this.socket.destroy(error);
  }
}
`,
      errors: [{ messageId: 'noCallbackParameter', data: { name: '_destroy' }, line: 4, column: 3, endLine: 4, endColumn: 11 }],
    },
    {
      // The early return that stalls the stream (node-line-transform-stream#2).
      code: `
const { Transform } = require('stream');
class LineSplitter extends Transform {
  _transform(chunk, encoding, callback) {
    const text = chunk.toString();
    if (!text.includes('\\n')) {
      this.buffer += text;
      return;
    }
    this.push(text);
    callback();
  }
}
`,
      errors: [{ messageId: 'notCalled', data: { name: '_transform', callback: 'callback' }, line: 8, column: 7, endLine: 8, endColumn: 14 }],
    },
    {
      // A missing return after the error callback.
      code: `
const { Transform } = require('stream');
const parse = new Transform({
  readableObjectMode: true,
  transform(chunk, encoding, callback) {
    if (chunk.length === 0) callback(new Error('empty chunk'));
    callback(null, { line: String(chunk) });
  },
});
parse.on('error', console.error);
`,
      errors: [{ messageId: 'calledTwice', data: { callback: 'callback' }, line: 7, column: 5, endLine: 7, endColumn: 44 }],
    },
    {
      // A statement after the callback in the try: when it throws, the catch calls back again
      // (Node: ERR_MULTIPLE_CALLBACK when the helper throws).
      code: `
const { Transform } = require('stream');
class Lines extends Transform {
  _transform(chunk, encoding, callback) {
    try {
      callback();
      this.push(parseLine(chunk.toString()));
    } catch (error) {
      callback(error);
    }
  }
}
`,
      errors: [{ messageId: 'calledInTryAndCatch', data: { callback: 'callback' }, line: 9, column: 7, endLine: 9, endColumn: 22 }],
    },
    {
      // A scheduled call followed by a statement that can throw: the catch calls back now and the
      // scheduled call on the next tick, before the stream is destroyed (Node: ERR_MULTIPLE_CALLBACK
      // when the helper throws; a call put off with setImmediate would find it destroyed).
      code: `
const { Writable } = require('stream');
class Count extends Writable {
  _write(chunk, encoding, callback) {
    try {
      process.nextTick(callback);
      this.total = (this.total || 0) + check(chunk).length;
    } catch (error) {
      callback(error);
    }
  }
}
`,
      errors: [{ messageId: 'calledTwice', data: { callback: 'callback' }, line: 9, column: 7, endLine: 9, endColumn: 22 }],
    },
    {
      // Re-calling itself once the handle opens, but without the callback (Node: a stall).
      code: `
const { Writable } = require('stream');
class Single extends Writable {
  constructor() {
    super();
    setImmediate(() => {
      this.fd = 3;
      this.emit('ready');
    });
  }
  _write(chunk, encoding, cb) {
    if (typeof this.fd !== 'number') {
      return this.once('ready', () => this._write(chunk, encoding));
    }
    store(this.fd, chunk, cb);
  }
}
`,
      errors: [{ messageId: 'notCalled', data: { name: '_write', callback: 'cb' }, line: 13, column: 7, endLine: 13, endColumn: 69 }],
    },
    {
      // The field guarding the call is cleared while chunks still come (Node: a stall).
      code: `
const { Transform } = require('stream');
class Entry extends Transform {
  constructor() {
    super();
    this.entry = { size: 0 };
  }
  _transform(chunk, encoding, callback) {
    if (this.entry) {
      this.entry.size += chunk.length;
      if (this.entry.size > 8) this.entry = null;
      callback(null, chunk);
    }
  }
}
`,
      errors: [{ messageId: 'notCalled', data: { name: '_transform', callback: 'callback' }, line: 14, column: 3, endLine: 14, endColumn: 4 }],
    },
    {
      // In object mode the chunk can be anything: the guard is reachable (Node: a stall).
      code: `
const { Writable } = require('stream');
class Bytes extends Writable {
  constructor() {
    super({ objectMode: true });
  }
  _write(data, encoding, cb) {
    if (!Buffer.isBuffer(data)) return;
    cb();
  }
}
`,
      errors: [{ messageId: 'notCalled', data: { name: '_write', callback: 'cb' }, line: 8, column: 33, endLine: 8, endColumn: 40 }],
    },
    {
      // An async implementation calls back after its await, with Node's sync flag down: what the
      // callback runs ('finish' listeners, the next write) can throw into the try.
      code: `
const { Writable } = require('stream');
class Store extends Writable {
  async _write(chunk, encoding, callback) {
    try {
      await this.db.insert(chunk);
      callback();
    } catch (error) {
      callback(error);
    }
  }
}
`,
      errors: [{ messageId: 'calledInTryAndCatch', data: { callback: 'callback' }, line: 9, column: 7, endLine: 9, endColumn: 22 }],
    },
    {
      // A countdown needs a condition: a for loop whose every hand-off calls back is a double.
      code: `
const { Writable } = require('stream');
class Fanout extends Writable {
  _write(chunk, encoding, callback) {
    for (const target of this.targets) {
      target.write(chunk, () => callback());
    }
    callback();
  }
}
`,
      errors: [{ messageId: 'calledTwice', data: { callback: 'callback' }, line: 8, column: 5, endLine: 8, endColumn: 15 }],
    },
    {
      // The alias of the stream's state exempts a guard on it, not a return that depends on the chunk.
      code: `
const { Transform } = require('stream');
class Chunky extends Transform {
  _transform(chunk, encoding, callback) {
    const { destroyed } = this;
    const size = chunk.length;
    if (destroyed || size === 0) return;
    callback(null, chunk);
  }
}
`,
      errors: [{ messageId: 'notCalled', data: { name: '_transform', callback: 'callback' }, line: 7, column: 34, endLine: 7, endColumn: 41 }],
    },
    {
      // Prototype implementations: Object.create(Transform.prototype), Object.assign on a
      // prototype after util.inherits; the report sits on the return that skips the call.
      code: `
const stream = require('stream');
const { inherits } = require('util');
function Lower(options) { stream.Transform.call(this, options); }
Lower.prototype = Object.create(stream.Transform.prototype);
Lower.prototype.constructor = Lower;
Lower.prototype._transform = function (chunk, encoding, callback) {
  if (chunk.length === 0) return;
  callback(null, chunk.toString().toLowerCase());
};
function Trim(options) { stream.Transform.call(this, options); }
inherits(Trim, stream.Transform);
Object.assign(Trim.prototype, {
  _flush(callback) {
    const tail = this.decoder.end();
    if (!tail) return;
    callback(null, tail);
  },
});
`,
      errors: [
        { messageId: 'notCalled', data: { name: '_transform', callback: 'callback' }, line: 8, column: 27, endLine: 8, endColumn: 34 },
        { messageId: 'notCalled', data: { name: '_flush', callback: 'callback' }, line: 16, column: 16, endLine: 16, endColumn: 23 },
      ],
    },
    {
      // Every path that misses the call is reported where it leaves: a return, and the end.
      code: `
const { Writable } = require('stream');
const sink = new Writable({
  write(chunk, encoding, callback) {
    if (chunk.length > 1024) return;
    if (chunk.length > 0) callback();
  },
});
`,
      errors: [
        { messageId: 'notCalled', data: { name: 'write', callback: 'callback' }, line: 5, column: 30, endLine: 5, endColumn: 37 },
        { messageId: 'notCalled', data: { name: 'write', callback: 'callback' }, line: 7, column: 3, endLine: 7, endColumn: 4 },
      ],
    },
    {
      // One callback per line, as in split2#38.
      code: `
const through2 = require('through2');
const split = through2.obj(function (chunk, encoding, next) {
  chunk.toString().split('\\n').forEach((line) => next(null, line));
});
`,
      errors: [{ messageId: 'calledInLoop', data: { callback: 'next' }, line: 4, column: 50, endLine: 4, endColumn: 66 }],
    },
    {
      code: `
const { Writable } = require('stream');
class Batch extends Writable {
  _writev(chunks, callback) {
    for (const { chunk } of chunks) {
      this.rows.push(chunk);
      callback();
    }
  }
}
`,
      errors: [
        { messageId: 'calledInLoop', data: { callback: 'callback' }, line: 7, column: 7, endLine: 7, endColumn: 17 },
        { messageId: 'notCalled', data: { name: '_writev', callback: 'callback' }, line: 9, column: 3, endLine: 9, endColumn: 4 },
      ],
    },
    {
      // A gulp plugin that forgets the callback on one branch (through2#44).
      code: `
const through = require('through2');
module.exports = () =>
  through.obj(function (file, enc, cb) {
    if (file.isNull()) {
      this.push(file);
      return;
    }
    cb(null, file);
  });
`,
      errors: [{ messageId: 'notCalled', data: { name: 'through2.obj(…)', callback: 'cb' }, line: 7, column: 7, endLine: 7, endColumn: 14 }],
    },
    {
      // Waiting for 'drain' but falling through to the callback as well.
      code: `
const { Writable } = require('stream');
class Relay extends Writable {
  _write(chunk, encoding, callback) {
    if (!this.target.write(chunk)) this.target.once('drain', callback);
    callback();
  }
}
`,
      errors: [{ messageId: 'calledTwice', data: { callback: 'callback' }, line: 6, column: 5, endLine: 6, endColumn: 15 }],
    },
    {
      code: `
const { Transform } = require('stream');
class Echo extends Transform {
  _transform(chunk) {
    this.push(chunk);
  }
}
`,
      errors: [{ messageId: 'noCallbackParameter', data: { name: '_transform' }, line: 4, column: 3, endLine: 4, endColumn: 13 }],
    },
    {
      // Through a class chain, a prototype assignment, an instance and a named option.
      code: `
const { Transform, Writable } = require('stream');
const util = require('util');
class Base extends Transform {}
class Upper extends Base {
  _flush(callback) {
    if (this.tail) this.push(this.tail);
  }
}
function Legacy() { Writable.call(this); }
util.inherits(Legacy, Writable);
Legacy.prototype._final = function (cb) {
  if (this.open) this.close(cb);
};
const sink = new Writable();
sink._write = (chunk, encoding, done) => {
  if (chunk.length) done();
};
function transform(chunk, encoding, next) {
  if (chunk) next(null, chunk);
}
module.exports = { sink, legacy: Legacy, upper: Upper, lower: () => new Transform({ transform }) };
`,
      errors: [
        { messageId: 'notCalled', data: { name: '_flush', callback: 'callback' }, line: 6, column: 3, endLine: 6, endColumn: 9 },
        { messageId: 'notCalled', data: { name: '_final', callback: 'cb' }, line: 14, column: 1, endLine: 14, endColumn: 2 },
        { messageId: 'notCalled', data: { name: '_write', callback: 'done' }, line: 18, column: 1, endLine: 18, endColumn: 2 },
        { messageId: 'notCalled', data: { name: 'transform', callback: 'next' }, line: 21, column: 1, endLine: 21, endColumn: 2 },
      ],
    },
    {
      // An alias that is called twice is the callback called twice.
      code: `
const { Transform } = require('stream');
class Gate extends Transform {
  _transform(chunk, encoding, callback) {
    const done = callback;
    if (chunk.length === 0) done(new Error('empty'));
    done(null, chunk);
  }
}
`,
      errors: [{ messageId: 'calledTwice', data: { callback: 'callback' }, line: 7, column: 5, endLine: 7, endColumn: 22 }],
    },
  ],
});

typedRuleTester().run('implementation-callback with types', rule, {
  valid: [
    `
      import type { Transform } from 'node:stream';
      declare const Base: typeof Transform;
      export class Ok extends Base {
        _transform(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
          callback();
        }
      }
    `,
  ],
  invalid: [
    {
      // The base class comes from elsewhere: only its type says it is a stream.
      code: `
import type { Transform } from 'node:stream';
declare const Base: typeof Transform;
export class Stalls extends Base {
  _transform(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (chunk.length === 0) return;
    callback();
  }
}
`,
      errors: [{ messageId: 'notCalled', line: 6, column: 29, endLine: 6, endColumn: 36 }],
    },
  ],
});
