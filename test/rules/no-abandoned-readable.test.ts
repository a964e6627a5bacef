import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../rules/src/rules/no-abandoned-readable.js';
import { runModule } from '../support/node-run.js';
import { ruleTester } from './rule-tester.js';

/**
 * A real server takes a 4 MB upload into a parser that gives up after the first kilobyte (a limit
 * hit, as in an upload middleware), answers 413, and then does `afterUnpipe`. Once the client has
 * its answer, the client prints the state of the server's request: paused or flowing, its socket open or
 * destroyed. The answer (or the reset) is the event the check waits for; no clock decides anything.
 */
const uploadCutShort = (afterUnpipe: string, earlyAnswer = false) => `
  import http from 'node:http';
  import { Writable } from 'node:stream';
  let request;
  const server = http.createServer((req, res) => {
    request = req;
    if (${earlyAnswer}) { res.statusCode = 401; res.end('who are you?'); return; }
    let seen = 0;
    const parser = new Writable({
      write(chunk, encoding, callback) {
        seen += chunk.length;
        if (seen > 1024) {
          req.unpipe(parser);
          ${afterUnpipe}
          res.statusCode = 413;
          res.end('too large');
        }
        callback();
      },
    });
    req.pipe(parser);
  });
  server.listen(0, () => {
    // The client learns how it ended: an answer, or its connection reset.
    const report = () => setImmediate(() => {
      console.log(JSON.stringify({ paused: request.isPaused(), socketDestroyed: request.socket.destroyed }));
      process.exit(0);
    });
    const upload = http.request({ port: server.address().port, method: 'POST', agent: new http.Agent({ keepAlive: true }) }, (response) => {
      response.resume();
      response.on('end', report);
    });
    upload.on('error', report);
    upload.write(Buffer.alloc(4 * 1024 * 1024));
  });
`;

const requestAfterAnswer = (afterUnpipe: string, earlyAnswer = false): { paused: boolean; socketDestroyed: boolean } => {
  const run = runModule(uploadCutShort(afterUnpipe, earlyAnswer));
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
};

/** A 4 MB file whose first bytes are sniffed; on exit, whether its descriptor was closed. */
const sniffedFile = (afterSniff: string) => `
  import fs from 'node:fs';
  import os from 'node:os';
  import path from 'node:path';
  import { once } from 'node:events';
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sniff-')), 'upload.bin');
  fs.writeFileSync(file, Buffer.alloc(4 * 1024 * 1024));
  const stream = fs.createReadStream(file);
  async function fileType(readable) {
    await once(readable, 'readable');
    return readable.read(12);
  }
  await fileType(stream);
  ${afterSniff}
  process.on('exit', () => console.log(JSON.stringify({ descriptorClosed: stream.closed })));
`;

describe('Node: a readable the code stops reading', () => {
  it('leaves an unpiped request paused with its socket open; resume() drains it, destroy() releases it', () => {
    assert.deepEqual(requestAfterAnswer(''), { paused: true, socketDestroyed: false });
    assert.deepEqual(requestAfterAnswer('req.resume();'), { paused: false, socketDestroyed: false });
    assert.equal(requestAfterAnswer('req.destroy();').socketDestroyed, true);
  });

  it('drains a request the handler never started to read once the answer is sent (not reported)', () => {
    assert.deepEqual(requestAfterAnswer('', true), { paused: false, socketDestroyed: false });
  });

  it('keeps a file open after its head was read, until it is destroyed', () => {
    const left = runModule(sniffedFile(''));
    const destroyed = runModule(sniffedFile('stream.destroy();'));
    assert.deepEqual(JSON.parse(left.stdout), { descriptorClosed: false });
    assert.deepEqual(JSON.parse(destroyed.stdout), { descriptorClosed: true });
  });
});

ruleTester.run('no-abandoned-readable', rule, {
  valid: [
    // multer's fix: unpipe, then drain.
    `
      const Busboy = require('busboy');
      module.exports = function upload(req, res, next) {
        const busboy = Busboy({ headers: req.headers });
        function done(err) {
          req.unpipe(busboy);
          drainStream(req);
          req.resume();
          next(err);
        }
        busboy.on('error', done);
        busboy.on('close', () => done());
        req.pipe(busboy);
      };
    `,
    // Unpiped to switch destinations (a log tailer that rotates its output).
    `
      const fs = require('node:fs');
      const source = fs.createReadStream('/var/log/app.log');
      let out = fs.createWriteStream('a.log');
      source.pipe(out);
      function rotate(next) {
        source.unpipe(out);
        out.end();
        out = next;
      }
      function attach() { source.pipe(out); }
    `,
    // Destroyed somewhere else in the file (on the response's close).
    `
      const http = require('node:http');
      const fs = require('node:fs');
      http.createServer((req, res) => {
        const file = fs.createReadStream('big.bin');
        res.on('close', () => file.destroy());
        file.pipe(res);
        res.on('timeout', () => file.unpipe(res));
      });
    `,
    // An early answer without reading the upload: Node drains the request itself.
    `
      const express = require('express');
      const app = express();
      app.post('/upload', (req, res) => {
        if (!req.headers.authorization) return res.status(401).end();
        req.pipe(store(req.params.name));
      });
    `,
    // file-type sniffs, then the stream is destroyed or handed on (catalyst's fix, a proxy).
    `
      import { fileTypeFromStream } from 'file-type';
      import { createReadStream } from 'node:fs';
      export async function headersFor(path) {
        const stream = createReadStream(path);
        try {
          const type = await fileTypeFromStream(stream);
          return { 'Content-Type': type?.mime ?? 'application/octet-stream' };
        } finally {
          stream.destroy();
        }
      }
      export async function send(path, res) {
        const stream = createReadStream(path);
        const type = await fileTypeFromStream(stream);
        res.setHeader('Content-Type', type.mime);
        stream.pipe(res);
      }
    `,
    // Streams made in memory hold nothing; an unknown value is not judged.
    `
      const { Readable, PassThrough } = require('node:stream');
      const source = Readable.from(['a', 'b']);
      const tee = new PassThrough();
      source.pipe(tee);
      source.unpipe(tee);
      thing.unpipe(other);
    `,
  ],
  invalid: [
    {
      // multer before CVE-2025-47935: the request is unpiped and next(err) is called.
      code: `
const Busboy = require('busboy');
module.exports = function upload(req, res, next) {
  const busboy = Busboy({ headers: req.headers });
  function done(err) {
    req.unpipe(busboy);
    next(err);
  }
  busboy.on('error', done);
  busboy.on('close', () => done());
  req.pipe(busboy);
};
`,
      errors: [
        {
          messageId: 'unpipedRequest',
          data: { stream: 'req' },
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'resumeAfterUnpipe',
              data: { stream: 'req' },
              output: `
const Busboy = require('busboy');
module.exports = function upload(req, res, next) {
  const busboy = Busboy({ headers: req.headers });
  function done(err) {
    req.unpipe(busboy);
    req.resume();
    next(err);
  }
  busboy.on('error', done);
  busboy.on('close', () => done());
  req.pipe(busboy);
};
`,
            },
          ],
        },
      ],
    },
    {
      // A file unpiped from a destination that failed, left paused.
      code: `
const fs = require('node:fs');
function copy(from, to) {
  const source = fs.createReadStream(from);
  const target = fs.createWriteStream(to);
  target.on('error', (error) => {
    source.unpipe(target);
    console.error(error);
  });
  source.pipe(target);
}
`,
      errors: [
        {
          messageId: 'unpipedStream',
          line: 7,
          suggestions: [
            {
              messageId: 'destroyAfterUnpipe',
              data: { stream: 'source' },
              output: `
const fs = require('node:fs');
function copy(from, to) {
  const source = fs.createReadStream(from);
  const target = fs.createWriteStream(to);
  target.on('error', (error) => {
    source.unpipe(target);
    source.destroy();
    console.error(error);
  });
  source.pipe(target);
}
`,
            },
          ],
        },
      ],
    },
    {
      // catalyst before fe67a847: the content's stream is sniffed and dropped.
      code: `
import { fromStream } from 'file-type';
import type { Readable } from 'stream';
export async function contentHeaders(content: { asRawStream(): Promise<Readable> }) {
  const stream: Readable = await content.asRawStream();
  const mime = await fromStream(stream);
  return { 'Content-Type': mime?.mime || 'application/octet-stream' };
}
`,
      errors: [{ messageId: 'headReadAndLeft', data: { reader: 'fromStream', stream: 'stream' }, line: 6 }],
    },
  ],
});
