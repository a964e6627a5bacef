import rule from '../../rules/src/rules/prefer-pipeline.js';
import { ruleTester, typedRuleTester } from './rule-tester.js';

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
