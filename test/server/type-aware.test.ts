import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LanguageClient, rangeAt } from './lsp-client.js';

// Only the type checker knows that `new Upper()` makes a stream: a syntactic lint finds nothing.
const file = fileURLToPath(new URL('fixtures/typed/upper.ts', import.meta.url));
const uri = pathToFileURL(file).href;
const text = readFileSync(file, 'utf8');

const publishedFor = (client: LanguageClient) => client.published.filter((params) => params.uri === uri);

it('publishes the quick results first, then the typed ones for the same text', async (t) => {
  const client = await LanguageClient.start({}, t);
  client.open(uri, text, 'typescript');
  // The type checker works in a worker: another file is linted and answered meanwhile.
  const other = 'file:///elsewhere/quick.js';
  client.open(other, "require('fs').createReadStream('a').resume();\n");
  assert.equal((await client.diagnostics(other)).length, 1);
  assert.equal(publishedFor(client).length, 1, 'the typed results came first');
  const [quick, typed] = await client.until(() => publishedFor(client).length >= 2 && publishedFor(client));
  assert.deepEqual(quick.diagnostics, []);
  assert.equal(typed.version, 1);
  assert.deepEqual(typed.diagnostics.map((each) => [each.code, each.range]), [['node-streams/no-unhandled-error', rangeAt(4, 15, 4, 26)]]);
  assert.equal(await client.shutdown(), 0);
});

it('refreshes pulled diagnostics when the typed results are ready', async (t) => {
  const client = await LanguageClient.start({ pull: true }, t);
  client.open(uri, text, 'typescript');
  assert.deepEqual((await client.pullDiagnostics(uri)).items, []);
  await client.until(() => client.refreshes > 0, 'a diagnostic refresh');
  assert.deepEqual((await client.pullDiagnostics(uri)).items.map((each) => each.code), ['node-streams/no-unhandled-error']);
  assert.equal(await client.shutdown(), 0);
});
