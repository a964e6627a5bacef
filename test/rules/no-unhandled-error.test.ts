import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../rules/src/rules/no-unhandled-error.js';
import { runModule } from '../support/node-run.js';
import { ruleTester, typedRuleTester } from './rule-tester.js';

// Node is the judge: a server that hangs up on every connection makes the TLS handshake fail.
const hangUpServer = `
  import net from 'node:net';
  import tls from 'node:tls';
  const server = net.createServer((socket) => socket.destroy()).listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address();
  setTimeout(() => { console.log('still running'); server.close(); }, 200);
`;

describe('TLS sockets under Node', () => {
  it("survives a failing 'new tls.TLSSocket' with no 'error' listener", () => {
    const run = runModule(`${hangUpServer}
      const raw = net.connect(port);
      raw.on('error', () => {});
      const secure = new tls.TLSSocket(raw);
      secure.write('hello');
      secure.destroy(new Error('handshake failed'));
    `);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /still running/);
  });

  it("crashes when 'tls.connect' fails with no 'error' listener", () => {
    const run = runModule(`${hangUpServer}
      const secure = tls.connect(port, '127.0.0.1');
      secure.write('hello');
    `);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /Unhandled 'error' event/);
    assert.doesNotMatch(run.stdout, /still running/);
  });
});


ruleTester.run('no-unhandled-error', rule, {
  valid: [
    // A listener on the variable, anywhere in scope.
    `
      const fs = require('fs');
      const input = fs.createReadStream(process.argv[2]);
      input.on('data', (chunk) => process.stdout.write(chunk));
      input.on('error', (error) => { console.error(error); process.exitCode = 1; });
    `,
    // A listener chained on the creation, through methods that return the stream.
    `
      import { createReadStream } from 'node:fs';
      createReadStream('in.txt').setEncoding('utf8').once('error', console.error).on('data', console.log);
    `,
    // pipeline() takes over every error.
    `
      const { pipeline } = require('node:stream');
      const zlib = require('zlib');
      const fs = require('fs');
      pipeline(fs.createReadStream('a'), zlib.createGzip(), fs.createWriteStream('a.gz'), (error) => {
        if (error) console.error(error);
      });
    `,
    `
      import { pipeline } from 'node:stream/promises';
      import fs from 'node:fs';
      export async function copy(from, to) {
        await pipeline(fs.createReadStream(from), fs.createWriteStream(to));
      }
    `,
    // A factory that returns its stream: the caller owns the errors.
    `
      const fs = require('fs');
      function openLog(path) {
        const stream = fs.createWriteStream(path, { flags: 'a' });
        return stream;
      }
      module.exports = { openLog };
    `,
    `
      import { Readable } from 'node:stream';
      export const toStream = (rows) => Readable.from(rows);
    `,
    // Stored on an object, handed to another function, exported: it escapes.
    `
      const fs = require('fs');
      class Logger {
        constructor(path) { this.out = fs.createWriteStream(path); }
      }
    `,
    `
      const fs = require('fs');
      const upload = (client, path) => client.putObject({ Body: fs.createReadStream(path) });
    `,
    `
      import { createWriteStream } from 'node:fs';
      export const sink = createWriteStream('out.log');
    `,
    // Consumed by for await: the loop throws the error.
    `
      import { createReadStream } from 'node:fs';
      export async function count(path) {
        let bytes = 0;
        for await (const chunk of createReadStream(path)) bytes += chunk.length;
        return bytes;
      }
    `,
    // events.once() and finished() reject or call back with the error.
    `
      const { once } = require('node:events');
      const net = require('node:net');
      async function connect(port) {
        const socket = net.connect(port);
        await once(socket, 'connect');
        return socket;
      }
    `,
    `
      const { finished } = require('stream');
      const fs = require('fs');
      const out = fs.createWriteStream('x');
      out.end('done');
      finished(out, (error) => console.log(error));
    `,
    // A hash used through update/digest is not used as a stream and never fails.
    `
      const crypto = require('crypto');
      const digest = crypto.createHash('sha256').update('x').digest('hex');
    `,
    `
      const crypto = require('crypto');
      function encrypt(key, iv, text) {
        const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);
        return Buffer.concat([cipher.update(text), cipher.final()]);
      }
    `,
    // Not Node streams: unknown factories and other `createReadStream`s.
    `
      const storage = require('./storage');
      storage.createReadStream('key').pipe(process.stdout);
    `,
    `
      const fs = { createReadStream() { return null; } };
      fs.createReadStream('x');
    `,
    // Core streams with no implementation of their own have nothing that could fail.
    `
      const stream = require('stream');
      const parseString = (string, parser) => {
        const rs = new stream.Readable();
        rs.push(string);
        rs.push(null);
        return rs.pipe(parser);
      };
    `,
    `
      const { PassThrough, Writable } = require('stream');
      function collect(readStream, buffer, callback) {
        const writeStream = new Writable();
        writeStream._write = (chunk, encoding, cb) => { chunk.copy(buffer); cb(); };
        writeStream.on('finish', callback);
        readStream.on('error', callback);
        readStream.pipe(writeStream);
        const tee = new PassThrough({ highWaterMark: 1024 });
        readStream.pipe(tee);
      }
    `,
    // compose() and the iterator helpers pass the stream's error on (seen in a snippet review).
    `
      import { createReadStream } from 'node:fs';
      import { createGunzip } from 'node:zlib';
      export async function lines(path) {
        const text = createReadStream(path).compose(createGunzip().on('error', () => {}));
        for await (const chunk of text) console.log(chunk);
        return createReadStream(path).map((chunk) => chunk.length).toArray();
      }
    `,
    // Fixed data cannot fail.
    `
      const { Readable } = require('stream');
      Readable.from(['id,name\\n', '1,Ada\\n']).pipe(process.stdout);
    `,
    // A Promise wrapper that rejects on error.
    `
      const fs = require('fs');
      function write(path, data) {
        return new Promise((resolve, reject) => {
          const out = fs.createWriteStream(path);
          out.on('error', reject);
          out.end(data, resolve);
        });
      }
    `,
    // http servers guard req and res themselves.
    `
      const http = require('http');
      http.createServer((req, res) => {
        req.pipe(res);
      }).listen(8080);
    `,
    // Accepted sockets with a listener, or handed on.
    `
      const net = require('net');
      const server = net.createServer((socket) => {
        socket.on('error', () => socket.destroy());
        socket.pipe(socket);
      });
    `,
    `
      const net = require('net');
      const clients = new Set();
      net.createServer((socket) => { clients.add(socket); }).listen(7000);
    `,
    // An http request whose errors are handled in a chain.
    `
      const https = require('https');
      https.get('https://example.com', (res) => res.resume()).on('error', (error) => console.error(error));
    `,
    // The listener is added after a re-assignment in an outer variable.
    `
      const fs = require('fs');
      let out;
      function open(path) {
        out = fs.createWriteStream(path);
        out.on('error', console.error);
      }
    `,
    // A dynamic event name may be 'error': we stay silent.
    `
      const fs = require('fs');
      const events = ['error', 'close'];
      const s = fs.createReadStream('x');
      for (const name of events) s.on(name, () => {});
    `,
    // A class of the file that extends a stream, returned from a factory.
    `
      const { Transform } = require('stream');
      class Upper extends Transform {
        _transform(chunk, encoding, callback) { callback(null, chunk.toString().toUpperCase()); }
      }
      module.exports = () => new Upper();
    `,
    // Node's TLSSocket constructor listens to its own 'error' and re-emits it as '_tlsError'.
    `
      const tls = require('tls');
      function secure(raw, context) {
        const wrapped = new tls.TLSSocket(raw, { secureContext: context });
        wrapped.on('_tlsError', (error) => raw.destroy(error));
        wrapped.write('hello');
      }
      module.exports = secure;
    `,
  ],
  invalid: [
    {
      // A field piped in another method: the listener is offered where the stream is made; a
      // pipeline() rewrite would change another method, far from the problem, so it is not offered.
      code: `
const fs = require('fs');
class Upload {
  open(path) {
    this.source = fs.createReadStream(path);
  }
  start(out) {
    this.source.pipe(out);
  }
}
module.exports = Upload;
`,
      errors: [
        {
          messageId: 'unhandledPiped',
          line: 5,
          column: 19,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const fs = require('fs');
class Upload {
  open(path) {
    this.source = fs.createReadStream(path).on('error', (error) => console.error(error));
  }
  start(out) {
    this.source.pipe(out);
  }
}
module.exports = Upload;
`,
            },
          ],
        },
      ],
    },
    {
      // The chain runs after an await, and the file stream exists before it: a pipeline() rewrite
      // would take the file's errors too late (no-late-error-listener), so only listeners are offered.
      code: `
const fs = require('fs');
const net = require('net');
async function send(path, ready) {
  const file = fs.createReadStream(path);
  await ready;
  file.pipe(net.connect(8080, 'localhost'));
}
module.exports = send;
`,
      errors: [
        {
          messageId: 'unhandledPiped',
          line: 5,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const fs = require('fs');
const net = require('net');
async function send(path, ready) {
  const file = fs.createReadStream(path);
  file.on('error', (error) => console.error(error));
  await ready;
  file.pipe(net.connect(8080, 'localhost'));
}
module.exports = send;
`,
            },
          ],
        },
        {
          messageId: 'unhandledPiped',
          line: 7,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const fs = require('fs');
const net = require('net');
async function send(path, ready) {
  const file = fs.createReadStream(path);
  await ready;
  file.pipe(net.connect(8080, 'localhost').on('error', (error) => console.error(error)));
}
module.exports = send;
`,
            },
          ],
        },
      ],
    },
    {
      // A generator can throw, and then the stream from Readable.from() fails.
      code: `
const { Readable } = require('stream');
Readable.from(readRows()).pipe(process.stdout);
`,
      errors: [
        {
          messageId: 'unhandledPiped',
          data: { factory: 'Readable.from(…)' },
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const { Readable } = require('stream');
Readable.from(readRows()).on('error', (error) => console.error(error)).pipe(process.stdout);
`,
            },
            {
              messageId: 'convertToPipeline',
              output: `
const { Readable, pipeline } = require('stream');
pipeline(Readable.from(readRows()), process.stdout, (error) => {
  if (error) console.error(error);
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
const fs = require('fs');
const input = fs.createReadStream(process.argv[2]);
input.on('data', (chunk) => process.stdout.write(chunk));
`,
      errors: [
        {
          messageId: 'unhandled',
          data: { factory: 'fs.createReadStream(…)' },
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const fs = require('fs');
const input = fs.createReadStream(process.argv[2]);
input.on('error', (error) => console.error(error));
input.on('data', (chunk) => process.stdout.write(chunk));
`,
            },
          ],
        },
      ],
    },
    {
      // Piped with no listener; the chain is a statement of its own, so pipeline() fits.
      code: `
const fs = require('fs');
const zlib = require('zlib');
fs.createReadStream('in').pipe(zlib.createGzip()).pipe(fs.createWriteStream('in.gz'));
`,
      errors: [
        {
          messageId: 'unhandledPiped',
          line: 4,
          column: 1,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const fs = require('fs');
const zlib = require('zlib');
fs.createReadStream('in').on('error', (error) => console.error(error)).pipe(zlib.createGzip()).pipe(fs.createWriteStream('in.gz'));
`,
            },
            {
              messageId: 'convertToPipeline',
              output: `
const fs = require('fs');
const zlib = require('zlib');
const { pipeline } = require('stream');
pipeline(fs.createReadStream('in'), zlib.createGzip(), fs.createWriteStream('in.gz'), (error) => {
  if (error) console.error(error);
});
`,
            },
          ],
        },
        {
          messageId: 'unhandledPiped',
          line: 4,
          column: 32,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const fs = require('fs');
const zlib = require('zlib');
fs.createReadStream('in').pipe(zlib.createGzip().on('error', (error) => console.error(error))).pipe(fs.createWriteStream('in.gz'));
`,
            },
            {
              messageId: 'convertToPipeline',
              output: `
const fs = require('fs');
const zlib = require('zlib');
const { pipeline } = require('stream');
pipeline(fs.createReadStream('in'), zlib.createGzip(), fs.createWriteStream('in.gz'), (error) => {
  if (error) console.error(error);
});
`,
            },
          ],
        },
        {
          messageId: 'unhandledPiped',
          line: 4,
          column: 56,
          endColumn: 85,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const fs = require('fs');
const zlib = require('zlib');
fs.createReadStream('in').pipe(zlib.createGzip()).pipe(fs.createWriteStream('in.gz').on('error', (error) => console.error(error)));
`,
            },
            {
              messageId: 'convertToPipeline',
              output: `
const fs = require('fs');
const zlib = require('zlib');
const { pipeline } = require('stream');
pipeline(fs.createReadStream('in'), zlib.createGzip(), fs.createWriteStream('in.gz'), (error) => {
  if (error) console.error(error);
});
`,
            },
          ],
        },
      ],
    },
    {
      // The handler sits on the destination only: the source still crashes the process.
      code: `
import { createReadStream } from 'node:fs';
export async function send(res, path) {
  const file = createReadStream(path);
  file.pipe(res).on('error', (error) => res.destroy(error));
}
`,
      errors: [
        {
          messageId: 'unhandledPiped',
          line: 4,
          column: 16,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import { createReadStream } from 'node:fs';
export async function send(res, path) {
  const file = createReadStream(path);
  file.on('error', (error) => console.error(error));
  file.pipe(res).on('error', (error) => res.destroy(error));
}
`,
            },
          ],
        },
      ],
    },
    {
      // An async function gets the await form too, imported in the file's own style.
      code: `
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
export async function copy(from, to) {
  createReadStream(from).pipe(createWriteStream(to).on('error', console.error));
}
`,
      errors: [
        {
          messageId: 'unhandledPiped',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
export async function copy(from, to) {
  createReadStream(from).on('error', (error) => console.error(error)).pipe(createWriteStream(to).on('error', console.error));
}
`,
            },
            {
              messageId: 'convertToPipeline',
              output: `
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
export async function copy(from, to) {
  pipeline(createReadStream(from), createWriteStream(to).on('error', console.error), (error) => {
    if (error) console.error(error);
  });
}
`,
            },
            {
              messageId: 'convertToAwaitPipeline',
              output: `
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
export async function copy(from, to) {
  await pipeline(createReadStream(from), createWriteStream(to).on('error', console.error));
}
`,
            },
          ],
        },
      ],
    },
    {
      // try/catch does not catch an asynchronous 'error' event.
      code: `
const fs = require('node:fs');
try {
  fs.createReadStream('missing.txt').on('data', console.log);
} catch (error) {
  console.error(error);
}
`,
      errors: [
        {
          messageId: 'unhandled',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const fs = require('node:fs');
try {
  fs.createReadStream('missing.txt').on('error', (error) => console.error(error)).on('data', console.log);
} catch (error) {
  console.error(error);
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
const http = require('http');
const req = http.request({ host: 'localhost', port: 9 }, (res) => res.resume());
req.end();
`,
      errors: [
        {
          messageId: 'unhandled',
          data: { factory: 'http.request(…)' },
          line: 3,
          column: 13,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const http = require('http');
const req = http.request({ host: 'localhost', port: 9 }, (res) => res.resume());
req.on('error', (error) => console.error(error));
req.end();
`,
            },
          ],
        },
      ],
    },
    {
      code: `
const { Transform } = require('stream');
class Upper extends Transform {}
class Shout extends Upper {}
const shout = new Shout();
process.stdin.pipe(shout).pipe(process.stdout);
`,
      errors: [
        {
          messageId: 'unhandledPiped',
          data: { factory: 'new Shout(…)' },
          line: 5,
          column: 15,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const { Transform } = require('stream');
class Upper extends Transform {}
class Shout extends Upper {}
const shout = new Shout();
shout.on('error', (error) => console.error(error));
process.stdin.pipe(shout).pipe(process.stdout);
`,
            },
            {
              messageId: 'convertToPipeline',
              output: `
const { Transform, pipeline } = require('stream');
class Upper extends Transform {}
class Shout extends Upper {}
const shout = new Shout();
pipeline(process.stdin, shout, process.stdout, (error) => {
  if (error) console.error(error);
});
`,
            },
          ],
        },
      ],
    },
    {
      // Renamed, namespace and default imports all reach the same factory.
      code: `
import * as zlib from 'node:zlib';
import { createWriteStream as open } from 'fs';
const gzip = zlib.createGzip();
const out = open('x.gz');
gzip.pipe(out);
gzip.end('data');
`,
      errors: [
        {
          messageId: 'unhandledPiped',
          line: 4,
          column: 14,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import * as zlib from 'node:zlib';
import { createWriteStream as open } from 'fs';
const gzip = zlib.createGzip();
gzip.on('error', (error) => console.error(error));
const out = open('x.gz');
gzip.pipe(out);
gzip.end('data');
`,
            },
            {
              messageId: 'convertToPipeline',
              output: `
import * as zlib from 'node:zlib';
import { createWriteStream as open } from 'fs';
import { pipeline } from 'node:stream';
const gzip = zlib.createGzip();
const out = open('x.gz');
pipeline(gzip, out, (error) => {
  if (error) console.error(error);
});
gzip.end('data');
`,
            },
          ],
        },
        {
          messageId: 'unhandledPiped',
          line: 5,
          column: 13,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import * as zlib from 'node:zlib';
import { createWriteStream as open } from 'fs';
const gzip = zlib.createGzip();
const out = open('x.gz');
out.on('error', (error) => console.error(error));
gzip.pipe(out);
gzip.end('data');
`,
            },
            {
              messageId: 'convertToPipeline',
              output: `
import * as zlib from 'node:zlib';
import { createWriteStream as open } from 'fs';
import { pipeline } from 'node:stream';
const gzip = zlib.createGzip();
const out = open('x.gz');
pipeline(gzip, out, (error) => {
  if (error) console.error(error);
});
gzip.end('data');
`,
            },
          ],
        },
      ],
    },
    {
      // A decipher used as a stream fails on a bad key or tag.
      code: `
const crypto = require('crypto');
const fs = require('fs');
const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
decipher.on('data', (chunk) => console.log(chunk));
`,
      errors: [
        {
          messageId: 'unhandled',
          line: 4,
          column: 18,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const crypto = require('crypto');
const fs = require('fs');
const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
decipher.on('error', (error) => console.error(error));
decipher.on('data', (chunk) => console.log(chunk));
`,
            },
          ],
        },
      ],
    },
    {
      // The echo server: a reset connection kills the process.
      code: `
const net = require('node:net');
const server = net.createServer((socket) => {
  socket.pipe(socket);
});
server.listen(7000);
`,
      errors: [
        {
          messageId: 'unhandledSocket',
          data: { name: 'socket' },
          line: 3,
          column: 34,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const net = require('node:net');
const server = net.createServer((socket) => {
  socket.on('error', (error) => console.error(error));
  socket.pipe(socket);
});
server.listen(7000);
`,
            },
          ],
        },
      ],
    },
    {
      code: `
const tls = require('tls');
const server = tls.createServer(options);
server.on('secureConnection', function onSecure(socket) {
  socket.write('hello');
});
`,
      errors: [
        {
          messageId: 'unhandledSocket',
          line: 4,
          column: 49,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const tls = require('tls');
const server = tls.createServer(options);
server.on('secureConnection', function onSecure(socket) {
  socket.on('error', (error) => console.error(error));
  socket.write('hello');
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { open } from 'node:fs/promises';
export async function tail(path) {
  const handle = await open(path);
  handle.createReadStream({ start: 10 }).on('data', console.log);
}
`,
      errors: [
        {
          messageId: 'unhandled',
          data: { factory: 'FileHandle.createReadStream(…)' },
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import { open } from 'node:fs/promises';
export async function tail(path) {
  const handle = await open(path);
  handle.createReadStream({ start: 10 }).on('error', (error) => console.error(error)).on('data', console.log);
}
`,
            },
          ],
        },
      ],
    },
    {
      // `new` without parentheses gets wrapped before the listener is chained (a class whose
      // constructor starts I/O fails on its own, used as a stream or not).
      code: `
const fs = require('fs');
const { Readable } = require('stream');
class Tail extends Readable {
  constructor() { super(); fs.stat('app.log', (error) => error && this.destroy(error)); }
  _read() {}
}
new Tail;
`,
      errors: [
        {
          messageId: 'unhandled',
          line: 8,
          column: 1,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const fs = require('fs');
const { Readable } = require('stream');
class Tail extends Readable {
  constructor() { super(); fs.stat('app.log', (error) => error && this.destroy(error)); }
  _read() {}
}
(new Tail).on('error', (error) => console.error(error));
`,
            },
          ],
        },
      ],
    },
    {
      // Options with an implementation can fail: the transform calls back with an error.
      code: `
const stream = require('node:stream');
const parse = new stream.Transform({
  readableObjectMode: true,
  transform(line, encoding, callback) {
    try { callback(null, JSON.parse(line)); } catch (error) { callback(error); }
  },
});
process.stdin.pipe(parse);
`,
      errors: [
        {
          messageId: 'unhandledPiped',
          line: 3,
          column: 15,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const stream = require('node:stream');
const parse = new stream.Transform({
  readableObjectMode: true,
  transform(line, encoding, callback) {
    try { callback(null, JSON.parse(line)); } catch (error) { callback(error); }
  },
});
parse.on('error', (error) => console.error(error));
process.stdin.pipe(parse);
`,
            },
            {
              messageId: 'convertToPipeline',
              output: `
const stream = require('node:stream');
const parse = new stream.Transform({
  readableObjectMode: true,
  transform(line, encoding, callback) {
    try { callback(null, JSON.parse(line)); } catch (error) { callback(error); }
  },
});
stream.pipeline(process.stdin, parse, (error) => {
  if (error) console.error(error);
});
`,
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester().run('no-unhandled-error with types', rule, {
  valid: [
    {
      code: `
import { Readable } from 'node:stream';
declare function source(): Readable;
export const input: Readable = source();
`,
    },
    {
      // The TLSSocket hears its own errors (Node re-emits them as '_tlsError').
      code: `
import { TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
export function greet(raw: Socket): void {
  const wrapped = new TLSSocket(raw);
  wrapped.write('hello');
}
`,
    },
  ],
  invalid: [
    {
      // tls.connect() takes the TLSSocket's own listener off: its errors crash the process.
      code: `
import tls from 'node:tls';
export function greet(host: string): void {
  const secure = tls.connect(443, host);
  secure.write('hello');
}
`,
      errors: [{
        messageId: 'unhandled',
        line: 4,
        suggestions: [{
          messageId: 'addErrorListener',
          output: `
import tls from 'node:tls';
export function greet(host: string): void {
  const secure = tls.connect(443, host);
  secure.on('error', (error) => console.error(error));
  secure.write('hello');
}
`,
        }],
      }],
    },
    {
      // With types, a stream class imported from elsewhere is still known to be one.
      code: `
import { Transform } from 'node:stream';
declare const Upper: { new (): Transform };
const upper = new Upper();
upper.write('x');
`,
      errors: [
        {
          messageId: 'unhandled',
          line: 4,
          column: 15,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import { Transform } from 'node:stream';
declare const Upper: { new (): Transform };
const upper = new Upper();
upper.on('error', (error) => console.error(error));
upper.write('x');
`,
            },
          ],
        },
      ],
    },
  ],
});
