import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../rules/src/rules/no-buffer-concat-per-chunk.js';
import { runModule } from '../support/node-run.js';
import { ruleTester } from './rule-tester.js';

// Counts the bytes Buffer.concat copies while a stream of 200 chunks of 1 KB is collected.
const bytesCopied = (collect: string) => `
  import { Readable } from 'node:stream';
  const concat = Buffer.concat;
  let copied = 0;
  Buffer.concat = (list, length) => { const result = concat(list, length); copied += result.length; return result; };
  const input = Readable.from(Array.from({ length: 200 }, () => Buffer.alloc(1024)), { objectMode: false });
  ${collect}
  input.on('end', () => console.log(copied));
`;

it('copies the data so far once per chunk under Node: quadratic, against one copy when collected first', () => {
  const perChunk = runModule(bytesCopied(`let all = Buffer.alloc(0); input.on('data', (chunk) => { all = Buffer.concat([all, chunk]); });`));
  const once = runModule(bytesCopied(`const chunks = []; input.on('data', (chunk) => chunks.push(chunk)); input.on('end', () => Buffer.concat(chunks));`));
  // 1 KB × (1 + 2 + … + 200) against 1 KB × 200.
  assert.equal(Number(perChunk.stdout), 1024 * ((200 * 201) / 2));
  assert.equal(Number(once.stdout), 1024 * 200);
});

ruleTester.run('no-buffer-concat-per-chunk', rule, {
  valid: [
    // Chunks collected, then one concat (raw-body, concat-stream).
    `
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => done(Buffer.concat(chunks)));
    `,
    // A remainder kept between chunks: it is small, not everything so far (split2, csv parsers).
    `
      let rest = Buffer.alloc(0);
      stream.on('data', (chunk) => {
        const data = Buffer.concat([rest, chunk]);
        const end = data.lastIndexOf(10);
        rest = data.subarray(end + 1);
        emit(data.subarray(0, end));
      });
    `,
    // Once, outside any loop or handler; a local Buffer class.
    `
      let header = Buffer.from('GIF89a');
      header = Buffer.concat([header, body]);
    `,
    `
      const Buffer = require('./my-buffer');
      for (const part of parts) all = Buffer.concat([all, part]);
    `,
  ],
  invalid: [
    {
      code: `
const http = require('http');
http.createServer((req, res) => {
  let body = Buffer.alloc(0);
  req.on('data', (chunk) => {
    body = Buffer.concat([body, chunk]);
  });
  req.on('end', () => res.end(String(body.length)));
});
`,
      errors: [{ messageId: 'concatPerChunk', data: { total: 'body', context: "'data' handler" }, line: 6, column: 12 }],
    },
    {
      // A for await loop over a stream, into a property, with a length argument.
      code: `
const { Buffer } = require('node:buffer');
async function read(stream, state) {
  for await (const chunk of stream) state.data = Buffer.concat([state.data, chunk], state.data.length + chunk.length);
}
`,
      errors: [{ messageId: 'concatPerChunk', data: { total: 'state.data', context: 'loop' }, line: 4 }],
    },
  ],
});
