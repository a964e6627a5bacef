import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../rules/src/rules/no-hanging-stream-promise.js';
import { runModule, unsettledAwaitStatus } from '../support/node-run.js';
import { ruleTester } from './rule-tester.js';

it("hangs under Node: a promise on 'finish' stays pending when the stream fails", () => {
  const run = runModule(`
    import { Writable } from 'node:stream';
    const out = new Writable({ write(chunk, encoding, callback) { callback(new Error('disk full')); } });
    out.on('error', () => console.log('failed'));
    out.end('row');
    await new Promise((resolve) => out.on('finish', resolve));
    console.log('settled');
  `);
  assert.equal(run.stdout.trim(), 'failed');
  assert.equal(run.status, unsettledAwaitStatus);
});

it("settles under Node once the promise also rejects on 'error' (the suggestion's output)", () => {
  const run = runModule(`
    import { Writable } from 'node:stream';
    const out = new Writable({ write(chunk, encoding, callback) { callback(new Error('disk full')); } });
    out.end('row');
    await new Promise((resolve, reject) => {
      out.on('finish', resolve);
      out.once('error', reject);
    }).catch((error) => console.log(error.message));
  `);
  assert.equal(run.stdout.trim(), 'disk full');
  assert.equal(run.status, 0);
});

ruleTester.run('no-hanging-stream-promise', rule, {
  valid: [
    // The usual shape, in both orders and chained (unzipper, tar, @fast-csv).
    `
      const fs = require('fs');
      function write(path, data) {
        return new Promise(function (resolve, reject) {
          const out = fs.createWriteStream(path);
          out.on('finish', resolve);
          out.on('error', reject);
          out.end(data);
        });
      }
    `,
    `
      const { Transform } = require('stream');
      module.exports = (entry) => new Promise((resolve, reject) => {
        const chunks = [];
        const sink = new Transform({ transform(chunk, encoding, callback) { chunks.push(chunk); callback(); } })
          .on('finish', () => resolve(Buffer.concat(chunks)))
          .on('error', reject);
        entry.on('error', reject).pipe(sink);
      });
    `,
    // An error listener given by name, or one that settles through a helper that gets reject.
    `
      const fs = require('fs');
      const out = fs.createWriteStream('x');
      new Promise((resolve) => { out.on('error', onError); out.on('finish', resolve); });
      new Promise((resolve, reject) => { out.on('error', (e) => fail(reject, e)); out.on('finish', resolve); });
    `,
    // A stream's own method, rejecting through its own listener (minipass).
    `
      const { Readable } = require('stream');
      class Source extends Readable {
        promise() {
          return new Promise((resolve, reject) => {
            this.on('error', (er) => reject(er));
            this.on('end', () => resolve());
          });
        }
      }
    `,
    // 'close' comes after an error too (autoDestroy): the promise settles.
    `
      const fs = require('fs');
      const done = (out) => new Promise((resolve) => out.on('close', resolve));
      done(fs.createWriteStream('x'));
    `,
    // The stream is handed to finished() or pipeline() inside: the error goes there.
    `
      const { finished } = require('stream');
      const fs = require('fs');
      const out = fs.createWriteStream('x');
      new Promise((resolve) => {
        out.on('finish', resolve);
        finished(out, (error) => { if (error) console.error(error); });
      });
    `,
    // An emitter nothing shows to be a stream, and an event only the right kind emits.
    `
      new Promise((resolve) => job.on('finish', resolve));
      new Promise((resolve) => emitter.on('end', resolve));
    `,
    // The listener does not settle this promise.
    `
      const fs = require('fs');
      const out = fs.createWriteStream('x');
      new Promise((resolve) => { out.on('finish', log); setTimeout(resolve, 10); });
    `,
    // A local Promise class.
    `
      const fs = require('fs');
      const Promise = require('bluebird');
      new Promise((resolve) => fs.createWriteStream('x').on('finish', resolve));
    `,
  ],
  invalid: [
    // 'end' never comes from a writable (no-unemitted-event), and swapping in 'finish' still needs
    // the error path: the rule asks for it before and after that fix.
    {
      code: `
const fs = require('fs');
const out = fs.createWriteStream('x');
new Promise((resolve) => out.on('end', resolve));
`,
      errors: [{ messageId: 'noRejectPath', data: { event: 'end', stream: 'out' }, line: 4, column: 26, suggestions: [] }],
    },
    {
      code: `
const fs = require('fs');
function save(path, text) {
  return new Promise((resolve) => {
    const out = fs.createWriteStream(path);
    out.on('finish', resolve);
    out.end(text);
  });
}
`,
      errors: [
        {
          messageId: 'noRejectPath',
          data: { event: 'finish', stream: 'out' },
          line: 6,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // Reading a request to its end, with a reject the code never hands to the request.
      code: `
const http = require('http');
http.createServer(async (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  await new Promise((resolve, reject) => {
    req.on('end', () => resolve());
  });
  res.end(Buffer.concat(chunks));
});
`,
      errors: [
        {
          messageId: 'noRejectPath',
          data: { event: 'end', stream: 'req' },
          line: 7,
          suggestions: [
            {
              messageId: 'rejectOnError',
              data: { stream: 'req' },
              output: `
const http = require('http');
http.createServer(async (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  await new Promise((resolve, reject) => {
    req.on('end', () => resolve());
    req.once('error', reject);
  });
  res.end(Buffer.concat(chunks));
});
`,
            },
          ],
        },
      ],
    },
    {
      // An arrow with one bare parameter, in an expression body: no statement to add after.
      code: `
const fs = require('fs');
const out = fs.createWriteStream('x');
const done = new Promise(resolve => out.once('finish', resolve));
`,
      errors: [{ messageId: 'noRejectPath', line: 4, suggestions: [] }],
    },
    {
      // An error listener on another stream does not settle this one; writing the pipe
      // again would pipe twice, so no suggestion.
      code: `
const fs = require('fs');
const input = fs.createReadStream('a');
const out = fs.createWriteStream('b');
new Promise(resolve => {
  input.on('error', console.error);
  input.pipe(out).on('finish', resolve);
});
`,
      errors: [{ messageId: 'noRejectPath', data: { event: 'finish', stream: 'input.pipe(out)' }, line: 7, suggestions: [] }],
    },
    {
      // The error is heard, logged, and the promise stays pending.
      code: `
const fs = require('fs');
const out = fs.createWriteStream('x');
new Promise((resolve) => {
  out.on('error', (error) => console.error(error));
  out.on('finish', resolve);
});
`,
      errors: [
        {
          messageId: 'noRejectPath',
          line: 6,
          suggestions: [],
        },
      ],
    },
    {
      // A bare arrow parameter gets its parentheses.
      code: `
const fs = require('fs');
const out = fs.createWriteStream('x');
const done = new Promise(async resolve => {
  out.on('finish', resolve);
});
`,
      errors: [
        {
          messageId: 'noRejectPath',
          suggestions: [],
        },
      ],
    },
  ],
});
