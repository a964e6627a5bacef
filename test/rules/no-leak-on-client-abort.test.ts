import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../rules/src/rules/no-leak-on-client-abort.js';
import { runModule } from '../support/node-run.js';
import { ruleTester } from './rule-tester.js';

/**
 * A real server sends a 4 MB file; the client reads one chunk and goes away. Once the response
 * has closed and the server stopped, the process runs out of work; on exit it prints whether the
 * file's descriptor was closed. No clock decides anything: a source nobody destroys keeps its
 * descriptor until the process ends, one that is destroyed closes it before the loop empties.
 */
const abortedDownload = (send: string) => `
  import http from 'node:http';
  import fs from 'node:fs';
  import os from 'node:os';
  import path from 'node:path';
  import stream from 'node:stream';
  import { pipeline } from 'node:stream';
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'abort-')), 'video.bin');
  fs.writeFileSync(file, Buffer.alloc(4 * 1024 * 1024));
  let source;
  const server = http.createServer((req, res) => {
    source = fs.createReadStream(file);
    ${send}
    res.on('close', () => server.close());
  });
  server.listen(0, () => {
    const request = http.get({ port: server.address().port, agent: false }, (response) => {
      response.once('data', () => request.destroy());
    });
    request.on('error', () => {});
  });
  process.on('exit', () => console.log(JSON.stringify({ descriptorClosed: source.closed })));
`;

const descriptorClosed = (send: string): boolean => {
  const run = runModule(abortedDownload(send));
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout).descriptorClosed;
};

describe('Node: a file sent to a client that goes away', () => {
  it('stays open when piped with .pipe(res) or relayed by hand', () => {
    assert.equal(descriptorClosed('source.pipe(res);'), false);
    assert.equal(
      descriptorClosed(`
        source.on('data', (chunk) => { if (!res.write(chunk)) source.pause(); });
        res.on('drain', () => source.resume());
        source.on('end', () => res.end());
      `),
      false,
    );
  });

  it('is closed with each shape the rule accepts', () => {
    assert.equal(descriptorClosed('pipeline(source, res, () => {});'), true);
    assert.equal(descriptorClosed(`source.pipe(res); res.on('close', () => source.destroy());`), true);
    assert.equal(descriptorClosed(`source.pipe(res); req.on('close', () => source.destroy());`), true);
    assert.equal(descriptorClosed(`source.pipe(res); stream.finished(res, () => source.destroy());`), true);
  });
});

ruleTester.run('no-leak-on-client-abort', rule, {
  valid: [
    // pipeline() destroys the file when the response closes early (serve-handler, sirv).
    `
      const http = require('node:http');
      const fs = require('node:fs');
      const { pipeline } = require('node:stream');
      http.createServer((req, res) => {
        pipeline(fs.createReadStream(req.url.slice(1)), res, () => {});
      });
    `,
    // on-finished and destroy, as express's send and catalyst's fix do.
    `
      import express from 'express';
      import fs from 'node:fs';
      import onFinished from 'on-finished';
      import destroy from 'destroy';
      const app = express();
      app.get('/files/:name', (req, res) => {
        const stream = fs.createReadStream(req.params.name);
        stream.pipe(res);
        onFinished(res, () => destroy(stream));
      });
    `,
    // ecstatic's fix: res.on('close') destroys the range stream, registered before the pipe.
    `
      const fs = require('fs');
      module.exports = function middleware(req, res, next) {
        const fstream = fs.createReadStream(req.url, { start: 0, end: 99 });
        fstream.on('error', next);
        res.on('close', function () { fstream.destroy(); });
        res.writeHead(206, { 'Content-Length': 100 });
        fstream.pipe(res);
      };
    `,
    // A proxy that aborts the upstream request when the client's request closes (http-proxy).
    `
      const http = require('node:http');
      http.createServer((req, res) => {
        const upstream = http.get('http://backend' + req.url, (upstreamResponse) => {
          upstreamResponse.pipe(res);
        });
        req.on('close', () => upstream.destroy());
      });
    `,
    // A named cleanup listener on the response's socket.
    `
      const http = require('node:http');
      const fs = require('node:fs');
      http.createServer((req, res) => {
        const log = fs.createReadStream('/var/log/app.log');
        function stop() { log.destroy(); }
        res.socket.on('close', stop);
        log.pipe(res);
      });
    `,
    // Streams made in memory hold no descriptor; the request dies with the client's socket.
    `
      const http = require('node:http');
      const { Readable } = require('node:stream');
      http.createServer((req, res) => {
        Readable.from(['hello ', 'world']).pipe(res);
        req.pipe(res);
      });
    `,
    // Not a server's response: a client request, a file.
    `
      const http = require('node:http');
      const fs = require('node:fs');
      const upload = http.request('http://example.com/upload', { method: 'PUT' });
      fs.createReadStream('data.bin').pipe(upload);
      fs.createReadStream('a').pipe(fs.createWriteStream('b'));
    `,
    // A hand relay that destroys its source when the response closes.
    `
      const http = require('node:http');
      const fs = require('node:fs');
      http.createServer((req, res) => {
        const file = fs.createReadStream('big.bin');
        file.on('data', (chunk) => { if (!res.write(chunk)) file.pause(); });
        res.on('drain', () => file.resume());
        res.on('close', () => file.destroy());
        file.on('end', () => res.end());
      });
    `,
  ],
  invalid: [
    {
      code: `
const http = require('node:http');
const fs = require('node:fs');
http.createServer((req, res) => {
  res.setHeader('Content-Type', 'video/mp4');
  fs.createReadStream('movie.mp4').pipe(res);
});
`,
      errors: [
        {
          messageId: 'pipedIntoResponse',
          data: { source: "fs.createReadStream('movie.mp4')" },
          line: 6,
          column: 36,
          suggestions: [
            {
              messageId: 'convertToPipeline',
              output: `
const http = require('node:http');
const fs = require('node:fs');
const { pipeline } = require('node:stream');
http.createServer((req, res) => {
  res.setHeader('Content-Type', 'video/mp4');
  pipeline(fs.createReadStream('movie.mp4'), res, (error) => {
    if (error) console.error(error);
  });
});
`,
            },
          ],
        },
      ],
    },
    {
      // ecstatic before its fix: an 'error' listener is not a cleanup on abort; express middleware exported.
      code: `
const fs = require('fs');
module.exports = function middleware(req, res, next) {
  const stream = fs.createReadStream(req.url);
  stream.pipe(res);
  stream.on('error', next);
};
`,
      errors: [
        {
          messageId: 'pipedIntoResponse',
          line: 5,
          suggestions: [
            {
              messageId: 'convertToPipeline',
              output: `
const fs = require('fs');
const { pipeline } = require('stream');
module.exports = function middleware(req, res, next) {
  const stream = fs.createReadStream(req.url);
  pipeline(stream, res, (error) => {
    if (error) console.error(error);
  });
  stream.on('error', next);
};
`,
            },
          ],
        },
      ],
    },
    {
      // A zlib stage in the middle: the file at the head stays open; a 'finish' listener does not fire on abort.
      code: `
import express from 'express';
import { createReadStream } from 'node:fs';
import { createGzip } from 'node:zlib';
const app = express();
app.get('/log', async (req, res) => {
  res.on('finish', () => console.log('sent'));
  createReadStream('app.log').pipe(createGzip()).pipe(res);
});
`,
      errors: [
        {
          messageId: 'pipedIntoResponse',
          data: { source: "createReadStream('app.log')" },
          line: 8,
          suggestions: [
            {
              messageId: 'convertToPipeline',
              output: `
import express from 'express';
import { createReadStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream';
const app = express();
app.get('/log', async (req, res) => {
  res.on('finish', () => console.log('sent'));
  pipeline(createReadStream('app.log'), createGzip(), res, (error) => {
    if (error) console.error(error);
  });
});
`,
            },
            {
              messageId: 'convertToAwaitPipeline',
              output: `
import express from 'express';
import { createReadStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
const app = express();
app.get('/log', async (req, res) => {
  res.on('finish', () => console.log('sent'));
  await pipeline(createReadStream('app.log'), createGzip(), res);
});
`,
            },
          ],
        },
      ],
    },
    {
      // A child process's output and koa's raw response; TypeScript annotations name the response.
      code: `
import { spawn } from 'node:child_process';
import type { ServerResponse } from 'node:http';
export function streamLogs(res: ServerResponse) {
  const tail = spawn('tail', ['-f', '/var/log/syslog']);
  tail.stdout.pipe(res);
}
`,
      errors: [
        {
          messageId: 'pipedIntoResponse',
          data: { source: 'tail.stdout' },
          line: 6,
          suggestions: [
            {
              messageId: 'convertToPipeline',
              output: `
import { spawn } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
export function streamLogs(res: ServerResponse) {
  const tail = spawn('tail', ['-f', '/var/log/syslog']);
  pipeline(tail.stdout, res, (error) => {
    if (error) console.error(error);
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      // Relayed by hand with write() and 'drain'.
      code: `
const http = require('node:http');
const fs = require('node:fs');
http.createServer((req, res) => {
  const file = fs.createReadStream('big.bin');
  file.on('data', (chunk) => {
    if (!res.write(chunk)) file.pause();
  });
  res.on('drain', () => file.resume());
  file.on('end', () => res.end());
});
`,
      errors: [{ messageId: 'relayedIntoResponse', data: { source: 'file' }, line: 6 }],
    },
  ],
});
