import rule from '../../rules/src/rules/no-ignored-write.js';
import { ruleTester, typedRuleTester } from './rule-tester.js';

ruleTester.run('no-ignored-write', rule, {
  valid: [
    // A single write, then end: nothing repeats.
    `
      const http = require('node:http');
      http.createServer((req, res) => {
        res.setHeader('content-type', 'text/plain');
        res.write('hello ');
        res.end('world');
      }).listen(8080);
    `,
    // The drain loop of Node's docs: wait for 'drain' when write() returns false.
    `
      import { once } from 'node:events';
      import { createWriteStream } from 'node:fs';
      export async function exportRows(rows, path) {
        const out = createWriteStream(path);
        for (const row of rows) {
          if (!out.write(row.join(',') + '\\n')) await once(out, 'drain');
        }
        out.end();
      }
    `,
    // The callback form of the same: the last write of a batch goes without a check, then 'drain'.
    `
      const fs = require('fs');
      const writer = fs.createWriteStream('big.txt');
      function writeMany(count, data) {
        let ok = true;
        do {
          count--;
          if (count === 0) writer.write(data);
          else ok = writer.write(data);
        } while (count > 0 && ok);
        if (count > 0) writer.once('drain', () => writeMany(count, data));
      }
      writeMany(1e6, 'x');
    `,
    // The buffer's fill level is checked in the loop.
    `
      const fs = require('fs');
      async function dump(lines) {
        const out = fs.createWriteStream('dump.txt');
        for (const line of lines) {
          out.write(line);
          if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
        }
      }
    `,
    // Each write waits for its callback: one chunk in flight at a time.
    `
      const fs = require('fs');
      async function dump(lines) {
        const out = fs.createWriteStream('dump.txt');
        for (const line of lines) {
          await new Promise((resolve, reject) => out.write(line, (error) => (error ? reject(error) : resolve())));
        }
      }
    `,
    // A class with its own write method, and a logger: not streams as far as anyone can tell.
    `
      class Csv {
        write(row) { this.rows.push(row); }
      }
      const csv = new Csv();
      for (const row of rows) csv.write(row);
    `,
    `
      const logger = require('./logger');
      for (const event of events) logger.write(event);
    `,
    // Standard output, unless the option asks for it.
    `
      for (const line of lines) process.stdout.write(line + '\\n');
    `,
    // A new stream on each turn: one write per stream.
    `
      const fs = require('fs');
      for (const [name, text] of Object.entries(files)) {
        const out = fs.createWriteStream(name);
        out.write(text);
        out.end();
      }
    `,
    // A fixed list of writes is not a loop without bound.
    `
      const fs = require('fs');
      const out = fs.createWriteStream('report.txt');
      for (const part of [header, body, footer]) out.write(part);
      for (let i = 0; i < 3; i++) out.write('\\n');
      out.end();
    `,
    // The result is checked.
    `
      const net = require('net');
      const socket = net.connect(7000);
      socket.on('error', console.error);
      function send(messages) {
        for (const message of messages) {
          if (!socket.write(message)) return messages.slice(messages.indexOf(message) + 1);
        }
        return [];
      }
    `,
    // A hash never pushes back.
    `
      const crypto = require('crypto');
      const hash = crypto.createHash('sha256');
      for (const part of parts) hash.write(part);
    `,
    // A write in a function that is only called in a loop somewhere else: we cannot know how often.
    `
      const fs = require('fs');
      const out = fs.createWriteStream('log.txt');
      function log(line) { out.write(line + '\\n'); }
    `,
    // A relay made of a 'data' handler is no-unhandled-backpressure's to report.
    `
      const fs = require('fs');
      const input = fs.createReadStream('in.txt');
      const output = fs.createWriteStream('out.txt');
      input.on('data', (chunk) => output.write(chunk));
    `,
    // A PassThrough filled from a buffer before anyone reads it, then handed on: nobody could
    // drain it, so waiting for 'drain' would hang (yauzl's fd-slicer).
    `
      const { PassThrough } = require('stream');
      function sliceStream(buffer, size) {
        const stream = new PassThrough();
        for (let offset = 0; offset < buffer.length; offset += size) {
          stream.write(buffer.subarray(offset, offset + size));
        }
        stream.end();
        return stream;
      }
    `,
    // A handler of a per-request event writes to that request's own response.
    `
      const http = require('http');
      const server = http.createServer();
      server.on('request', (req, res) => {
        res.write('ok');
        res.end();
      });
    `,
    // Every element of a collection already in memory, then the end: the writes are as many as the
    // elements and the data exists already, so the buffer cannot grow past what the program holds.
    `
      const { PassThrough } = require('stream');
      const deps = new PassThrough({ objectMode: true });
      deps.pipe(process.stdout);
      process.argv.slice(2).forEach((file) => {
        deps.write({ file, entry: true });
      });
      deps.end();
    `,
    `
      const fs = require('fs');
      function writeBody(request, body) {
        if (Array.isArray(body)) {
          body.forEach((part) => {
            request.write(part);
          });
        } else {
          request.write(body);
        }
        request.end();
      }
      const out = fs.createWriteStream('args.txt').on('error', console.error);
      for (const argument of process.argv.slice(2)) out.write(argument + '\\n');
      out.end();
      writeBody(out, ['a', 'b']);
    `,
  ],
  invalid: [
    {
      // The request exists before the await the loop runs after: once(req, 'drain') there would
      // take its errors too late (no-late-error-listener), so the fix is not offered.
      code: `
const http = require('http');
async function upload(rows, ready) {
  const req = http.request('http://localhost:8080/upload', { method: 'POST' });
  await ready;
  for (const row of rows) req.write(row);
  req.end();
}
module.exports = upload;
`,
      errors: [{ messageId: 'ignoredWrite', line: 6, suggestions: [] }],
    },
    {
      // A for…of over a generator, or a forEach() that is not followed by the end: the writes go on
      // as long as the source does.
      code: `
const fs = require('fs');
const out = fs.createWriteStream('rows.ndjson').on('error', console.error);
for (const row of readRows()) out.write(JSON.stringify(row));
out.end();
const log = fs.createWriteStream('log.txt').on('error', console.error);
function record(events) {
  events.forEach((event) => log.write(event));
}
`,
      errors: [
        { messageId: 'ignoredWrite', data: { name: 'out', context: 'loop' }, line: 4, column: 31 },
        { messageId: 'ignoredWrite', data: { name: 'log', context: "'forEach()' callback" }, line: 8, column: 29, suggestions: [] },
      ],
    },
    {
      // An express handler's res is an http response: a CSV export that never waits for 'drain'.
      code: `
const express = require('express');
const app = express();
app.get('/export', async (req, res) => {
  for (const row of await loadRows()) {
    res.write(\`\${row.id},\${row.name}\\n\`);
  }
  res.end();
});
`,
      errors: [
        {
          messageId: 'ignoredWrite',
          line: 6,
          column: 5,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'awaitDrain',
              output: `
const express = require('express');
const { once } = require('node:events');
const app = express();
app.get('/export', async (req, res) => {
  for (const row of await loadRows()) {
    if (!res.write(\`\${row.id},\${row.name}\\n\`)) await once(res, 'drain');
  }
  res.end();
});
`,
            },
          ],
        },
      ],
    },
    {
      // The export loop that buffers a whole table in memory.
      code: `
import { createWriteStream } from 'node:fs';

export async function exportCsv(rows, path) {
  const out = createWriteStream(path);
  for (const row of rows) {
    out.write(row.join(',') + '\\n');
  }
  out.end();
}
`,
      errors: [
        {
          messageId: 'ignoredWrite',
          data: { name: 'out', context: 'loop' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'awaitDrain',
              data: { name: 'out' },
              output: `
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export async function exportCsv(rows, path) {
  const out = createWriteStream(path);
  for (const row of rows) {
    if (!out.write(row.join(',') + '\\n')) await once(out, 'drain');
  }
  out.end();
}
`,
            },
          ],
        },
      ],
    },
    {
      // An http response written row by row; the file already imports from events.
      code: `
const http = require('http');
const { on } = require('events');

http.createServer(async (req, res) => {
  for await (const row of db.query('select * from events')) res.write(JSON.stringify(row) + '\\n');
  res.end();
}).listen(8080);
`,
      errors: [
        {
          messageId: 'ignoredWrite',
          data: { name: 'res', context: 'loop' },
          line: 6,
          column: 61,
          suggestions: [
            {
              messageId: 'awaitDrain',
              data: { name: 'res' },
              output: `
const http = require('http');
const { on, once } = require('events');

http.createServer(async (req, res) => {
  for await (const row of db.query('select * from events')) if (!res.write(JSON.stringify(row) + '\\n')) await once(res, 'drain');
  res.end();
}).listen(8080);
`,
            },
          ],
        },
      ],
    },
    {
      // A forEach callback cannot await: no suggestion.
      code: `
const fs = require('fs');
const out = fs.createWriteStream('users.ndjson');
users.forEach((user) => out.write(JSON.stringify(user) + '\\n'));
`,
      errors: [
        { messageId: 'ignoredWrite', data: { name: 'out', context: "'forEach()' callback" }, line: 4, column: 25, suggestions: [] },
      ],
    },
    {
      code: `
const net = require('net');
const socket = net.connect(9000).on('error', console.error);
setInterval(() => {
  socket.write(JSON.stringify(process.memoryUsage()));
}, 100);
`,
      errors: [
        { messageId: 'ignoredWrite', data: { name: 'socket', context: "'setInterval()' callback" }, line: 5, column: 3, suggestions: [] },
      ],
    },
    {
      // Lines of a readline interface, copied to a file.
      code: `
const fs = require('fs');
const readline = require('readline');
const out = fs.createWriteStream('errors.log');
const lines = readline.createInterface({ input: fs.createReadStream('app.log') });
lines.on('line', (line) => {
  if (line.includes('ERROR')) out.write(line + '\\n');
});
`,
      errors: [{ messageId: 'ignoredWrite', data: { name: 'out', context: "'line' handler" }, line: 7, column: 31, suggestions: [] }],
    },
    {
      // A while loop in an async function, writing to a child process.
      code: `
const { spawn } = require('child_process');
async function sort(lines) {
  const child = spawn('sort');
  let index = 0;
  while (index < lines.length) {
    child.stdin.write(lines[index++] + '\\n');
  }
  child.stdin.end();
}
`,
      errors: [
        {
          messageId: 'ignoredWrite',
          data: { name: 'child.stdin', context: 'loop' },
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'awaitDrain',
              data: { name: 'child.stdin' },
              output: `
const { spawn } = require('child_process');
const { once } = require('events');
async function sort(lines) {
  const child = spawn('sort');
  let index = 0;
  while (index < lines.length) {
    if (!child.stdin.write(lines[index++] + '\\n')) await once(child.stdin, 'drain');
  }
  child.stdin.end();
}
`,
            },
          ],
        },
      ],
    },
    {
      // Standard output, when asked for.
      code: `
for (const line of lines) process.stdout.write(line + '\\n');
`,
      options: [{ checkStandardStreams: true }],
      errors: [{ messageId: 'ignoredWrite', data: { name: 'process.stdout', context: 'loop' }, line: 2, column: 27, suggestions: [] }],
    },
    {
      // A parameter annotated as a writable.
      code: `
import type { Writable } from 'node:stream';
export function writeAll(out: Writable, chunks: Buffer[]) {
  for (const chunk of chunks) out.write(chunk);
}
`,
      errors: [{ messageId: 'ignoredWrite', line: 4, column: 31, suggestions: [] }],
    },
    {
      // A 'data' handler on something that is not known as a stream is not a relay, but it repeats.
      code: `
const fs = require('fs');
const out = fs.createWriteStream('ticks.log');
feed.on('data', (tick) => out.write(tick.price + '\\n'));
`,
      errors: [{ messageId: 'ignoredWrite', data: { name: 'out', context: "'data' handler" }, line: 4, column: 27, suggestions: [] }],
    },
    {
      // The same PassThrough, piped to a response first: now somebody reads it, at the client's pace.
      code: `
const { PassThrough } = require('stream');
function send(res, buffer, size) {
  const stream = new PassThrough();
  stream.pipe(res);
  for (let offset = 0; offset < buffer.length; offset += size) {
    stream.write(buffer.subarray(offset, offset + size));
  }
  stream.end();
}
`,
      errors: [{ messageId: 'ignoredWrite', data: { name: 'stream', context: 'loop' }, line: 7, column: 5, suggestions: [] }],
    },
  ],
});

typedRuleTester().run('no-ignored-write with types', rule, {
  valid: [
    {
      // A class with a write method of its own, known by its type: not a stream.
      code: `
declare class Batch { write(row: string[]): void }
declare function openBatch(): Batch;
export function fill(rows: string[][]) {
  const batch = openBatch();
  for (const row of rows) batch.write(row);
}
`,
    },
  ],
  invalid: [
    {
      // A writable from another module, known only by its type.
      code: `
import type { Writable } from 'node:stream';
declare function openSink(): Writable;
export function fill(lines: string[]) {
  const sink = openSink();
  for (const line of lines) sink.write(line);
}
`,
      errors: [{ messageId: 'ignoredWrite', data: { name: 'sink', context: 'loop' }, line: 6, column: 29, suggestions: [] }],
    },
  ],
});
