import rule from '../../rules/src/rules/no-async-implementation.js';
import { ruleTester } from './rule-tester.js';

ruleTester.run('no-async-implementation', rule, {
  valid: [
    // A promise handed its callback: then(ok, fail).
    `
      const { Writable } = require('node:stream');
      class Inserter extends Writable {
        _write(row, encoding, callback) {
          this.db.insert(row).then(() => callback(), callback);
        }
      }
    `,
    // An async helper called from a plain implementation that catches.
    `
      import { Transform } from 'node:stream';
      export class Resize extends Transform {
        _transform(image, encoding, callback) {
          this.resize(image).then((small) => callback(null, small), callback);
        }
        async resize(image) {
          return image.slice(0, 10);
        }
      }
    `,
    // async _read takes no callback: Node calls it and moves on; errors go to destroy().
    `
      const { Readable } = require('node:stream');
      class Rows extends Readable {
        async _read() {
          try {
            const rows = await this.cursor.next();
            this.push(rows.length ? rows : null);
          } catch (error) {
            this.destroy(error);
          }
        }
      }
    `,
    // Without the strict option, an async _read is not asked for an error path.
    `
      const { Readable } = require('node:stream');
      class Pages extends Readable {
        async _read() {
          const page = await this.client.nextPage();
          this.push(page ?? null);
        }
      }
    `,
    // With it: every await under a catch that destroys, emits 'error' or hands the error on.
    ...[
      `
        const { Readable } = require('node:stream');
        class Pages extends Readable {
          async _read() {
            try {
              for await (const row of this.cursor) if (!this.push(row)) return;
              this.push(null);
            } catch (error) {
              process.nextTick(() => this.destroy(error));
            }
          }
        }
      `,
      `
        import { Readable } from 'node:stream';
        export const pages = (client) =>
          new Readable({
            objectMode: true,
            async read() {
              const page = await client.nextPage().catch((error) => this.destroy(error));
              if (page !== undefined) this.push(page);
            },
          });
      `,
      `
        const { Readable } = require('readable-stream');
        class Feed extends Readable {
          async _read(size) {
            let item;
            try {
              item = await this.queue.take(size);
            } catch (error) {
              this.emit('error', error);
              return;
            }
            this.push(item);
          }
        }
      `,
      // A _read that is not async is not this rule's concern.
      `
        const { Readable } = require('node:stream');
        class Pages extends Readable {
          _read() {
            this.client.nextPage().then((page) => this.push(page), (error) => this.destroy(error));
          }
        }
      `,
    ].map((code) => ({ code, options: [{ requireErrorPath: true }] as [{ requireErrorPath: boolean }] })),
    // Async functions that are not stream implementations.
    `
      class Uploader {
        async _write(chunk, encoding, callback) {
          await this.client.put(chunk);
          callback();
        }
      }
      const upload = async (chunk, encoding, callback) => callback();
    `,
    // Every wait under a catch that calls back with the error, or on a promise that only resolves:
    // the async body cannot reject, and the callback runs on every path.
    `
      const { Writable, Readable } = require('node:stream');
      class Blob extends Writable {
        async _write(chunk, encoding, cb) {
          const data = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
          try {
            await this.conn.send(data);
          } catch (err) {
            cb(err);
            return;
          }
          cb(null);
        }
      }
      class Rows extends Readable {
        _read() {}
        async _destroy(err, cb) {
          if (this.fetching) await new Promise((resolve) => this.once('idle', resolve));
          try {
            await this.cursor.close();
          } catch (closeErr) {
            cb(closeErr);
            return;
          }
          cb(err);
        }
      }
    `,
  ],
  invalid: [
    {
      // A promise whose executor can reject, and a wait outside the try: either rejection is lost.
      code: `
const { Writable } = require('node:stream');
class Sink extends Writable {
  async _final(cb) {
    await new Promise((resolve, reject) => this.once('idle', resolve).once('error', reject));
    cb();
  }
  async _write(chunk, encoding, cb) {
    await this.ready;
    try {
      await this.conn.send(chunk);
    } catch (error) {
      return cb(error);
    }
    cb();
  }
  async _destroy(error, cb) {
    try {
      await this.conn.close();
      cb(error);
    } catch (closeError) {
      cb(closeError);
    }
  }
}
`,
      errors: [
        { messageId: 'asyncWithCallback', data: { name: '_final', callback: 'cb' }, line: 4, column: 3 },
        { messageId: 'asyncWithCallback', data: { name: '_write', callback: 'cb' }, line: 8, column: 3 },
        { messageId: 'asyncWithCallback', data: { name: '_destroy', callback: 'cb' }, line: 17, column: 3 },
      ],
    },
    {
      // The rejection nobody sees (nodejs/node#12513, nodejs/help#1997).
      code: `
const { Writable } = require('node:stream');
class S3Sink extends Writable {
  async _write(chunk, encoding, callback) {
    await this.client.putObject({ Body: chunk });
    callback();
  }
}
`,
      errors: [{ messageId: 'asyncWithCallback', data: { name: '_write', callback: 'callback' }, line: 4, column: 3, endLine: 4, endColumn: 15 }],
    },
    {
      code: `
const through2 = require('through2');
module.exports = through2.obj(async function (file, enc, next) {
  file.contents = await compile(file.contents);
  next(null, file);
});
`,
      errors: [{ messageId: 'asyncWithCallback', data: { name: 'through2.obj(…)', callback: 'next' }, line: 3, column: 31, endLine: 3, endColumn: 46 }],
    },
    {
      // Without a callback, Node never learns that the chunk is done.
      code: `
import { Transform } from 'node:stream';
export const enrich = new Transform({
  objectMode: true,
  transform: async (record) => ({ ...record, at: Date.now() }),
  async flush(callback) {
    await this.drain();
    callback();
  },
});
`,
      errors: [
        { messageId: 'asyncWithoutCallback', data: { name: 'transform' }, line: 5, column: 29 },
        { messageId: 'asyncWithCallback', data: { name: 'flush', callback: 'callback' }, line: 6, column: 3 },
      ],
    },
    {
      // Strict: an async _read whose rejection nobody sees; the stream waits for data forever.
      code: `
const { Readable } = require('node:stream');
class Pages extends Readable {
  async _read() {
    const page = await this.client.nextPage();
    this.push(page ?? null);
  }
}
`,
      options: [{ requireErrorPath: true }],
      errors: [{ messageId: 'asyncWithoutErrorPath', data: { name: '_read' }, line: 4, column: 3, endLine: 4, endColumn: 14 }],
    },
    {
      // A catch that only logs, and an await outside the try, are no error path either.
      code: `
import { Readable } from 'node:stream';
export class Rows extends Readable {
  async _read() {
    try {
      this.push(await this.cursor.next());
    } catch (error) {
      console.error('read failed', error);
    }
  }
}
export const lines = new Readable({
  async read() {
    const line = await source.next();
    try {
      this.push(line);
    } catch (error) {
      this.destroy(error);
    }
  },
});
`,
      options: [{ requireErrorPath: true }],
      errors: [
        { messageId: 'asyncWithoutErrorPath', line: 4, column: 3 },
        { messageId: 'asyncWithoutErrorPath', data: { name: 'read' }, line: 13, column: 3 },
      ],
    },
  ],
});
