import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../rules/src/rules/no-chunk-decoding.js';
import { runModule } from '../support/node-run.js';
import { ruleTester } from './rule-tester.js';

// '€' is three bytes, e2 82 ac: a file read in chunks of 2 bytes cuts it in two.
const readEuro = (setup: string) => `
  import { createReadStream, writeFileSync } from 'node:fs';
  import { tmpdir } from 'node:os';
  import { join } from 'node:path';
  const path = join(tmpdir(), 'euro-' + process.pid + '.txt');
  writeFileSync(path, '€');
  const input = createReadStream(path, { highWaterMark: 2 });
  ${setup}
  let text = '';
  input.on('data', (chunk) => { text += chunk; });
  input.on('end', () => console.log(JSON.stringify(text)));
`;

it('garbles a character split across chunks under Node, and setEncoding() keeps it whole', () => {
  const perChunk = runModule(readEuro(''));
  assert.equal(perChunk.status, 0);
  const garbled = JSON.parse(perChunk.stdout) as string;
  assert.notEqual(garbled, '€');
  assert.ok(garbled.includes('\uFFFD'), `expected U+FFFD in ${JSON.stringify(garbled)}`);
  const decoded = runModule(readEuro("input.setEncoding('utf8');"));
  assert.equal(JSON.parse(decoded.stdout), '€');
});

ruleTester.run('no-chunk-decoding', rule, {
  valid: [
    // setEncoding() first (superagent's parsers), or an encoding given to the factory.
    `
      const http = require('http');
      http.createServer((req, res) => {
        req.text = '';
        req.setEncoding('utf8');
        req.on('data', (chunk) => { req.text += chunk; });
        req.on('end', () => res.end(req.text));
      });
    `,
    `
      const fs = require('fs');
      let text = '';
      fs.createReadStream('notes.txt', 'utf8').on('data', (chunk) => { text += chunk; });
      fs.createReadStream('notes.txt', { encoding: 'utf8' }).on('data', (chunk) => { text += chunk; });
      fs.createReadStream('notes.txt', options).on('data', (chunk) => { text += chunk; });
    `,
    // Buffers collected and decoded once, lengths counted, single-byte encodings.
    `
      const http = require('http');
      http.createServer((req, res) => {
        const chunks = [];
        let received = 0;
        req.on('data', (chunk) => { chunks.push(chunk); received += chunk.length; });
        req.on('end', () => res.end(Buffer.concat(chunks).toString('utf8')));
      });
    `,
    `
      process.stdin.on('data', (chunk) => { hex += chunk.toString('hex'); ascii += chunk.toString('latin1'); });
    `,
    // Streams that may carry strings or objects: Readable.from, a Transform of unknown mode, an
    // unknown emitter.
    `
      const { Readable, PassThrough } = require('stream');
      let text = '';
      Readable.from(['a', 'b']).on('data', (chunk) => { text += chunk; });
      new PassThrough().on('data', (chunk) => { text += chunk; });
      parser.on('data', (row) => { text += row; });
    `,
    // The handler hands the chunk to a function that runs later.
    `
      process.stdin.on('data', (chunk) => { setImmediate(() => log(chunk.toString())); });
    `,
  ],
  invalid: [
    {
      code: `
const http = require('http');
http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => res.end(JSON.parse(body).name));
});
`,
      errors: [
        {
          messageId: 'decodedPerChunk',
          data: { stream: 'req' },
          line: 6,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // A child's output split into lines per chunk; the chunk's length is used too, so
      // string chunks would change what the code counts: no suggestion.
      code: `
const { spawn } = require('child_process');
const child = spawn('git', ['log']);
let bytes = 0;
child.stdout.on('data', (data) => {
  bytes += data.length;
  for (const line of data.toString().split('\\n')) console.log(line);
});
`,
      errors: [{ messageId: 'decodedPerChunk', data: { stream: 'child.stdout' }, line: 7, column: 22, suggestions: [] }],
    },
    {
      // A file read with no encoding, and a template literal.
      code: `
import { createReadStream } from 'node:fs';
const input = createReadStream('names.txt');
let names = '';
input.on('data', (chunk) => { names = \`\${names}\${chunk}\`; });
`,
      errors: [
        {
          messageId: 'decodedPerChunk',
          data: { stream: 'input' },
          line: 5,
          suggestions: [],
        },
      ],
    },
    {
      // text = text + chunk on a socket of a net server.
      code: `
const net = require('net');
net.createServer((socket) => {
  let line = '';
  socket.on('data', (chunk) => { line = line + chunk; });
});
`,
      errors: [
        {
          messageId: 'decodedPerChunk',
          data: { stream: 'socket' },
          line: 5,
          column: 41,
          suggestions: [],
        },
      ],
    },
  ],
});
