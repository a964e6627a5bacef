import noIgnoredWrite from '../../rules/src/rules/no-ignored-write.js';
import noUnhandledError from '../../rules/src/rules/no-unhandled-error.js';
import preferPipeline from '../../rules/src/rules/prefer-pipeline.js';
import { ruleTester, typedRuleTester } from './rule-tester.js';

// Streams the rules see through library models, usage, handler shapes, JSDoc and types, and the
// look-alikes they must leave alone. The typed run and the untyped one report the same rule.

ruleTester.run('no-unhandled-error on streams of libraries and of unknown origin', noUnhandledError, {
  valid: [
    // request with a callback hands its errors to the callback.
    `
      const request = require('request');
      request('https://example.com/feed', (error, response, body) => console.log(error, body));
    `,
    // pdfkit's document has no I/O of its own; the file stream it is piped into is handled.
    `
      const PDFDocument = require('pdfkit');
      const fs = require('fs');
      const doc = new PDFDocument();
      doc.pipe(fs.createWriteStream('invoice.pdf').on('error', console.error));
      doc.text('Invoice').end();
    `,
    // Every stage has its own listener, and the end one too.
    `
      export function copy(source, target) {
        source.on('error', (error) => target.destroy(error));
        source.pipe(target).on('error', (error) => console.error(error));
      }
    `,
    // execa's subprocesses pipe into each other and reject their promise: not Node streams.
    `
      import { execa } from 'execa';
      execa('git', ['log']).pipe('wc', ['-l']).on('error', (error) => console.error(error));
    `,
    // A library's stream handed back to the caller is the caller's business.
    `
      const { parse } = require('csv-parse');
      module.exports = (input) => input.pipe(parse({ columns: true }));
    `,
  ],
  invalid: [
    {
      // multer before its fix: busboy's parser fails on a malformed form, and nobody listens.
      code: `
const busboy = require('busboy');
module.exports = function upload(req, res) {
  const parser = busboy({ headers: req.headers });
  parser.on('file', (name, file) => file.resume());
  parser.on('close', () => res.end('ok'));
  req.pipe(parser);
};
`,
      errors: [
        {
          messageId: 'unhandledPiped',
          data: { factory: 'busboy(…)' },
          line: 4,
          column: 18,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const busboy = require('busboy');
module.exports = function upload(req, res) {
  const parser = busboy({ headers: req.headers });
  parser.on('error', (error) => console.error(error));
  parser.on('file', (name, file) => file.resume());
  parser.on('close', () => res.end('ok'));
  req.pipe(parser);
};
`,
            },
            {
              messageId: 'convertToPipeline',
              output: `
const busboy = require('busboy');
const { pipeline } = require('node:stream');
module.exports = function upload(req, res) {
  const parser = busboy({ headers: req.headers });
  parser.on('file', (name, file) => file.resume());
  parser.on('close', () => res.end('ok'));
  pipeline(req, parser, (error) => {
    if (error) console.error(error);
  });
};
`,
            },
          ],
        },
      ],
    },
    {
      // A logger's destination: sonic-boom emits 'error' when a write fails (EBADF, ENOSPC).
      code: `
import SonicBoom from 'sonic-boom';
const destination = new SonicBoom({ dest: './app.log', mkdir: true });
destination.write('started\\n');
`,
      errors: [
        {
          messageId: 'unhandled',
          data: { factory: 'new sonic-boom(…)' },
          line: 3,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import SonicBoom from 'sonic-boom';
const destination = new SonicBoom({ dest: './app.log', mkdir: true });
destination.on('error', (error) => console.error(error));
destination.write('started\\n');
`,
            },
          ],
        },
      ],
    },
    {
      // graceful-fs is fs with retries: its streams fail the same way.
      code: `
const fs = require('graceful-fs');
const out = fs.createWriteStream('/var/data/export.csv');
out.end('id,name\\n');
`,
      errors: [
        {
          messageId: 'unhandled',
          data: { factory: 'graceful-fs.createWriteStream(…)' },
          line: 3,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const fs = require('graceful-fs');
const out = fs.createWriteStream('/var/data/export.csv');
out.on('error', (error) => console.error(error));
out.end('id,name\\n');
`,
            },
          ],
        },
      ],
    },
    {
      // The listener on the end of the chain does not hear the source.
      code: `
import { openSource } from './sources.js';
export function copy(target) {
  openSource('s3://bucket/key').pipe(target).on('error', (error) => console.error(error));
}
`,
      errors: [
        {
          messageId: 'errorListenerOnEnd',
          data: { name: "openSource('s3://bucket/key')" },
          line: 4,
          column: 3,
        },
      ],
    },
    {
      // A parameter piped through a chain whose only listener is on its end.
      code: `
const zlib = require('zlib');
const fs = require('fs');
function unpack(download, path) {
  const gunzip = zlib.createGunzip().on('error', console.error);
  download.pipe(gunzip).pipe(fs.createWriteStream(path)).on('error', console.error);
}
unpack(fetchArchive(), 'out.tar');
`,
      errors: [{ messageId: 'errorListenerOnEnd', data: { name: 'download' }, line: 6, column: 3 }],
    },
  ],
});

ruleTester.run('no-ignored-write on parameters, JSDoc and handlers', noIgnoredWrite, {
  valid: [
    // A koa middleware's context is no response, whatever its name.
    `
      import Koa from 'koa';
      const app = new Koa();
      app.use(async (res, next) => {
        for (const line of lines) res.write(line);
        await next();
      });
    `,
    // No JSDoc and no evidence: an unknown sink.
    `
      function dump(rows, sink) {
        for (const row of rows) sink.write(row);
      }
    `,
  ],
  invalid: [
    {
      code: `
/**
 * @param {string[]} rows
 * @param {import('node:stream').Writable} out
 */
function dump(rows, out) {
  for (const row of rows) out.write(row + '\\n');
}
`,
      errors: [{ messageId: 'ignoredWrite', line: 7 }],
    },
    {
      // An express handler exported from a routes file and mounted in another.
      code: `
const express = require('express');
exports.exportCsv = async (req, res) => {
  res.setHeader('Content-Type', 'text/csv');
  for (const row of await loadRows()) res.write(row.join(',') + '\\n');
  res.end();
};
`,
      errors: [
        {
          messageId: 'ignoredWrite',
          line: 5,
          suggestions: [
            {
              messageId: 'awaitDrain',
              output: `
const express = require('express');
const { once } = require('node:events');
exports.exportCsv = async (req, res) => {
  res.setHeader('Content-Type', 'text/csv');
  for (const row of await loadRows()) if (!res.write(row.join(',') + '\\n')) await once(res, 'drain');
  res.end();
};
`,
            },
          ],
        },
      ],
    },
    {
      // A parameter every call site passes a file stream.
      code: `
const fs = require('fs');
function writeAll(out, lines) {
  for (const line of lines) out.write(line);
}
writeAll(fs.createWriteStream('a.txt'), ['a']);
writeAll(fs.createWriteStream('b.txt'), ['b']);
`,
      errors: [{ messageId: 'ignoredWrite', line: 4 }],
    },
  ],
});

ruleTester.run('prefer-pipeline on library streams, not on look-alikes', preferPipeline, {
  valid: [
    `
      import { of, map } from 'rxjs';
      const doubled = of(1, 2).pipe(map((n) => n * 2));
      doubled.pipe(map(String)).subscribe(console.log);
    `,
    `
      import { renderToPipeableStream } from 'react-dom/server';
      export function render(app, res) {
        const stream = renderToPipeableStream(app, { onShellReady() { stream.pipe(res); } });
      }
    `,
  ],
  invalid: [],
});

typedRuleTester().run('no-unhandled-error with types', noUnhandledError, {
  valid: [],
  invalid: [
    {
      // A Readable returned by a declared function: its type says it is a stream.
      code: `
import type { Readable } from 'node:stream';
declare function openExport(id: string): Readable;
const rows = openExport('2024');
rows.pipe(process.stdout);
`,
      filename: 'file.ts',
      errors: [
        {
          messageId: 'unhandledPiped',
          data: { factory: 'openExport(…)' },
          line: 4,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import type { Readable } from 'node:stream';
declare function openExport(id: string): Readable;
const rows = openExport('2024');
rows.on('error', (error) => console.error(error));
rows.pipe(process.stdout);
`,
            },
            {
              messageId: 'convertToPipeline',
              output: `
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
declare function openExport(id: string): Readable;
const rows = openExport('2024');
pipeline(rows, process.stdout, (error) => {
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

typedRuleTester().run('no-ignored-write with types', noIgnoredWrite, {
  valid: [],
  invalid: [
    {
      code: `
import type { Writable } from 'node:stream';
export function dump(rows: string[], out: Writable) {
  for (const row of rows) out.write(row + '\\n');
}
`,
      filename: 'file.ts',
      errors: [{ messageId: 'ignoredWrite', line: 4 }],
    },
  ],
});
