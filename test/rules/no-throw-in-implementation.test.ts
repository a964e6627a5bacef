import rule from '../../rules/src/rules/no-throw-in-implementation.js';
import { checkFixOutputs } from '../support/fix-outputs.js';
import { ruleTester } from './rule-tester.js';

const invalid = [
  {
    // A function an array method runs per element runs inside _write: its throw escapes write()
    // too (Node: the error leaves the write() call).
    code: `
const { Writable } = require('node:stream');
const fs = require('node:fs');
class Appender extends Writable {
  _write(chunk, encoding, callback) {
    const lines = chunk.toString().split('\\n').map((line) => {
      if (line.length > 80) throw new Error('too long');
      return line;
    });
    fs.appendFile(this.path, lines.join('\\n'), callback);
  }
}
`,
    errors: [{ messageId: 'throwInImplementation' as const, data: { name: '_write' }, line: 7, column: 29, endLine: 7, endColumn: 57, suggestions: [] }],
  },
  {
    // A CSV parser that throws on a bad row (node-stream-transform#31): the throw leaves through
    // the write() of whoever piped into it.
    code: `
const { Transform } = require('node:stream');
class CsvParser extends Transform {
  _transform(chunk, encoding, callback) {
    const fields = chunk.toString().split(',');
    if (fields.length !== this.columns) throw new Error(\`expected \${this.columns} fields\`);
    callback(null, fields);
  }
}
`,
    errors: [
      {
        messageId: 'throwInImplementation' as const,
        data: { name: '_transform' },
        line: 6,
        column: 41,
        endLine: 6,
        endColumn: 92,
        suggestions: [
          {
            messageId: 'callBackWithError' as const,
            data: { callback: 'callback' },
            output: `
const { Transform } = require('node:stream');
class CsvParser extends Transform {
  _transform(chunk, encoding, callback) {
    const fields = chunk.toString().split(',');
    if (fields.length !== this.columns) return callback(new Error(\`expected \${this.columns} fields\`));
    callback(null, fields);
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    // Rethrowing from the catch escapes just the same; so does a throw in a try with only finally.
    code: `
const through2 = require('through2');
module.exports = through2.obj(function (file, enc, next) {
  try {
    file.data = JSON.parse(file.contents);
  } catch (error) {
    throw new Error(file.path + ': ' + error.message);
  }
  try {
    if (!file.data.id) throw new TypeError('no id');
  } finally {
    this.count++;
  }
  next(null, file);
});
`,
    errors: [
      {
        messageId: 'throwInImplementation' as const,
        data: { name: 'through2.obj(…)' },
        line: 7,
        column: 5,
        suggestions: [
          {
            messageId: 'callBackWithError' as const,
            output: `
const through2 = require('through2');
module.exports = through2.obj(function (file, enc, next) {
  try {
    file.data = JSON.parse(file.contents);
  } catch (error) {
    return next(new Error(file.path + ': ' + error.message));
  }
  try {
    if (!file.data.id) throw new TypeError('no id');
  } finally {
    this.count++;
  }
  next(null, file);
});
`,
          },
        ],
      },
      {
        messageId: 'throwInImplementation' as const,
        line: 10,
        column: 24,
        suggestions: [
          {
            messageId: 'callBackWithError' as const,
            output: `
const through2 = require('through2');
module.exports = through2.obj(function (file, enc, next) {
  try {
    file.data = JSON.parse(file.contents);
  } catch (error) {
    throw new Error(file.path + ': ' + error.message);
  }
  try {
    if (!file.data.id) return next(new TypeError('no id'));
  } finally {
    this.count++;
  }
  next(null, file);
});
`,
          },
        ],
      },
    ],
  },
  {
    // Options of new Writable, and _writev.
    code: `
import { Writable } from 'node:stream';
export const sink = new Writable({
  write(chunk, encoding, done) {
    if (!this.connection) throw new Error('not connected');
    this.connection.send(chunk, done);
  },
  writev: (chunks, done) => {
    for (const { chunk } of chunks) {
      if (chunk.length > 1024) throw new RangeError('chunk too large');
    }
    done();
  },
});
`,
    errors: [
      {
        messageId: 'throwInImplementation' as const,
        data: { name: 'write' },
        line: 5,
        column: 27,
        suggestions: [
          {
            messageId: 'callBackWithError' as const,
            output: `
import { Writable } from 'node:stream';
export const sink = new Writable({
  write(chunk, encoding, done) {
    if (!this.connection) return done(new Error('not connected'));
    this.connection.send(chunk, done);
  },
  writev: (chunks, done) => {
    for (const { chunk } of chunks) {
      if (chunk.length > 1024) throw new RangeError('chunk too large');
    }
    done();
  },
});
`,
          },
        ],
      },
      {
        messageId: 'throwInImplementation' as const,
        data: { name: 'writev' },
        line: 10,
        column: 32,
        suggestions: [
          {
            messageId: 'callBackWithError' as const,
            output: `
import { Writable } from 'node:stream';
export const sink = new Writable({
  write(chunk, encoding, done) {
    if (!this.connection) throw new Error('not connected');
    this.connection.send(chunk, done);
  },
  writev: (chunks, done) => {
    for (const { chunk } of chunks) {
      if (chunk.length > 1024) return done(new RangeError('chunk too large'));
    }
    done();
  },
});
`,
          },
        ],
      },
    ],
  },
  {
    // No callback parameter, or one hidden by a local of the same name: no suggestion.
    code: `
const { Transform } = require('stream');
class Strict extends Transform {
  _transform(chunk) {
    if (!chunk) throw new Error('empty');
  }
}
class Shadow extends Transform {
  _transform(chunk, encoding, callback) {
    for (const callback of this.hooks) {
      if (!callback(chunk)) throw new Error('rejected');
    }
    callback(null, chunk);
  }
}
`,
    errors: [
      { messageId: 'throwInImplementation' as const, line: 5, column: 17, suggestions: [] },
      { messageId: 'throwInImplementation' as const, line: 11, column: 29, suggestions: [] },
    ],
  },
  {
    // A catch that throws an error of its own makes a new throw: reported.
    code: `
const { Transform } = require('stream');
class Decoder extends Transform {
  _transform(chunk, encoding, callback) {
    let value;
    try {
      value = this.codec.decode(chunk);
    } catch (error) {
      throw new Error('cannot decode: ' + error.message);
    }
    callback(null, value);
  }
}
`,
    errors: [{ messageId: 'throwInImplementation' as const, line: 9, column: 7, suggestions: [{ messageId: 'callBackWithError' as const, output: `
const { Transform } = require('stream');
class Decoder extends Transform {
  _transform(chunk, encoding, callback) {
    let value;
    try {
      value = this.codec.decode(chunk);
    } catch (error) {
      return callback(new Error('cannot decode: ' + error.message));
    }
    callback(null, value);
  }
}
` }] }],
  },
  {
    // A call that returns first, or sits in the other branch, cannot run before the throw.
    code: `
const { Writable } = require('stream');
class Sink extends Writable {
  _write(chunk, encoding, callback) {
    if (chunk.length === 0) {
      callback();
      return;
    }
    if (chunk.length > 65536) callback(new Error('too large'));
    else if (!this.fd) throw new Error('not open');
    this.buffer.push(chunk);
    callback();
  }
}
`,
    errors: [
      {
        messageId: 'throwInImplementation' as const,
        line: 10,
        column: 24,
        suggestions: [
          {
            messageId: 'callBackWithError' as const,
            data: { callback: 'callback' },
            output: `
const { Writable } = require('stream');
class Sink extends Writable {
  _write(chunk, encoding, callback) {
    if (chunk.length === 0) {
      callback();
      return;
    }
    if (chunk.length > 65536) callback(new Error('too large'));
    else if (!this.fd) return callback(new Error('not open'));
    this.buffer.push(chunk);
    callback();
  }
}
`,
          },
        ],
      },
    ],
  },
];

ruleTester.run('no-throw-in-implementation', rule, {
  valid: [
    // fast-csv's formatter rethrows what its try caught once the callback was called (a consumer
    // failed inside it): the error goes on as if nothing had caught it, and a call that throws is
    // not a throw statement of the implementation.
    `
      const { Transform } = require('stream');
      class CsvFormatterStream extends Transform {
        _transform(row, encoding, cb) {
          let cbCalled = false;
          try {
            this.rowFormatter.format(row, (err, rows) => {
              cbCalled = true;
              return cb(err, rows);
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
    // Errors passed to the callback, as Node expects.
    `
      const { Transform } = require('node:stream');
      class CsvParser extends Transform {
        _transform(chunk, encoding, callback) {
          const fields = chunk.toString().split(',');
          if (fields.length !== this.columns) return callback(new Error('bad row'));
          callback(null, fields);
        }
      }
    `,
    // A throw caught inside the implementation, and handed to the callback.
    `
      const { Transform } = require('node:stream');
      class Validate extends Transform {
        _transform(record, encoding, callback) {
          try {
            if (!record.id) throw new TypeError('record without id');
            callback(null, record);
          } catch (error) {
            callback(error);
          }
        }
      }
    `,
    // Throws inside callbacks that run later belong to those callbacks.
    `
      const { Writable } = require('node:stream');
      const fs = require('node:fs');
      class Appender extends Writable {
        _write(chunk, encoding, callback) {
          fs.appendFile(this.path, chunk, (error) => {
            if (error && error.code !== 'ENOSPC') throw error;
            callback();
          });
        }
      }
    `,
    // A throw in a per-element function, caught in the implementation.
    `
      const { Writable } = require('node:stream');
      class Appender extends Writable {
        _write(chunk, encoding, callback) {
          try {
            const lines = chunk.toString().split('\\n').map((line) => {
              if (line.length > 80) throw new Error('too long');
              return line;
            });
            this.lines.push(...lines);
          } catch (error) {
            return callback(error);
          }
          callback();
        }
      }
    `,
    // Node catches throws from _read, _flush, _final, _destroy and _construct and destroys the
    // stream with the error.
    `
      const { Readable, Transform, Writable } = require('node:stream');
      class Source extends Readable {
        _read() {
          if (this.closed) throw new Error('source closed');
          this.push(this.next());
        }
      }
      class Tail extends Transform {
        _transform(chunk, encoding, callback) { callback(null, chunk); }
        _flush(callback) {
          if (this.pending) throw new Error('truncated input');
          callback();
        }
      }
      class Sink extends Writable {
        _write(chunk, encoding, callback) { callback(); }
        _final(callback) {
          if (!this.ok) throw new Error('incomplete');
          callback();
        }
        _construct(callback) {
          if (!this.path) throw new Error('no path');
          callback();
        }
        _destroy(error, callback) {
          if (this.fd === null) throw new Error('never opened');
          callback(error);
        }
      }
    `,
    // Async implementations reject instead: no-async-implementation reports them.
    `
      const { Writable } = require('node:stream');
      class Sink extends Writable {
        async _write(chunk, encoding, callback) {
          if (!chunk) throw new Error('empty');
          callback();
        }
      }
    `,
    // Not stream implementations.
    `
      class Parser {
        _transform(chunk) {
          if (!chunk) throw new Error('empty');
          return chunk;
        }
      }
      function transform(value) {
        if (value == null) throw new TypeError('no value');
        return value;
      }
    `,
  ],
  invalid,
});

checkFixOutputs('no-throw-in-implementation', rule, invalid);
