import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../rules/src/rules/no-ignored-pipeline-error.js';
import { runModule } from '../support/node-run.js';
import { ruleTester, runBothWays } from './rule-tester.js';

it('runs under Node as a success when the source fails and the callback ignores the error', () => {
  const run = runModule(`
    import { pipeline, Readable, Writable } from 'node:stream';
    const received = [];
    const source = new Readable({ read() { this.destroy(new Error('ENOENT: no such file')); } });
    const sink = new Writable({ write(chunk, encoding, callback) { received.push(chunk); callback(); } });
    pipeline(source, sink, () => console.log('backup done, ' + received.length + ' chunks'));
  `);
  assert.equal(run.stdout.trim(), 'backup done, 0 chunks');
  assert.equal(run.status, 0);
  assert.equal(run.stderr, '');
});

it("runs under Node: with an empty callback, the streams' own listeners still hear the failure", () => {
  const run = runModule(`
    import { pipeline, Readable, PassThrough, Writable } from 'node:stream';
    const source = new Readable({ read() { this.destroy(new Error('ENOENT: no such file')); } });
    const middle = new PassThrough();
    const sink = new Writable({ write(chunk, encoding, callback) { callback(); } });
    const heard = new Promise((resolve, reject) => {
      for (const stream of [source, middle, sink]) stream.on('error', reject);
      sink.on('finish', resolve);
    });
    pipeline(source, middle, sink, () => {});
    heard.then(() => console.log('success'), (error) => console.log('rejected: ' + error.message));
  `);
  assert.equal(run.stdout.trim(), 'rejected: ENOENT: no such file');
  assert.equal(run.status, 0);
});

ruleTester.run('no-ignored-pipeline-error', rule, {
  valid: [
    // The shapes of real code: the error rejects, calls back, is forwarded or decides the exit.
    `
      const { pipeline } = require('stream');
      module.exports = (source, inflater, entry) => new Promise((resolve, reject) => {
        pipeline(source, inflater, entry, function (err) {
          if (err) return reject(err);
          resolve();
        });
      });
    `,
    `
      const Stream = require('stream');
      function respond(ctx, stream, res) {
        return Stream.pipeline(stream, res, err => {
          if (err && ctx.app.listenerCount('error')) ctx.onerror(err);
        });
      }
    `,
    `
      const { pipeline } = require('node:stream');
      pipeline(process.stdin, process.stdout, (err) => { err ? process.exit(1) : process.exit(0); });
    `,
    // Handed a callback by name, or reading arguments.
    `
      const { pipeline } = require('stream');
      function copy(a, b, done) { pipeline(a, b, done); }
      pipeline(a, b, function () { done.apply(null, arguments); });
    `,
    // An underscore says the author chose to ignore it.
    `
      const { pipeline } = require('stream');
      pipeline(a, b, (_error) => {});
    `,
    // Another module's pipeline, and the promise form (no-floating-pipeline's concern).
    `
      const { pipeline } = require('@my/etl');
      pipeline(a, b, () => {});
    `,
    `
      import { pipeline } from 'node:stream/promises';
      await pipeline(a, b);
    `,
  ],
  invalid: [
    {
      code: `
const { pipeline } = require('node:stream');
const fs = require('node:fs');
const zlib = require('node:zlib');
function backup(path, done) {
  pipeline(fs.createReadStream(path), zlib.createGzip(), fs.createWriteStream(path + '.gz'), () => {
    done(null, path + '.gz');
  });
}
`,
      errors: [
        {
          messageId: 'ignoredError',
          line: 6,
          column: 94,
          suggestions: [
            {
              messageId: 'logError',
              output: `
const { pipeline } = require('node:stream');
const fs = require('node:fs');
const zlib = require('node:zlib');
function backup(path, done) {
  pipeline(fs.createReadStream(path), zlib.createGzip(), fs.createWriteStream(path + '.gz'), (error) => {
    if (error) console.error(error);
    done(null, path + '.gz');
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      // A named parameter nobody reads, in a function expression.
      code: `
const stream = require('stream');
stream.pipeline(a, b, function (err) {
  console.log('copied');
});
`,
      errors: [
        {
          messageId: 'ignoredError',
          line: 3,
          column: 33,
          suggestions: [
            {
              messageId: 'logError',
              output: `
const stream = require('stream');
stream.pipeline(a, b, function (err) {
  if (err) console.error(err);
  console.log('copied');
});
`,
            },
          ],
        },
      ],
    },
    {
      // An expression body: no statement to add, no suggestion.
      code: `
import { pipeline } from 'node:stream';
pipeline(a, b, () => console.log('done'));
`,
      errors: [{ messageId: 'ignoredError', line: 3, column: 16, suggestions: [] }],
    },
    {
      // An empty body.
      code: `
import { pipeline } from 'stream';
pipeline(a, b, () => {});
`,
      errors: [
        {
          messageId: 'ignoredError',
          suggestions: [
            {
              messageId: 'logError',
              output: `
import { pipeline } from 'stream';
pipeline(a, b, (error) => {
  if (error) console.error(error);});
`,
            },
          ],
        },
      ],
    },
  ],
});

// The error is heard elsewhere: every stream in the pipeline has an 'error' listener of its own.
runBothWays('no-ignored-pipeline-error: heard by the streams', rule, {
  valid: [
    `
import { pipeline } from 'node:stream';
import fs from 'node:fs';
import zlib from 'node:zlib';
export function compress(from: string, to: string) {
  return new Promise<void>((resolve, reject) => {
    const input = fs.createReadStream(from);
    const gzip = zlib.createGzip();
    const output = fs.createWriteStream(to);
    input.on('error', reject);
    gzip.on('error', reject);
    output.on('error', reject).on('finish', resolve);
    pipeline(input, gzip, output, () => {});
  });
}
`,
    `
import { pipeline, PassThrough } from 'node:stream';
import type { Socket } from 'node:net';
export function relay(client: Socket, upstream: Socket, onFailure: (error: Error) => void) {
  client.on('error', onFailure);
  upstream.on('error', onFailure);
  pipeline(client, new PassThrough().on('error', onFailure), upstream, () => {});
}
`,
  ],
  invalid: [
    {
      // The gzip has no listener: its failure is lost in the empty callback.
      code: `
import { pipeline } from 'node:stream';
import fs from 'node:fs';
import zlib from 'node:zlib';
export function compress(from: string, to: string) {
  return new Promise<void>((resolve, reject) => {
    const input = fs.createReadStream(from);
    const output = fs.createWriteStream(to);
    input.on('error', reject);
    output.on('error', reject).on('finish', resolve);
    pipeline(input, zlib.createGzip(), output, () => {});
  });
}
`,
      errors: [
        {
          messageId: 'ignoredError',
          line: 11,
          suggestions: [
            {
              messageId: 'logError',
              output: `
import { pipeline } from 'node:stream';
import fs from 'node:fs';
import zlib from 'node:zlib';
export function compress(from: string, to: string) {
  return new Promise<void>((resolve, reject) => {
    const input = fs.createReadStream(from);
    const output = fs.createWriteStream(to);
    input.on('error', reject);
    output.on('error', reject).on('finish', resolve);
    pipeline(input, zlib.createGzip(), output, (error) => {
      if (error) console.error(error);});
  });
}
`,
            },
          ],
        },
      ],
    },
  ],
});
