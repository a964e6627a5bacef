import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../rules/src/rules/no-unemitted-event.js';
import { runModule, unsettledAwaitStatus } from '../support/node-run.js';
import { ruleTester } from './rule-tester.js';

it("hangs under Node: a writable never emits 'end', a readable never emits 'finish'", () => {
  const run = runModule(`
    import { Readable, Writable } from 'node:stream';
    const out = new Writable({ write(chunk, encoding, callback) { callback(); } });
    out.on('finish', () => console.log('finish'));
    out.end('data');
    const input = Readable.from(['a', 'b']);
    input.on('end', () => console.log('end'));
    input.resume();
    await new Promise((resolve) => { out.on('end', resolve); input.on('finish', resolve); });
    console.log('never');
  `);
  assert.deepEqual(run.stdout.trim().split('\n').sort(), ['end', 'finish']);
  assert.equal(run.status, unsettledAwaitStatus);
});

ruleTester.run('no-unemitted-event', rule, {
  valid: [
    // A library's writable with its own event contract: node-tar's Unpack emits 'end' once every
    // entry is written (Minipass streams do); only Node's own streams are held to Node's events.
    `
      const tar = require('tar');
      const extractor = tar.x({ cwd: 'out' });
      extractor.on('end', () => console.log('extracted'));
      extractor.on('error', console.error);
      extractor.end(Buffer.alloc(1024));
    `,
    // Each side's own events, in the shapes of real code.
    `
      const http = require('http');
      http.createServer((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk) => { body += chunk; });
        req.on('end', () => res.end(body));
        res.on('finish', () => console.log('sent'));
        res.on('close', () => console.log('closed'));
      });
    `,
    `
      const fs = require('fs');
      const out = fs.createWriteStream('log');
      out.on('drain', () => {});
      out.once('finish', () => {});
      fs.createReadStream('in').on('end', () => {}).on('close', () => {});
    `,
    // Duplex streams emit both: sockets, transforms, gzip.
    `
      const net = require('net');
      const zlib = require('zlib');
      const { Transform, PassThrough } = require('stream');
      net.createServer((socket) => { socket.on('end', () => socket.end()); socket.on('drain', () => {}); });
      const gzip = zlib.createGzip();
      gzip.on('end', () => {}); gzip.on('finish', () => {});
      new PassThrough().on('finish', () => {});
      new Transform({ transform(c, e, cb) { cb(null, c); } }).on('end', () => {});
    `,
    // Emitters nothing shows to be streams.
    `
      archive.on('end', () => {});
      job.once('finish', done);
      parser.on('drain', next);
    `,
    `
      import { once } from 'node:events';
      import { createReadStream } from 'node:fs';
      await once(createReadStream('x'), 'end');
    `,
  ],
  invalid: [
    {
      code: `
const fs = require('fs');
function save(path, text, done) {
  const out = fs.createWriteStream(path);
  out.end(text);
  out.on('end', done);
}
`,
      errors: [
        {
          messageId: 'unemittedEvent',
          data: { stream: 'out', kind: 'writable', event: 'end', meaning: 'a readable emits when its data is used up' },
          line: 6,
          column: 10,
          suggestions: [
            {
              messageId: 'listenFor',
              data: { instead: 'finish' },
              output: `
const fs = require('fs');
function save(path, text, done) {
  const out = fs.createWriteStream(path);
  out.end(text);
  out.on('finish', done);
}
`,
            },
          ],
        },
      ],
    },
    {
      // The response of an http server, waited for with events.once.
      code: `
import http from 'node:http';
import { once } from 'node:events';
http.createServer(async (req, res) => {
  res.end('ok');
  await once(res, "end");
  log(req.url);
});
`,
      errors: [
        {
          messageId: 'unemittedEvent',
          data: { stream: 'res', kind: 'writable', event: 'end', meaning: 'a readable emits when its data is used up' },
          line: 6,
          column: 19,
          suggestions: [
            {
              messageId: 'listenFor',
              data: { instead: 'finish' },
              output: `
import http from 'node:http';
import { once } from 'node:events';
http.createServer(async (req, res) => {
  res.end('ok');
  await once(res, "finish");
  log(req.url);
});
`,
            },
          ],
        },
      ],
    },
    {
      // 'finish' and 'drain' on a file being read.
      code: `
const fs = require('fs');
const input = fs.createReadStream('data.csv');
input.on('finish', () => console.log('read'));
input.on('drain', () => input.resume());
`,
      errors: [
        {
          messageId: 'unemittedEvent',
          data: { stream: 'input', kind: 'readable', event: 'finish', meaning: 'a writable emits when its data is flushed' },
          line: 4,
          suggestions: [
            {
              messageId: 'listenFor',
              data: { instead: 'end' },
              output: `
const fs = require('fs');
const input = fs.createReadStream('data.csv');
input.on('end', () => console.log('read'));
input.on('drain', () => input.resume());
`,
            },
          ],
        },
        { messageId: 'unemittedEvent', data: { stream: 'input', kind: 'readable', event: 'drain', meaning: 'a writable emits when its buffer empties' }, line: 5, suggestions: [] },
      ],
    },
  ],
});
