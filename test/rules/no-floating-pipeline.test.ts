import rule from '../../rules/src/rules/no-floating-pipeline.js';
import { ruleTester } from './rule-tester.js';

ruleTester.run('no-floating-pipeline', rule, {
  valid: [
    // Callback forms with their callback, inline or by name.
    `
      const { pipeline } = require('node:stream');
      const fs = require('fs');
      pipeline(fs.createReadStream('a'), fs.createWriteStream('b'), (error) => {
        if (error) console.error(error);
      });
    `,
    `
      const stream = require('stream');
      function copy(source, destination, done) {
        stream.pipeline(source, destination, done);
      }
    `,
    `
      const { finished } = require('node:stream');
      function waitFor(stream, callback) {
        finished(stream, { readable: false }, callback);
      }
    `,
    // An array of streams, then the callback.
    `
      const { pipeline } = require('stream');
      const run = (stages) => pipeline(stages, (error) => console.log(error));
    `,
    // Promise forms that are awaited, returned, caught, or handed on.
    `
      import { pipeline } from 'node:stream/promises';
      export async function copy(a, b) { await pipeline(a, b); }
    `,
    `
      import { pipeline } from 'node:stream/promises';
      export const copy = (a, b) => pipeline(a, b);
    `,
    `
      import { finished } from 'node:stream/promises';
      export function watch(stream, log) {
        finished(stream).then(() => log('done'), (error) => log(error));
        finished(stream).catch(log);
      }
    `,
    `
      import { pipeline } from 'node:stream/promises';
      export async function copyAll(pairs) {
        await Promise.all(pairs.map(([a, b]) => pipeline(a, b)));
      }
    `,
    `
      import { pipeline } from 'node:stream/promises';
      export async function later(a, b) {
        const done = pipeline(a, b);
        doOtherWork();
        await done;
      }
    `,
    `
      const { promisify } = require('util');
      const stream = require('stream');
      const pipelineAsync = promisify(stream.pipeline);
      module.exports = async (a, b) => { await pipelineAsync(a, b); };
    `,
    // Explicitly discarded: the author decided.
    `
      import { pipeline } from 'node:stream/promises';
      export function fireAndForget(a, b) { void pipeline(a, b); }
    `,
    // Not Node's pipeline: a local function, another module.
    `
      function pipeline(a, b) { return a + b; }
      pipeline(1, 2);
    `,
    `
      import { pipeline } from '@my/etl';
      pipeline(source, sink);
    `,
    // The last argument is an unknown value that may well be the callback.
    `
      const { pipeline } = require('stream');
      module.exports = (streams, onDone) => pipeline(...streams, onDone);
    `,
  ],
  invalid: [
    {
      code: `
const { pipeline } = require('node:stream');
const fs = require('node:fs');
function backup(path) {
  pipeline(fs.createReadStream(path), fs.createWriteStream(\`\${path}.bak\`));
}
`,
      errors: [
        {
          messageId: 'missingCallback',
          data: { name: 'pipeline' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'addCallback',
              output: `
const { pipeline } = require('node:stream');
const fs = require('node:fs');
function backup(path) {
  pipeline(fs.createReadStream(path), fs.createWriteStream(\`\${path}.bak\`), (error) => {
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
      code: `
import { pipeline, finished } from 'node:stream/promises';
import { createReadStream, createWriteStream } from 'node:fs';
export async function copy(from, to) {
  pipeline(createReadStream(from), createWriteStream(to)).then(() => console.log('done'));
}
export function fire(stream) {
  finished(stream);
}
`,
      errors: [
        {
          messageId: 'floatingPromise',
          data: { name: 'pipeline' },
          line: 5,
          column: 3,
          endColumn: 58,
          suggestions: [
            {
              messageId: 'addAwait',
              output: `
import { pipeline, finished } from 'node:stream/promises';
import { createReadStream, createWriteStream } from 'node:fs';
export async function copy(from, to) {
  await pipeline(createReadStream(from), createWriteStream(to)).then(() => console.log('done'));
}
export function fire(stream) {
  finished(stream);
}
`,
            },
          ],
        },
        // Outside an async function there is nothing to await with.
        { messageId: 'floatingPromise', data: { name: 'finished' }, line: 8, column: 3, suggestions: [] },
      ],
    },
    {
      // promisify(stream.pipeline) is the promise form; finished() with options still needs its callback.
      code: `
const stream = require('stream');
const util = require('util');
const pipe = util.promisify(stream.pipeline);
async function main(input, output) {
  pipe(input, output);
  stream.finished(output, { readable: false });
}
`,
      errors: [
        {
          messageId: 'floatingPromise',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'addAwait',
              output: `
const stream = require('stream');
const util = require('util');
const pipe = util.promisify(stream.pipeline);
async function main(input, output) {
  await pipe(input, output);
  stream.finished(output, { readable: false });
}
`,
            },
          ],
        },
        {
          messageId: 'missingCallback',
          data: { name: 'finished' },
          line: 7,
          column: 3,
          suggestions: [
            {
              messageId: 'addCallback',
              output: `
const stream = require('stream');
const util = require('util');
const pipe = util.promisify(stream.pipeline);
async function main(input, output) {
  pipe(input, output);
  stream.finished(output, { readable: false }, (error) => {
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
      // A stored promise that is never awaited floats all the same.
      code: `
import { pipeline } from 'node:stream/promises';
export async function copy(a, b) {
  const done = pipeline(a, b);
  console.log('started');
}
`,
      errors: [{ messageId: 'floatingPromise', line: 4, column: 16, suggestions: [{ messageId: 'addAwait', output: `
import { pipeline } from 'node:stream/promises';
export async function copy(a, b) {
  const done = await pipeline(a, b);
  console.log('started');
}
` }] }],
    },
    {
      // A then() without a rejection handler passes the rejection on to nobody.
      code: `
const { pipeline } = require('node:stream/promises');
function copy(a, b) {
  pipeline(a, b).then(() => console.log('copied'));
}
`,
      errors: [{ messageId: 'floatingPromise', line: 4, column: 3, suggestions: [] }],
    },
    {
      // The callback form with an array of streams and no callback.
      code: `
import stream from 'node:stream';
export function run(a, b) {
  stream.pipeline([a, b]);
}
`,
      errors: [
        {
          messageId: 'missingCallback',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'addCallback',
              output: `
import stream from 'node:stream';
export function run(a, b) {
  stream.pipeline([a, b], (error) => {
    if (error) console.error(error);
  });
}
`,
            },
          ],
        },
      ],
    },
  ],
});
