import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../rules/src/rules/no-late-error-listener.js';
import { runModule } from '../support/node-run.js';
import { ruleTester } from './rule-tester.js';

// Node is the judge: a file stream opens on its own, and its open error comes while the code
// awaits something else. The wait is any I/O that takes longer than a failed open of a missing file.
const missingFile = "new URL('./no-such-file.txt', import.meta.url)";
const slowWork = 'new Promise((resolve) => setTimeout(resolve, 100))';

describe('under Node', () => {
  it('crashes when the error listener comes after an await', () => {
    const run = runModule(`
      import { createReadStream } from 'node:fs';
      const file = createReadStream(${missingFile});
      await ${slowWork};
      file.on('error', (error) => console.log('handled', error.code));
      console.log('still running');
    `);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /ENOENT/);
    assert.doesNotMatch(run.stdout, /handled|still running/);
  });

  it("crashes when the error listener waits for another event ('open')", () => {
    const run = runModule(`
      import { createReadStream } from 'node:fs';
      const file = createReadStream(${missingFile});
      file.on('open', () => file.on('error', (error) => console.log('handled', error.code)));
      setTimeout(() => console.log('still running'), 100);
    `);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /ENOENT/);
    assert.doesNotMatch(run.stdout, /handled|still running/);
  });

  it('crashes when the error listener is attached in a completion callback', () => {
    const run = runModule(`
      import { createReadStream } from 'node:fs';
      const file = createReadStream(${missingFile});
      setTimeout(() => file.on('error', (error) => console.log('handled', error.code)), 100);
    `);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /ENOENT/);
  });

  it('survives with the listener attached before the await, with events.once and with pipeline()', () => {
    const run = runModule(`
      import { createReadStream } from 'node:fs';
      import { once } from 'node:events';
      import { Writable } from 'node:stream';
      import { pipeline } from 'node:stream/promises';
      const early = createReadStream(${missingFile});
      early.on('error', (error) => console.log('listener', error.code));
      await ${slowWork};
      const opened = createReadStream(${missingFile});
      await once(opened, 'open').catch((error) => console.log('once', error.code));
      const copied = createReadStream(${missingFile});
      await pipeline(copied, new Writable({ write(chunk, encoding, callback) { callback(); } })).catch((error) => console.log('pipeline', error.code));
    `);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /listener ENOENT/);
    assert.match(run.stdout, /once ENOENT/);
    assert.match(run.stdout, /pipeline ENOENT/);
  });
});

ruleTester.run('no-late-error-listener', rule, {
  valid: [
    // Node's TLSSocket constructor already listens to 'error' (re-emitted as '_tlsError').
    `
      const tls = require('tls');
      async function upgrade(raw, ready) {
        const secure = new tls.TLSSocket(raw);
        await ready;
        secure.on('error', (error) => console.error(error));
        return secure;
      }
      module.exports = upgrade;
    `,
    // The listener before the first await (a download helper's shape).
    `
      import fs from 'node:fs';
      export async function save(url, path) {
        const out = fs.createWriteStream(path);
        out.on('error', (error) => console.error(error));
        const response = await fetch(url);
        for await (const chunk of response.body) out.write(chunk);
        out.end();
      }
    `,
    // A promise wrapped around the stream's events: the executor runs at once.
    `
      const fs = require('fs');
      async function readAll(path) {
        const stream = fs.createReadStream(path);
        const chunks = [];
        await new Promise((resolve, reject) => {
          stream.on('data', (chunk) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', resolve);
        });
        return Buffer.concat(chunks);
      }
    `,
    // events.once and pipeline() take the errors from the start; later listeners are extra.
    `
      const { once } = require('events');
      const net = require('net');
      const { pipeline } = require('stream/promises');
      async function connect(port) {
        const socket = net.connect(port);
        await once(socket, 'connect');
        socket.on('error', () => socket.destroy());
        return socket;
      }
      async function copy(from, to, transform) {
        const input = require('fs').createReadStream(from);
        await pipeline(input, transform, require('fs').createWriteStream(to));
      }
    `,
    // The stream is created after the await; the listener follows it at once.
    `
      const fs = require('fs');
      async function append(path, line) {
        await fs.promises.mkdir(require('path').dirname(path), { recursive: true });
        const out = fs.createWriteStream(path, { flags: 'a' });
        out.on('error', console.error);
        out.end(line);
      }
    `,
    // Handed to other code before the await: whoever takes it owns its errors.
    `
      const fs = require('fs');
      async function upload(client, path) {
        const body = fs.createReadStream(path);
        const pending = client.putObject({ Body: body });
        await pending;
        body.on('error', () => {});
      }
    `,
    // A zlib stream fails only once it is written to.
    `
      const zlib = require('zlib');
      async function compress(input) {
        const gzip = zlib.createGzip();
        await input.ready;
        gzip.on('error', console.error);
        return input.pipe(gzip);
      }
    `,
    // An await on another branch does not run before the listener.
    `
      const fs = require('fs');
      async function open(path, wait) {
        const stream = fs.createReadStream(path);
        if (wait) {
          await wait;
        } else {
          stream.on('error', console.error);
        }
      }
    `,
    // A callback of code we cannot see may run at once: not reported.
    `
      const fs = require('fs');
      function tail(path, withLock) {
        const stream = fs.createReadStream(path);
        withLock(() => {
          stream.on('error', console.error);
        });
      }
    `,
    // The busboy file stream's listener attached at once (multer after the fix).
    `
      const Busboy = require('busboy');
      function parse(req, fileFilter, next) {
        const busboy = Busboy({ headers: req.headers });
        busboy.on('file', function (fieldname, fileStream, info) {
          fileStream.on('error', next);
          fileFilter(req, info, function (err, includeFile) {
            if (!includeFile) return fileStream.resume();
            fileStream.on('limit', () => next(new Error('too large')));
          });
        });
        busboy.on('error', next);
        req.pipe(busboy);
      }
    `,
  ],
  invalid: [
    {
      code: `
const fs = require('fs');
async function checksum(path, hasher) {
  const stream = fs.createReadStream(path);
  await hasher.ready();
  stream.on('error', (error) => hasher.fail(error));
  stream.pipe(hasher);
}
`,
      errors: [{ messageId: 'lateErrorListener', data: { stream: 'stream', when: "after an 'await'" }, line: 6, column: 3 }],
    },
    {
      // The consumer comes late too: pipeline() after an await.
      code: `
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
export async function download(url, path) {
  const file = createWriteStream(path);
  const response = await fetch(url);
  await pipeline(response.body, file);
}
`,
      errors: [{ messageId: 'lateErrorListener', line: 7 }],
    },
    {
      code: `
const net = require('net');
function connect(port, onReady) {
  const socket = net.connect(port);
  socket.on('connect', () => {
    socket.on('error', (error) => console.error(error));
    onReady(socket);
  });
}
`,
      errors: [{ messageId: 'lateErrorListener', data: { stream: 'socket', when: "once 'connect' has been emitted" }, line: 6 }],
    },
    {
      code: `
const fs = require('fs');
function watch(path, log) {
  const stream = fs.createReadStream(path);
  setTimeout(() => stream.on('error', log), 1000);
}
`,
      errors: [{ messageId: 'lateErrorListener', data: { stream: 'stream', when: "in a timer callback ('setTimeout')" }, line: 5 }],
    },
    {
      // multer before CVE-2025-7338: the listener waits for the user's file filter.
      code: `
const Busboy = require('busboy');
function parse(req, fileFilter, next) {
  const busboy = Busboy({ headers: req.headers });
  busboy.on('file', function (fieldname, fileStream, info) {
    if (!info.filename) return fileStream.resume();
    fileFilter(req, info, function (err, includeFile) {
      if (err) return next(err);
      fileStream.on('error', next);
    });
  });
  busboy.on('error', next);
  req.pipe(busboy);
}
`,
      errors: [
        { messageId: 'lateErrorListener', data: { stream: 'fileStream', when: "in the callback of 'fileFilter()'" }, line: 9 },
      ],
    },
    {
      code: `
const fs = require('fs');
function load(path, ready) {
  const stream = fs.createReadStream(path);
  ready.then(() => {
    stream.on('error', console.error);
    stream.resume();
  });
}
`,
      errors: [{ messageId: 'lateErrorListener', data: { stream: 'stream', when: 'in a promise callback' }, line: 6 }],
    },
  ],
});
