import rule from '../../rules/src/rules/prefer-pipeline.js';
import { ruleTester, runBothWays, typedRuleTester } from './rule-tester.js';

ruleTester.run('prefer-pipeline', rule, {
  valid: [
    // Fan-ins: several sources into one destination that stays open, which pipeline() cannot express.
    `
      const fs = require('fs');
      function concat(files, output) {
        const out = fs.createWriteStream(output);
        for (const file of files) fs.createReadStream(file).pipe(out, { end: false });
      }
    `,
    `
      const fs = require('fs');
      const out = fs.createWriteStream('all.log');
      const stdout = fs.createReadStream('stdout.log');
      const stderr = fs.createReadStream('stderr.log');
      stdout.pipe(out, { end: false });
      stderr.pipe(out, { end: false });
    `,
    `
      const { PassThrough } = require('stream');
      function merge(sources) {
        const merged = new PassThrough();
        sources.forEach((source) => source.pipe(merged, { end: false }));
        return merged;
      }
    `,
    // A server renderer's pipeable result is no Node stream.
    `
      import { renderToPipeableStream } from 'react-dom/server';
      import http from 'node:http';
      http.createServer((req, res) => {
        const stream = renderToPipeableStream(App(), {
          onShellReady() {
            res.setHeader('content-type', 'text/html');
            stream.pipe(res);
          },
        });
      });
    `,
    `
      const { renderToPipeableStream } = require('react-dom/server');
      const express = require('express');
      express().get('/', (req, res) => {
        renderToPipeableStream(App()).pipe(res);
      });
    `,
    // RxJS and other pipe() APIs: nothing shows a Node stream.
    `
      import { of } from 'rxjs';
      import { map, filter } from 'rxjs/operators';
      of(1, 2, 3).pipe(filter((n) => n > 1), map((n) => n * 2)).subscribe(console.log);
    `,
    `
      const gulp = require('gulp');
      const uglify = require('gulp-uglify');
      gulp.task('js', () => gulp.src('src/*.js').pipe(uglify()).pipe(gulp.dest('dist')));
    `,
    `
      const result = schema.pipe(z.string().min(1));
    `,
    // Every stage cleans up by hand.
    `
      const fs = require('fs');
      function copy(from, to, done) {
        const input = fs.createReadStream(from);
        const output = fs.createWriteStream(to);
        input.on('error', (error) => { output.destroy(); done(error); });
        output.on('error', (error) => { input.destroy(); done(error); });
        output.on('finish', () => done());
        input.pipe(output);
      }
    `,
    `
      const net = require('net');
      net.createServer((socket) => {
        socket.on('error', () => socket.destroy());
        socket.pipe(socket);
      });
    `,
    // Without the type checker nothing shows these are streams: silence rather than a guess.
    `
      declare function openSource(): unknown;
      declare const sink: unknown;
      openSource().pipe(sink);
    `,
    // Already a pipeline.
    `
      const { pipeline } = require('stream');
      const fs = require('fs');
      pipeline(fs.createReadStream('a'), fs.createWriteStream('b'), () => {});
    `,
  ],
  invalid: [
    {
      // One source kept open is no fan-in: await pipeline(source, destination, { end: false }) says it.
      code: `
const fs = require('node:fs');
function append(from, out) {
  fs.createReadStream(from).pipe(out, { end: false });
}
const log = fs.createWriteStream('all.log');
append('a.log', log);
`,
      errors: [{ messageId: 'preferPipeline', line: 4, column: 29, endLine: 4, endColumn: 54, suggestions: [] }],
    },
    {
      code: `
const fs = require('node:fs');
const zlib = require('node:zlib');
function compress(input, output) {
  fs.createReadStream(input)
    .pipe(zlib.createGzip())
    .pipe(fs.createWriteStream(output));
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 6,
          column: 6,
          endLine: 7,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'convertToPipeline',
              output: `
const fs = require('node:fs');
const zlib = require('node:zlib');
const { pipeline } = require('node:stream');
function compress(input, output) {
  pipeline(fs.createReadStream(input), zlib.createGzip(), fs.createWriteStream(output), (error) => {
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
      // One report for the chain, even with a listener between the pipes; no rewrite then.
      code: `
const http = require('http');
const zlib = require('zlib');
http.createServer((req, res) => {
  req.pipe(zlib.createGunzip()).on('error', () => res.end()).pipe(res);
});
`,
      errors: [{ messageId: 'preferPipeline', line: 5, column: 7, suggestions: [] }],
    },
    {
      // A comment between the stages would be lost: no rewrite offered.
      code: `
const fs = require('fs');
fs.createReadStream('a')
  // raw bytes
  .pipe(fs.createWriteStream('b'));
`,
      errors: [{ messageId: 'preferPipeline', line: 5, column: 4, suggestions: [] }],
    },
    {
      // { end: false } into the handler's own response: no destination that outlives the handler.
      code: `
const fs = require('fs');
module.exports = (path, res) => fs.createReadStream(path).pipe(res, { end: false });
`,
      errors: [{ messageId: 'preferPipeline', line: 3, column: 59, suggestions: [] }],
    },
    {
      // The value of the chain is used: rewriting would change it.
      code: `
const fs = require('fs');
module.exports = (path, res) => fs.createReadStream(path).pipe(res);
`,
      errors: [{ messageId: 'preferPipeline', line: 3, column: 59, suggestions: [] }],
    },
  ],
});

typedRuleTester().run('prefer-pipeline with types', rule, {
  valid: [
    `
      interface Observable { pipe(...operators: unknown[]): Observable }
      declare const numbers: Observable;
      numbers.pipe();
      export {};
    `,
  ],
  invalid: [
    {
      // Types show the parameters are streams; options on pipe() block the rewrite.
      code: `
import type { Readable, Writable } from 'node:stream';
export async function relay(source: Readable, destination: Writable) {
  source.pipe(destination, { end: false });
  source.pipe(destination);
}
`,
      errors: [
        { messageId: 'preferPipeline', line: 4, column: 10, suggestions: [] },
        {
          messageId: 'preferPipeline',
          line: 5,
          column: 10,
          suggestions: [
            {
              messageId: 'convertToPipeline',
              output: `
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream';
export async function relay(source: Readable, destination: Writable) {
  source.pipe(destination, { end: false });
  pipeline(source, destination, (error) => {
    if (error) console.error(error);
  });
}
`,
            },
            {
              messageId: 'convertToAwaitPipeline',
              output: `
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
export async function relay(source: Readable, destination: Writable) {
  source.pipe(destination, { end: false });
  await pipeline(source, destination);
}
`,
            },
          ],
        },
      ],
    },
    {
      // Only the checker knows: the stream comes from a function declared elsewhere.
      code: `
import type { Readable, Writable } from 'node:stream';
declare function openSource(): Readable;
declare const sink: Writable;
openSource().pipe(sink);
`,
      errors: [{ messageId: 'preferPipeline', line: 5, column: 14, suggestions: [{ messageId: 'convertToPipeline', output: `
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream';
declare function openSource(): Readable;
declare const sink: Writable;
pipeline(openSource(), sink, (error) => {
  if (error) console.error(error);
});
` }] }],
    },
  ],
});

// Chains looked after by hand, and shapes pipeline() cannot take, next to the same shapes with the
// gap that pipeline() closes. Each case runs with and without type information.
runBothWays('prefer-pipeline: handled by hand', rule, {
  valid: [
    // The file's failure is passed on to the in-memory body the caller gets and listens to.
    `
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
export function openChecked(path: string) {
  const body = new PassThrough();
  const file = fs.createReadStream(path);
  file.on('error', (error) => body.destroy(error));
  file.pipe(body);
  return body;
}
`,
    // The same through emit('error'), a named handler and a callback, into a Minipass.
    `
import fs from 'node:fs';
import { Minipass } from 'minipass';
export function readBundle(path: string, done: (error: Error | null, out?: Minipass) => void) {
  const out = new Minipass();
  const bundle = fs.createReadStream(path);
  function relayFailure(error: Error) {
    out.emit('error', error);
  }
  bundle.on('error', relayFailure);
  bundle.pipe(out);
  done(null, out);
}
`,
    // Stages that cannot fail and hold nothing (a hash, fixed data) beside heard file streams.
    `
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { finished } from 'node:stream/promises';
export async function checksum(path: string) {
  const file = createReadStream(path);
  const hash = createHash('sha256');
  file.pipe(hash);
  await finished(file);
  return hash.digest('hex');
}
`,
    `
import fs from 'node:fs';
import { Readable } from 'node:stream';
export function save(data: Buffer, path: string, done: (error?: Error) => void) {
  const target = fs.createWriteStream(path);
  target.on('error', done);
  target.on('finish', () => done());
  Readable.from([data]).pipe(target);
}
`,
    // A fan-in helper called once per source: the destination outlives it.
    `
import { PassThrough, type Readable } from 'node:stream';
export function merge(...sources: Readable[]) {
  const merged = new PassThrough();
  let open = sources.length;
  const add = (source: Readable) => {
    source.on('error', (error) => merged.emit('error', error));
    source.on('end', () => { if (--open === 0) merged.end(); });
    source.pipe(merged, { end: false });
  };
  sources.forEach(add);
  return merged;
}
`,
    `
import fs from 'node:fs';
import type { Readable } from 'node:stream';
export class Journal {
  private out = fs.createWriteStream('journal.log', { flags: 'a' });
  constructor() { this.out.on('error', (error) => console.error(error)); }
  append(part: Readable) {
    part.on('error', (error) => this.out.destroy(error));
    part.pipe(this.out, { end: false });
  }
}
`,
    // A tee: one source into two destinations, which pipeline() cannot express.
    `
import fs from 'node:fs';
import type { Writable } from 'node:stream';
export function mirror(path: string, primary: Writable, backup: Writable) {
  const input = fs.createReadStream(path);
  input.on('error', (error) => { primary.destroy(error); backup.destroy(error); });
  input.pipe(primary);
  input.pipe(backup);
}
`,
    // send() has its own pipe(): it opens, watches and closes the file itself.
    `
import send from 'send';
import http from 'node:http';
http.createServer((req, res) => {
  send(req, req.url ?? '/', { root: 'public' })
    .on('error', () => { res.statusCode = 404; res.end(); })
    .pipe(res);
});
`,
    // scramjet's own pipe() forwards the source's errors into the scramjet stream it feeds.
    `
import { StringStream } from 'scramjet';
export function shout(words: string[]) {
  const input = new StringStream();
  const upper = new StringStream();
  input.pipe(upper);
  for (const word of words) input.write(word.toUpperCase());
  input.end();
  return upper;
}
`,
    `
const { DataStream } = require('scramjet');
const rows = DataStream.from([1, 2, 3]);
rows.on('data', (row) => console.log(row));
rows.pipe(new DataStream());
`,
    // Retry fan-in: each attempt pipes a new request into the same long-lived output, kept open.
    `
import { request } from 'node:https';
import { PassThrough } from 'node:stream';
export class Feed {
  readonly output = new PassThrough();
  attempt(url: string, triesLeft: number): void {
    request(url).on('error', () => { if (triesLeft > 0) this.attempt(url, triesLeft - 1); else this.output.end(); })
      .pipe(this.output, { end: false });
  }
}
`,
    // Inside an implementation of pipe() itself: the caller's .pipe() is the chain.
    `
import type { Readable, Writable } from 'node:stream';
export function replayable(source: Readable) {
  const seen: Buffer[] = [];
  source.on('data', (chunk: Buffer) => seen.push(chunk));
  const originalPipe = source.pipe;
  source.pipe = function <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    source.removeAllListeners('data');
    for (const chunk of seen) destination.write(chunk);
    source.pipe = originalPipe;
    return source.pipe(destination, options);
  };
  return source;
}
`,
    // The field's listener is added in another method of the class; the end is the object itself.
    `
import fs from 'node:fs';
import { Writable } from 'node:stream';
export class Upload extends Writable {
  private source?: fs.ReadStream;
  open(path: string) {
    this.source = fs.createReadStream(path);
    this.source.on('error', (error) => this.destroy(error));
  }
  start() {
    this.source!.pipe(this);
  }
}
`,
    // Torn down by hand: unpiped when the child exits, the child's stdin heard on its own.
    `
import { spawn } from 'node:child_process';
const child = spawn('cat');
child.stdin.on('error', () => {});
process.stdin.pipe(child.stdin);
child.on('exit', () => process.stdin.unpipe(child.stdin));
`,
  ],
  invalid: [
    {
      // Node's pipe() from a file into a scramjet stream: the file's errors go nowhere.
      code: `
const fs = require('fs');
const { StringStream } = require('scramjet');
module.exports = (path) => fs.createReadStream(path).pipe(new StringStream()).lines();
`,
      errors: [{ messageId: 'preferPipeline', line: 4, column: 54, suggestions: [] }],
    },
    {
      // Only logged: the body the caller waits on never ends when the file fails.
      code: `
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
export function openLogged(path: string) {
  const body = new PassThrough();
  const file = fs.createReadStream(path);
  file.on('error', (error) => console.error(error));
  file.pipe(body);
  return body;
}
`,
      errors: [{
          messageId: 'preferPipeline',
          line: 8,
          suggestions: [
            { messageId: 'convertToPipeline', output: `
import fs from 'node:fs';
import { PassThrough, pipeline } from 'node:stream';
export function openLogged(path: string) {
  const body = new PassThrough();
  const file = fs.createReadStream(path);
  file.on('error', (error) => console.error(error));
  pipeline(file, body, (error) => {
    if (error) console.error(error);
  });
  return body;
}
` },
          ],
        }],
    },
    {
      // The gunzip can fail on its own, and then nothing closes the file.
      code: `
import fs from 'node:fs';
import zlib from 'node:zlib';
export function openGzip(path: string) {
  const gunzip = zlib.createGunzip();
  const file = fs.createReadStream(path);
  file.on('error', (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}
`,
      errors: [{ messageId: 'preferPipeline', line: 8, suggestions: [] }],
    },
    {
      // A sink implemented after it was made can fail; the file stays open when it does.
      code: `
import fs from 'node:fs';
import { Writable } from 'node:stream';
export function readInto(path: string, target: Buffer, done: (error?: Error) => void) {
  const file = fs.createReadStream(path);
  const sink = new Writable();
  let offset = 0;
  sink._write = (chunk: Buffer, _encoding, callback) => {
    offset += chunk.copy(target, offset);
    callback();
  };
  file.on('error', done);
  sink.on('finish', () => done());
  file.pipe(sink);
}
`,
      errors: [{
          messageId: 'preferPipeline',
          line: 14,
          suggestions: [
            { messageId: 'convertToPipeline', output: `
import fs from 'node:fs';
import { Writable, pipeline } from 'node:stream';
export function readInto(path: string, target: Buffer, done: (error?: Error) => void) {
  const file = fs.createReadStream(path);
  const sink = new Writable();
  let offset = 0;
  sink._write = (chunk: Buffer, _encoding, callback) => {
    offset += chunk.copy(target, offset);
    callback();
  };
  file.on('error', done);
  sink.on('finish', () => done());
  pipeline(file, sink, (error) => {
    if (error) console.error(error);
  });
}
` },
          ],
        }],
    },
    {
      // The hash holds nothing, but the file's failure is heard by nobody.
      code: `
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
export function checksum(path: string, done: (sum: string) => void) {
  const hash = createHash('sha256');
  createReadStream(path).pipe(hash).on('finish', () => done(hash.digest('hex')));
}
`,
      errors: [{ messageId: 'preferPipeline', line: 6, suggestions: [] }],
    },
    {
      // The destination is made in the helper: one source, which pipeline() takes with { end: false }.
      code: `
import fs from 'node:fs';
import type { Readable } from 'node:stream';
export function spool(part: Readable) {
  const out = fs.createWriteStream('spool.bin', { flags: 'a' });
  part.pipe(out, { end: false });
}
`,
      errors: [{ messageId: 'preferPipeline', line: 6, suggestions: [] }],
    },
    {
      // Two branches are one chain or the other, not a tee.
      code: `
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { ServerResponse } from 'node:http';
export function serve(path: string, res: ServerResponse, compress: boolean) {
  const input = fs.createReadStream(path);
  input.on('error', () => res.destroy());
  if (compress) input.pipe(zlib.createGzip()).pipe(res);
  else input.pipe(res);
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 8,
          suggestions: [
            { messageId: 'convertToPipeline', output: `
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
export function serve(path: string, res: ServerResponse, compress: boolean) {
  const input = fs.createReadStream(path);
  input.on('error', () => res.destroy());
  if (compress) pipeline(input, zlib.createGzip(), res, (error) => {
    if (error) console.error(error);
  });
  else input.pipe(res);
}
` },
          ],
        },
        {
          messageId: 'preferPipeline',
          line: 9,
          suggestions: [
            { messageId: 'convertToPipeline', output: `
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
export function serve(path: string, res: ServerResponse, compress: boolean) {
  const input = fs.createReadStream(path);
  input.on('error', () => res.destroy());
  if (compress) input.pipe(zlib.createGzip()).pipe(res);
  else pipeline(input, res, (error) => {
    if (error) console.error(error);
  });
}
` },
          ],
        },
      ],
    },
    {
      // The same pipe outside an implementation of pipe(): this function's chain is its own.
      code: `
import fs from 'node:fs';
import type { Writable } from 'node:stream';
export function forward(path: string, destination: Writable) {
  return fs.createReadStream(path).pipe(destination);
}
`,
      errors: [{ messageId: 'preferPipeline', line: 5, suggestions: [] }],
    },
    {
      // Nobody listens to the field anywhere in the class.
      code: `
import fs from 'node:fs';
import { Writable } from 'node:stream';
export class Upload extends Writable {
  private source?: fs.ReadStream;
  open(path: string) {
    this.source = fs.createReadStream(path);
  }
  start() {
    this.source!.pipe(this);
  }
}
`,
      errors: [{
          messageId: 'preferPipeline',
          line: 10,
          suggestions: [
            { messageId: 'convertToPipeline', output: `
import fs from 'node:fs';
import { Writable, pipeline } from 'node:stream';
export class Upload extends Writable {
  private source?: fs.ReadStream;
  open(path: string) {
    this.source = fs.createReadStream(path);
  }
  start() {
    pipeline(this.source!, this, (error) => {
      if (error) console.error(error);
    });
  }
}
` },
          ],
        }],
    },
    {
      // Nothing tears it down: the child's exit leaves stdin piped into a closed pipe.
      code: `
import { spawn } from 'node:child_process';
const child = spawn('cat');
child.stdin.on('error', () => {});
process.stdin.pipe(child.stdin);
`,
      errors: [{
          messageId: 'preferPipeline',
          line: 5,
          suggestions: [
            { messageId: 'convertToPipeline', output: `
import { spawn } from 'node:child_process';
import { pipeline } from 'node:stream';
const child = spawn('cat');
child.stdin.on('error', () => {});
pipeline(process.stdin, child.stdin, (error) => {
  if (error) console.error(error);
});
` },
          ],
        }],
    },
  ],
});
