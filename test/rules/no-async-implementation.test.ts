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
  ],
  invalid: [
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
  ],
});
