import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../rules/src/rules/no-floating-pipe-to.js';
import { runModule } from '../support/node-run.js';
import { ruleTester } from './rule-tester.js';

it('crashes under Node with an unhandled rejection when a floating pipeTo() fails', () => {
  const run = runModule(`
    const source = new ReadableStream({ start(controller) { controller.enqueue('row'); controller.close(); } });
    const sink = new WritableStream({ write() { throw new Error('quota exceeded'); } });
    source.pipeTo(sink);
    setTimeout(() => console.log('still running'), 50);
  `);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /quota exceeded/);
  assert.doesNotMatch(run.stdout, /still running/);
});

ruleTester.run('no-floating-pipe-to', rule, {
  valid: [
    `
      export async function copy(response, file) { await response.body.pipeTo(file.writable); }
      export const copyLater = (readable, writable) => readable.pipeTo(writable);
      export function logged(readable, writable, log) { readable.pipeTo(writable).catch(log); }
      export function handled(readable, writable, log) { readable.pipeTo(writable).then(() => log('done'), log); }
      export function fireAndForget(readable, writable) { void readable.pipeTo(writable); }
      export async function all(pairs) { await Promise.all(pairs.map(([r, w]) => r.pipeTo(w))); }
      export async function stored(readable, writable) {
        const done = readable.pipeTo(writable, { preventClose: true });
        await done;
      }
    `,
    // pipeThrough() returns a stream, and a pipeTo without arguments is not a web stream's.
    `
      const lines = response.body.pipeThrough(new TextDecoderStream());
      router.pipeTo();
    `,
  ],
  invalid: [
    {
      code: `
export async function download(url, file) {
  const response = await fetch(url);
  response.body.pipeTo(file.writable);
  return file.name;
}
`,
      errors: [
        {
          messageId: 'floatingPipeTo',
          data: { source: 'response.body' },
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'addAwait',
              output: `
export async function download(url, file) {
  const response = await fetch(url);
  await response.body.pipeTo(file.writable);
  return file.name;
}
`,
            },
            {
              messageId: 'addCatch',
              output: `
export async function download(url, file) {
  const response = await fetch(url);
  response.body.pipeTo(file.writable).catch((error) => console.error(error));
  return file.name;
}
`,
            },
          ],
        },
      ],
    },
    {
      // A chain through pipeThrough, in a plain function; a then() with no rejection handler.
      code: `
function compress(readable, writable) {
  readable.pipeThrough(new CompressionStream('gzip')).pipeTo(writable).then(() => console.log('done'));
}
`,
      errors: [{ messageId: 'floatingPipeTo', data: { source: "readable.pipeThrough(new CompressionStream('gzip'))" }, line: 3, suggestions: [] }],
    },
  ],
});
