// Clients old and new: settings from wherever the client can give them, the documentation link
// where window/showDocument is missing, and requests the client cancels.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { showDocumentationCommand } from '../../protocol/src/messages.js';
import { LanguageClient } from './lsp-client.js';

const uri = 'file:///project/serve.js';
// prefer-pipeline and no-leak-on-client-abort are in the strict config only: their reports show
// which settings are in force.
const piped = "const fs = require('fs');\nconst http = require('http');\nhttp.createServer((req, res) => { const f = fs.createReadStream('a'); f.on('error', () => res.end()); f.pipe(res); });\n";

const codes = (diagnostics: { code?: unknown }[]) => diagnostics.map((diagnostic) => diagnostic.code);

describe('settings from a client that answers no workspace/configuration', () => {
  for (const [shape, settings] of [
    ['without the nodeStreams wrapper', { config: 'strict' }],
    ['with the nodeStreams wrapper', { nodeStreams: { config: 'strict' } }],
  ] as const) {
    it(`takes initializationOptions.settings ${shape}, and says so once`, async (t) => {
      const client = await LanguageClient.start({ initializationOptions: { settings } }, t);
      client.open(uri, piped);
      assert.deepEqual(codes(await client.diagnostics(uri)), ['node-streams/no-leak-on-client-abort', 'node-streams/prefer-pipeline']);
      await client.until(() => client.logs.some((log) => /node-streams: settings/.test(log.message)), 'the settings log');
      const said = client.logs.filter((log) => /node-streams: settings/.test(log.message)).map((log) => log.message);
      assert.deepEqual(said, ['node-streams: settings from initializationOptions.settings']);
      assert.equal(await client.shutdown(), 0);
    });
  }

  it('takes workspace/didChangeConfiguration when that is all it sends', async (t) => {
    const client = await LanguageClient.start({}, t);
    client.open(uri, piped);
    assert.deepEqual(codes(await client.diagnostics(uri)), []);
    await client.until(() => client.logs.some((log) => /node-streams: settings/.test(log.message)), 'the settings log');
    await client.changeSettings({ config: 'strict' });
    await client.until(() => client.published.some((params) => codes(params.diagnostics).length > 0), 'diagnostics in the strict config');
    assert.ok(client.logs.some((log) => log.message === 'node-streams: settings: the defaults (the client sent none)'));
    assert.equal(await client.shutdown(), 0);
  });

  it('prefers workspace/configuration to the initialization options when the client answers it', async (t) => {
    const client = await LanguageClient.start({ initializationOptions: { settings: { config: 'strict' } }, settings: { config: 'recommended' } }, t);
    await client.until(() => client.logs.some((log) => /node-streams: settings from/.test(log.message)), 'the settings log');
    client.open(uri, piped);
    assert.deepEqual(codes(await client.diagnostics(uri)), []);
    assert.ok(client.logs.some((log) => log.message === 'node-streams: settings from workspace/configuration'));
    assert.equal(await client.shutdown(), 0);
  });
});

it('shows the documentation link in a message when the client cannot open it', async (t) => {
  const client = await LanguageClient.start({ showDocument: false }, t);
  const url = 'https://example.com/rules/no-unhandled-error.md';
  await client.connection.sendRequest('workspace/executeCommand', { command: showDocumentationCommand, arguments: [url] });
  await client.until(() => client.shownMessages.length > 0, 'a message');
  assert.deepEqual(client.shownMessages, [`node-streams documentation: ${url}`]);
  assert.deepEqual(client.shownDocuments, []);
  assert.equal(await client.shutdown(), 0);
});

it('answers a cancelled pull of diagnostics with RequestCancelled, and keeps serving', async (t) => {
  const client = await LanguageClient.start({ pull: true }, t);
  // A file that takes the server far longer to lint than the cancellation takes to arrive, so that
  // the answer cannot come first.
  client.open(uri, Array.from({ length: 3000 }, () => `{\n${piped}}`).join('\n'));
  const cancelled = new CancellationTokenSource();
  const pulled = client.pullDiagnostics(uri, cancelled.token);
  cancelled.cancel();
  await assert.rejects(pulled, (error: { code?: number }) => error.code === -32800);
  client.open(uri, piped);
  assert.deepEqual(codes((await client.pullDiagnostics(uri)).items), []);
  assert.equal(await client.shutdown(), 0);
});
