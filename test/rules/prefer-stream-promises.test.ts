import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import rule from '../../rules/src/rules/prefer-stream-promises.js';
import { checkFixOutputs } from '../support/fix-outputs.js';
import { ruleTester } from './rule-tester.js';

const invalid = [
  {
    // promisify(pipeline) below other code: the import joins the others on top, and the imports
    // only the promisify call used go with it.
    code: `
import { pipeline } from 'node:stream';
import { promisify } from 'node:util';
import fs from 'node:fs';

const log = (message) => console.error(message);

const pipelineAsync = promisify(pipeline);

export async function copy(from, to) {
  log('copying');
  await pipelineAsync(fs.createReadStream(from), fs.createWriteStream(to));
}
`,
    output: `
import fs from 'node:fs';
import { pipeline as pipelineAsync } from 'node:stream/promises';

const log = (message) => console.error(message);

export async function copy(from, to) {
  log('copying');
  await pipelineAsync(fs.createReadStream(from), fs.createWriteStream(to));
}
`,
    errors: [{ messageId: 'promisifiedStreamFunction' as const, line: 8, column: 23 }],
  },
  {
    // A name of a list goes from the list; util's other uses keep it.
    code: `
const { pipeline, Readable } = require('stream');
const util = require('util');
const pipelineAsync = util.promisify(pipeline);
const readFile = util.promisify(require('fs').readFile);
module.exports = async (path, target) => pipelineAsync(Readable.from([await readFile(path)]), target);
`,
    output: `
const { Readable } = require('stream');
const util = require('util');
const { pipeline: pipelineAsync } = require('stream/promises');
const readFile = util.promisify(require('fs').readFile);
module.exports = async (path, target) => pipelineAsync(Readable.from([await readFile(path)]), target);
`,
    errors: [{ messageId: 'promisifiedStreamFunction' as const, line: 4, column: 23 }],
  },
  {
    // The common CommonJS shape from Node 10 days: promisified once at the top, awaited below.
    code: `
const util = require('util');
const stream = require('stream');
const pipelineAsync = util.promisify(stream.pipeline);

module.exports = async (source, target) => pipelineAsync(source, target);
`,
    output: `
const { pipeline: pipelineAsync } = require('stream/promises');

module.exports = async (source, target) => pipelineAsync(source, target);
`,
    errors: [
      { messageId: 'promisifiedStreamFunction' as const, data: { name: 'pipeline' }, line: 4, column: 23, endLine: 4, endColumn: 54 },
    ],
  },
  {
    // Destructured names, node: specifiers, one statement each: both fixed in one pass.
    code: `
'use strict';
const { promisify } = require('node:util');
const { pipeline, finished } = require('node:stream');

// Promise forms of the stream helpers.
const pipelineP = promisify(pipeline), finishedP = promisify(finished);
let finished2 = promisify(require('node:stream').finished);

module.exports = { pipelineP, finishedP, finished2 };
`,
    output: [
      `
'use strict';
const { promisify } = require('node:util');
const { finished } = require('node:stream');

// Promise forms of the stream helpers.
const { pipeline: pipelineP } = require('node:stream/promises'), finishedP = promisify(finished);
let finished2 = promisify(require('node:stream').finished);

module.exports = { pipelineP, finishedP, finished2 };
`,
      `
'use strict';
const { promisify } = require('node:util');

// Promise forms of the stream helpers.
const { pipeline: pipelineP } = require('node:stream/promises'), { finished: finishedP } = require('node:stream/promises');
let { finished: finished2 } = require('node:stream/promises');

module.exports = { pipelineP, finishedP, finished2 };
`,
    ],
    errors: [
      { messageId: 'promisifiedStreamFunction' as const, data: { name: 'pipeline' }, line: 7, column: 19 },
      { messageId: 'promisifiedStreamFunction' as const, data: { name: 'finished' }, line: 7, column: 52 },
      { messageId: 'promisifiedStreamFunction' as const, data: { name: 'finished' }, line: 8, column: 17 },
    ],
  },
  {
    // ES modules: the declaration becomes an import under the same name; its comment stays.
    code: `
import util from 'node:util';
import * as stream from 'node:stream';

// Waits for the whole chain.
const pipeline = util.promisify(stream.pipeline);
const streamFinished = util.promisify(stream.Stream.finished);

export async function save(source, target) {
  await pipeline(source, target);
  await streamFinished(target);
}
`,
    output: [
      `
import util from 'node:util';
import * as stream from 'node:stream';
import { finished as streamFinished } from 'node:stream/promises';

// Waits for the whole chain.
const pipeline = util.promisify(stream.pipeline);

export async function save(source, target) {
  await pipeline(source, target);
  await streamFinished(target);
}
`,
      `
import { finished as streamFinished } from 'node:stream/promises';

// Waits for the whole chain.
import { pipeline } from 'node:stream/promises';

export async function save(source, target) {
  await pipeline(source, target);
  await streamFinished(target);
}
`,
    ],
    errors: [
      { messageId: 'promisifiedStreamFunction' as const, data: { name: 'pipeline' }, line: 6, column: 18 },
      { messageId: 'promisifiedStreamFunction' as const, data: { name: 'finished' }, line: 7, column: 24 },
    ],
  },
  {
    // Promisified where it is used: the call becomes the imported function.
    code: `
const fs = require('fs');
const zlib = require('zlib');
const util = require('util');
const stream = require('stream');

async function gzip(input, output) {
  await util.promisify(stream.pipeline)(fs.createReadStream(input), zlib.createGzip(), fs.createWriteStream(output));
}
`,
    output: `
const fs = require('fs');
const zlib = require('zlib');
const { pipeline } = require('stream/promises');

async function gzip(input, output) {
  await pipeline(fs.createReadStream(input), zlib.createGzip(), fs.createWriteStream(output));
}
`,
    errors: [{ messageId: 'promisifiedStreamFunction' as const, line: 8, column: 9, endLine: 8, endColumn: 40 }],
  },
  {
    // The file has node:stream/promises already: the name joins that import.
    code: `
import { finished } from 'node:stream/promises';
import { pipeline as pipe } from 'node:stream';
import { promisify } from 'node:util';

export async function run(source, target) {
  await promisify(pipe)(source, target);
  await finished(target);
}
`,
    output: `
import { finished, pipeline } from 'node:stream/promises';

export async function run(source, target) {
  await pipeline(source, target);
  await finished(target);
}
`,
    errors: [{ messageId: 'promisifiedStreamFunction' as const, line: 7, column: 9 }],
  },
  {
    // In CommonJS, with the name taken by the callback pipeline, an inline require.
    code: `
const { pipeline } = require('node:stream');
const { promisify } = require('node:util');

module.exports = async function copy(source, target) {
  await promisify(pipeline)(source, target);
};
`,
    output: `

module.exports = async function copy(source, target) {
  await require('node:stream/promises').pipeline(source, target);
};
`,
    errors: [{ messageId: 'promisifiedStreamFunction' as const, line: 6, column: 9 }],
  },
  {
    // Inside a function: the declarator keeps its name, and the import goes to the top.
    code: `
const stream = require('stream');
const { promisify } = require('util');

function copier() {
  const copy = promisify(stream.pipeline);
  return (source, target) => copy(source, target);
}
module.exports = copier;
`,
    output: `
const { pipeline } = require('stream/promises');

function copier() {
  const copy = pipeline;
  return (source, target) => copy(source, target);
}
module.exports = copier;
`,
    errors: [{ messageId: 'promisifiedStreamFunction' as const, line: 6, column: 16 }],
  },
  {
    // ES modules with the name taken: reported, left for the author.
    code: `
import { pipeline } from 'node:stream';
import { promisify } from 'node:util';

export const copy = (source, target) => promisify(pipeline)(source, target);
`,
    output: null,
    errors: [{ messageId: 'promisifiedStreamFunction' as const, line: 5, column: 41 }],
  },
  {
    // A comment inside is kept by not fixing; the other use reuses the promisified name, which
    // is the same function.
    code: `
const stream = require('stream');
const util = require('util');
const pipelineAsync = util.promisify(/* core, not readable-stream */ stream.pipeline);
module.exports = async (a, b) => {
  await util.promisify(stream.pipeline)(a, b);
  return pipelineAsync;
};
`,
    output: `
const stream = require('stream');
const util = require('util');
const pipelineAsync = util.promisify(/* core, not readable-stream */ stream.pipeline);
module.exports = async (a, b) => {
  await pipelineAsync(a, b);
  return pipelineAsync;
};
`,
    errors: [
      { messageId: 'promisifiedStreamFunction' as const, line: 4, column: 23 },
      { messageId: 'promisifiedStreamFunction' as const, line: 6, column: 9 },
    ],
  },
  {
    // A promisified readable-stream pipeline is not the same function: not reused, an import added.
    code: `
const stream = require('stream');
const { promisify } = require('util');
const rsPipeline = promisify(require('readable-stream').pipeline);
module.exports = [rsPipeline, async (a, b) => promisify(stream.pipeline)(a, b)];
`,
    output: `
const { promisify } = require('util');
const { pipeline } = require('stream/promises');
const rsPipeline = promisify(require('readable-stream').pipeline);
module.exports = [rsPipeline, async (a, b) => pipeline(a, b)];
`,
    errors: [{ messageId: 'promisifiedStreamFunction' as const, line: 5, column: 47 }],
  },
  {
    // An export is not rewritten to an import: it reuses a promisified name declared before it.
    code: `
import { promisify } from 'node:util';
import { pipeline as pipe } from 'node:stream';

const pipelineAsync = promisify(pipe);
export const pipeline = promisify(pipe);
export { pipelineAsync };
`,
    output: `
import { promisify } from 'node:util';
import { pipeline as pipe } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';

export const pipeline = pipelineAsync;
export { pipelineAsync };
`,
    errors: [
      { messageId: 'promisifiedStreamFunction' as const, line: 5, column: 23 },
      { messageId: 'promisifiedStreamFunction' as const, line: 6, column: 25 },
    ],
  },
  {
    // Read at the top before a const declares it, a name is not initialised yet: not reused.
    // Nor is the export's own name (early = early).
    code: `
import { promisify } from 'node:util';
import { pipeline as pipe } from 'node:stream';

export const early = promisify(pipe);
const pipelineAsync = promisify(pipe);
export { pipelineAsync };
`,
    output: [
      `
import { promisify } from 'node:util';
import { pipeline as pipe } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const early = pipeline;
const pipelineAsync = promisify(pipe);
export { pipelineAsync };
`,
      `
import { pipeline } from 'node:stream/promises';
import { pipeline as pipelineAsync } from 'node:stream/promises';

export const early = pipeline;
export { pipelineAsync };
`,
    ],
    errors: [
      { messageId: 'promisifiedStreamFunction' as const, line: 5, column: 22 },
      { messageId: 'promisifiedStreamFunction' as const, line: 6, column: 23 },
    ],
  },
  {
    // A finished() by hand on a file being written.
    code: `
const fs = require('node:fs');

function save(path, data) {
  const out = fs.createWriteStream(path);
  out.end(data);
  return new Promise((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
}
module.exports = save;
`,
    output: null,
    errors: [
      {
        messageId: 'handMadeFinished' as const,
        data: { event: 'finish' },
        line: 7,
        column: 10,
        endLine: 7,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'useFinished' as const,
            data: { call: 'finished(out)' },
            output: `
const fs = require('node:fs');
const { finished } = require('node:stream/promises');

function save(path, data) {
  const out = fs.createWriteStream(path);
  out.end(data);
  return finished(out);
}
module.exports = save;
`,
          },
        ],
      },
    ],
  },
  {
    // A chain of once() with wrapper functions, on a file being read.
    code: `
import { createReadStream } from 'node:fs';

export async function count(path) {
  let lines = 0;
  const input = createReadStream(path);
  input.on('data', (chunk) => { lines += chunk.toString().split('\\n').length - 1; });
  await new Promise((resolve, reject) => input.once('end', () => resolve()).once('error', (error) => reject(error)));
  return lines;
}
`,
    output: null,
    errors: [
      {
        messageId: 'handMadeFinished' as const,
        data: { event: 'end' },
        line: 8,
        column: 9,
        suggestions: [
          {
            messageId: 'useFinished' as const,
            data: { call: 'finished(input)' },
            output: `
import { createReadStream } from 'node:fs';
import { finished } from 'node:stream/promises';

export async function count(path) {
  let lines = 0;
  const input = createReadStream(path);
  input.on('data', (chunk) => { lines += chunk.toString().split('\\n').length - 1; });
  await finished(input);
  return lines;
}
`,
          },
        ],
      },
    ],
  },
  {
    // 'finish' of a transform is its writable side only: finished() is told so.
    code: `
const zlib = require('zlib');
const { finished: onFinished } = require('stream');

async function compress(chunks) {
  const gzip = zlib.createGzip();
  for (const chunk of chunks) gzip.write(chunk);
  gzip.end();
  await new Promise(function (resolve, reject) {
    gzip.on('error', reject);
    gzip.on('finish', function () { resolve(); });
  });
  return gzip;
}
module.exports = { compress, onFinished };
`,
    output: null,
    errors: [
      {
        messageId: 'handMadeFinished' as const,
        line: 9,
        column: 9,
        suggestions: [
          {
            messageId: 'useFinished' as const,
            data: { call: 'finished(gzip, { readable: false })' },
            output: `
const zlib = require('zlib');
const { finished: onFinished } = require('stream');
const { finished } = require('stream/promises');

async function compress(chunks) {
  const gzip = zlib.createGzip();
  for (const chunk of chunks) gzip.write(chunk);
  gzip.end();
  await finished(gzip, { readable: false });
  return gzip;
}
module.exports = { compress, onFinished };
`,
          },
        ],
      },
    ],
  },
  {
    // 'close' of a socket; the name finished is taken, so an inline require.
    code: `
const net = require('net');
const { finished } = require('stream');

module.exports = async function ping(port) {
  const socket = net.connect(port);
  socket.end('PING');
  await new Promise((resolve, reject) => {
    socket.on('close', resolve);
    socket.on('error', reject);
  });
  return finished;
};
`,
    output: null,
    errors: [
      {
        messageId: 'handMadeFinished' as const,
        data: { event: 'close' },
        line: 8,
        column: 9,
        suggestions: [
          {
            messageId: 'useFinished' as const,
            data: { call: 'finished(socket)' },
            output: `
const net = require('net');
const { finished } = require('stream');

module.exports = async function ping(port) {
  const socket = net.connect(port);
  socket.end('PING');
  await require('stream/promises').finished(socket);
  return finished;
};
`,
          },
        ],
      },
    ],
  },
  {
    // A child's output, a stream even though the child is not; in ES modules with the name
    // taken, reported without a suggestion.
    code: `
import { spawn } from 'node:child_process';
import { finished } from 'node:stream';

export async function drain() {
  const child = spawn('git', ['log']);
  child.stdout.resume();
  await new Promise((resolve, reject) => {
    child.stdout.on('end', resolve);
    child.stdout.on('error', reject);
  });
  return finished;
}
`,
    output: null,
    errors: [{ messageId: 'handMadeFinished' as const, line: 8, column: 9, suggestions: [] }],
  },
];

ruleTester.run('prefer-stream-promises', rule, {
  valid: [
    // Already the promise API.
    `
      const { pipeline, finished } = require('node:stream/promises');
      module.exports = async (a, b) => { await pipeline(a, b); await finished(b); };
    `,
    `
      import { pipeline } from 'node:stream/promises';
      import stream from 'node:stream';
      export const save = (a, b) => stream.promises.finished(stream.pipeline(a, b, () => {}));
    `,
    // promisify() of other functions.
    `
      const { promisify } = require('util');
      const fs = require('fs');
      const zlib = require('zlib');
      const { exec } = require('child_process');
      const readFile = promisify(fs.readFile);
      const gzip = promisify(zlib.gzip);
      const sleep = promisify(setTimeout);
      const run = promisify(exec);
      module.exports = { readFile, gzip, sleep, run };
    `,
    // readable-stream users keep its own pipeline and finished (another implementation).
    `
      const { pipeline, finished } = require('readable-stream');
      const { promisify } = require('util');
      const pipelineAsync = promisify(pipeline);
      module.exports = { pipelineAsync, finishedAsync: promisify(finished) };
    `,
    `
      import stream from 'readable-stream';
      import { promisify } from 'node:util';
      export const pipelineAsync = promisify(stream.pipeline);
    `,
    // Other promisify functions, and pipeline functions that are not core's.
    `
      const pify = require('pify');
      const Bluebird = require('bluebird');
      const stream = require('stream');
      module.exports = [pify(stream.pipeline), Bluebird.promisify(stream.finished)];
    `,
    `
      const { promisify } = require('util');
      const pump = require('pump');
      const pumpAsync = promisify(pump);
      function make(stream) {
        return promisify(stream.pipeline);
      }
      module.exports = { pumpAsync, make };
    `,
    // A promise that also collects data.
    `
      const fs = require('fs');
      function read(path) {
        const input = fs.createReadStream(path);
        const chunks = [];
        return new Promise((resolve, reject) => {
          input.on('data', (chunk) => chunks.push(chunk));
          input.on('end', () => resolve(Buffer.concat(chunks)));
          input.on('error', reject);
        });
      }
    `,
    // A promise that resolves with a value (fast-csv's writeToBuffer).
    `
      const { Writable } = require('stream');
      const buffers = [];
      const ws = new Writable({ write(data, encoding, callback) { buffers.push(data); callback(); } });
      module.exports = new Promise((res, rej) => {
        ws.on('error', rej).on('finish', () => res(Buffer.concat(buffers)));
      });
    `,
    // A promise around two streams (tar's create).
    `
      const fs = require('fs');
      const zlib = require('zlib');
      function pack(file) {
        const gzip = zlib.createGzip();
        const out = fs.createWriteStream(file);
        gzip.pipe(out);
        return new Promise((resolve, reject) => {
          gzip.on('error', reject);
          out.on('close', resolve);
        });
      }
      function pack2(file) {
        const gzip = zlib.createGzip();
        const out = fs.createWriteStream(file);
        return new Promise((resolve, reject) => {
          out.on('error', reject);
          out.on('close', resolve);
          gzip.on('error', reject);
        });
      }
    `,
    // A promise that also starts the work (tar's list), or ends the stream.
    `
      const fs = require('fs');
      function list(file, parse) {
        const out = fs.createWriteStream(file);
        return new Promise((resolve, reject) => {
          out.on('error', reject);
          out.on('finish', resolve);
          out.end('done');
        });
      }
    `,
    // A child process is not a stream: its 'close' is not finished().
    `
      const { spawn } = require('child_process');
      async function pull() {
        const child = spawn('git', ['pull']);
        await new Promise((resolve, reject) => {
          child.on('close', resolve);
          child.on('error', reject);
        });
      }
    `,
    // Emitters of unknown kind (unzipper's promise(), an emitter handed in).
    `
      Parse.prototype.promise = function () {
        const self = this;
        return new Promise(function (resolve, reject) {
          self.on('finish', resolve);
          self.on('error', reject);
        });
      };
      function wait(emitter) {
        return new Promise((resolve, reject) => {
          emitter.on('end', resolve);
          emitter.on('error', reject);
        });
      }
    `,
    // 'finish' on a readable never comes: another bug, not this rule's.
    `
      const fs = require('fs');
      const input = fs.createReadStream('a');
      module.exports = new Promise((resolve, reject) => {
        input.on('finish', resolve);
        input.on('error', reject);
      });
    `,
    // An error wrapped on its way out, or a listener on another stream.
    `
      const fs = require('fs');
      const out = fs.createWriteStream('a');
      module.exports = new Promise((resolve, reject) => {
        out.on('finish', resolve);
        out.on('error', (error) => reject(new Error('upload failed', { cause: error })));
      });
    `,
    // Not the global Promise.
    `
      const Promise = require('bluebird');
      const fs = require('fs');
      const out = fs.createWriteStream('a');
      module.exports = new Promise((resolve, reject) => {
        out.on('finish', resolve);
        out.on('error', reject);
      });
    `,
  ],
  invalid,
});

checkFixOutputs('prefer-stream-promises', rule, invalid);

describe('prefer-stream-promises --fix', () => {
  it("leaves no import unused, as ESLint's no-unused-vars sees it", () => {
    const linter = new Linter({ configType: 'flat' });
    for (const testCase of invalid.slice(0, 2)) {
      const fixed = linter.verifyAndFix(testCase.code, [
        {
          languageOptions: { ecmaVersion: 'latest', sourceType: testCase.code.includes('require(') ? 'commonjs' : 'module' },
          plugins: { test: { rules: { 'prefer-stream-promises': rule } } } as unknown as Linter.Config['plugins'],
          rules: { 'test/prefer-stream-promises': 'error', 'no-unused-vars': 'error' },
        },
      ]);
      assert.equal(fixed.fixed, true);
      assert.deepEqual(fixed.messages, []);
    }
  });
});

// TypeScript's import-equals and a typed promise (the re-lint above parses JavaScript only).
ruleTester.run('prefer-stream-promises in TypeScript', rule, {
  valid: [],
  invalid: [
    {
      code: `
import { createWriteStream } from 'node:fs';
import util = require('node:util');
import stream = require('node:stream');

export const pipelineAsync = util.promisify(stream.pipeline);
export async function save(path: string, data: string): Promise<void> {
  const out = createWriteStream(path);
  out.end(data);
  await new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
}
`,
      output: `
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import util = require('node:util');
import stream = require('node:stream');

export const pipelineAsync = pipeline;
export async function save(path: string, data: string): Promise<void> {
  const out = createWriteStream(path);
  out.end(data);
  await new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
}
`,
      errors: [
        { messageId: 'promisifiedStreamFunction', line: 6, column: 30 },
        {
          messageId: 'handMadeFinished',
          line: 10,
          column: 9,
          suggestions: [
            {
              messageId: 'useFinished',
              data: { call: 'finished(out)' },
              output: `
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import util = require('node:util');
import stream = require('node:stream');

export const pipelineAsync = util.promisify(stream.pipeline);
export async function save(path: string, data: string): Promise<void> {
  const out = createWriteStream(path);
  out.end(data);
  await finished(out);
}
`,
            },
          ],
        },
      ],
    },
  ],
});
