import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LanguageClient, rangeAt } from './lsp-client.js';

const docs = 'https://github.com/node-streams/node-streams/blob/main/rules/docs';
const echoServer = readFileSync(new URL('../../examples/echo-server.js', import.meta.url), 'utf8');
const echoUri = pathToFileURL('/project/echo-server.js').href;

describe('diagnostics pushed over stdio', () => {
  let client: LanguageClient;
  before(async () => {
    client = await LanguageClient.start();
  });
  after(async () => {
    if (client.child.exitCode === null) client.child.kill();
  });

  it('reports an example with its rule, position, documentation link, level and topic', async () => {
    client.open(echoUri, echoServer);
    const diagnostics = await client.diagnostics(echoUri);
    assert.deepEqual(diagnostics, [
      {
        range: rangeAt(5, 34, 5, 40),
        severity: DiagnosticSeverity.Error,
        source: 'node-streams',
        code: 'node-streams/no-unhandled-error',
        codeDescription: { href: `${docs}/no-unhandled-error.md` },
        message: diagnostics[0].message,
        data: { level: 'intermediate', topic: 'error handling' },
      },
    ]);
    assert.match(String(diagnostics[0].message), /'error'/);
  });

  it('lints the new text after a change, and clears the problems on close', async () => {
    const fixed = echoServer.replace('  socket.pipe(socket);', "  socket.on('error', () => socket.destroy());\n  socket.pipe(socket);");
    client.change(echoUri, fixed);
    assert.deepEqual(await client.diagnostics(echoUri), []);
    client.change(echoUri, echoServer);
    assert.equal((await client.diagnostics(echoUri)).length, 1);
    client.close(echoUri);
    await client.until(() => client.published.at(-1)?.uri === echoUri && client.published.at(-1)!.diagnostics.length === 0);
  });

  it('lints TypeScript, JSX and untitled documents', async () => {
    const ts = "import fs from 'node:fs';\nconst input: fs.ReadStream = fs.createReadStream('in.txt');\ninput.resume();\n";
    client.open('file:///project/read.mts', ts, 'typescript');
    assert.deepEqual((await client.diagnostics('file:///project/read.mts')).map((each) => [each.code, each.range]), [
      ['node-streams/no-unhandled-error', rangeAt(2, 30, 2, 59)],
    ]);
    const jsx = "const fs = require('fs');\nfs.createReadStream('a').resume();\nexport const view = <div>{1}</div>;\n";
    client.open('file:///project/view.jsx', jsx, 'javascriptreact');
    assert.deepEqual((await client.diagnostics('file:///project/view.jsx')).map((each) => each.code), ['node-streams/no-unhandled-error']);
    client.open('untitled:Untitled-1', "require('fs').createReadStream('a').resume();\n");
    assert.deepEqual((await client.diagnostics('untitled:Untitled-1')).map((each) => each.code), ['node-streams/no-unhandled-error']);
  });

  it('gives one diagnostic at a syntax error, and none of the previous results', async () => {
    const uri = 'file:///project/broken.js';
    client.open(uri, echoServer);
    assert.equal((await client.diagnostics(uri)).length, 1);
    client.change(uri, echoServer.replace('socket.pipe(socket);', 'socket.pipe(socket;'));
    const diagnostics = await client.diagnostics(uri);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, undefined);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.match(String(diagnostics[0].message), /^Parsing error/);
    assert.deepEqual(diagnostics[0].range.start, { line: 6, character: 20 });
  });

  it('answers 200 rapid edits with the state after the last one', async () => {
    const uri = 'file:///project/rapid.js';
    client.open(uri, echoServer);
    await client.diagnostics(uri);
    const before = client.published.length;
    const clean = "const net = require('node:net');\n";
    for (let index = 0; index < 199; index += 1) client.change(uri, `${echoServer}\n// edit ${index}\n`);
    client.change(uri, clean);
    assert.deepEqual(await client.diagnostics(uri), []);
    const published = client.published.slice(before).filter((params) => params.uri === uri);
    assert.ok(published.length < 20, `${published.length} publications for 200 edits`);
    const versions = published.map((params) => params.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'no older state after a newer one');
    assert.equal(versions.at(-1), 201);
  });

  it('skips a huge file and a binary one with a status message instead of parsing them', async () => {
    const uri = 'file:///project/huge.js';
    const huge = `${echoServer}\n${'const filler = 1;\n'.repeat(150_000)}`;
    client.open(uri, huge);
    assert.deepEqual(await client.diagnostics(uri), []);
    const status = await client.until(() => client.statuses.find((each) => each.uri === uri));
    assert.equal(status.state, 'skipped');
    assert.match(status.message!, /maxFileSizeBytes/);
    client.change(uri, echoServer);
    assert.equal((await client.diagnostics(uri)).length, 1);
    assert.deepEqual(client.statuses.filter((each) => each.uri === uri).map((each) => each.state), ['skipped', 'ok']);
    const binary = 'file:///project/blob.js';
    client.open(binary, `${echoServer}\u0000\u0001\u0002`);
    assert.deepEqual(await client.diagnostics(binary), []);
    assert.match((await client.until(() => client.statuses.find((each) => each.uri === binary))).message!, /binary/);
  });

  it('answers malformed requests and unknown documents with LSP errors, and keeps serving', async () => {
    const uri = 'file:///project/after-errors.js';
    client.open(uri, echoServer);
    await assert.rejects(
      client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere.js' }, range: rangeAt(1, 1), context: { diagnostics: [] } }),
      /unknown document/,
    );
    await assert.rejects(client.connection.sendRequest('textDocument/codeAction', {}), /textDocument.uri is missing/);
    await assert.rejects(client.connection.sendRequest('textDocument/codeAction', { textDocument: {} }), /textDocument.uri is missing/);
    await assert.rejects(client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri } }), /range and context/);
    // Bytes that are not JSON at all: the server says so and reads on.
    client.child.stdin!.write('Content-Length: 9\r\n\r\n{not json');
    await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: 'nope' }), /unknown command/);
    client.change(uri, `${echoServer}\n`);
    assert.equal((await client.diagnostics(uri)).length, 1);
    assert.equal(client.child.exitCode, null);
  });
});

describe('settings', () => {
  it('turns rules off, changes their severity, filters levels, and disables linting', async (t) => {
    const client = await LanguageClient.start({ settings: {} }, t);
    const uri = 'file:///project/settings.js';
    const code = "const fs = require('fs');\nconst input = fs.createReadStream('a');\ninput.pipe(process.stdout);\n";
    client.open(uri, code);
    assert.deepEqual((await client.diagnostics(uri)).map((each) => [each.code, each.severity]), [['node-streams/no-unhandled-error', 1]]);

    const published = () => client.published.filter((params) => params.uri === uri).length;
    const waitForRelint = async (count: number) => {
      await client.until(() => published() > count);
      return client.published.findLast((params) => params.uri === uri)!.diagnostics.map((each) => [each.code, each.severity]);
    };
    let count = published();
    await client.changeSettings({ config: 'strict', rules: { 'no-unhandled-error': 'hint', 'node-streams/prefer-pipeline': 'warning' } });
    assert.deepEqual(await waitForRelint(count), [
      ['node-streams/no-unhandled-error', DiagnosticSeverity.Hint],
      ['node-streams/prefer-pipeline', DiagnosticSeverity.Warning],
    ]);
    count = published();
    await client.changeSettings({ config: 'strict', levels: ['novice', 'intermediate'] });
    assert.deepEqual(await waitForRelint(count), [['node-streams/no-unhandled-error', DiagnosticSeverity.Error]]);
    count = published();
    await client.changeSettings({ rules: { 'no-unhandled-error': 'off' } });
    assert.deepEqual(await waitForRelint(count), []);
    count = published();
    await client.changeSettings({ enable: false, config: 'all' });
    assert.deepEqual(await waitForRelint(count), []);
    assert.equal(await client.shutdown(), 0);
  });

  it('lints only on save in onSave mode', async (t) => {
    const client = await LanguageClient.start({ initializationOptions: { settings: { run: 'onSave' } } }, t);
    const uri = 'file:///project/on-save.js';
    client.open(uri, 'const quiet = 1;\n');
    assert.deepEqual(await client.diagnostics(uri), []);
    client.change(uri, echoServer);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    assert.equal((await client.diagnostics(uri)).length, 1);
    const afterSave = client.published.length;
    client.change(uri, `${echoServer}\n// typing\n`);
    // A request answered after the change proves the change was handled without a lint.
    await client.codeActions(uri, rangeAt(1, 1), []);
    assert.equal(client.published.length, afterSave);
    assert.equal(await client.shutdown(), 0);
  });
});

describe('onSave mode with a pulling client', () => {
  it('asks the client to pull again after a save, and answers with the saved text', async (t) => {
    const client = await LanguageClient.start({ pull: true, initializationOptions: { settings: { run: 'onSave' } } }, t);
    const uri = 'file:///project/on-save-pull.js';
    client.open(uri, 'const quiet = 1;\n');
    assert.deepEqual((await client.pullDiagnostics(uri)).items, []);
    client.change(uri, echoServer);
    assert.deepEqual((await client.pullDiagnostics(uri)).items, [], 'typing alone does not lint in onSave mode');
    const refreshes = client.refreshes;
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await client.until(() => client.refreshes > refreshes, 'a diagnostics refresh request');
    assert.deepEqual((await client.pullDiagnostics(uri)).items.map((each) => each.code), ['node-streams/no-unhandled-error']);
    assert.equal(await client.shutdown(), 0);
  });
});

describe('time budget', () => {
  it('reports a file slower than the budget, and lints it again once typing pauses', async (t) => {
    const client = await LanguageClient.start({ initializationOptions: { settings: { timeBudgetMs: 1 } } }, t);
    const uri = 'file:///project/slow.js';
    const slow = Array.from({ length: 40 }, () => `{\n${echoServer.replaceAll('const ', 'let ')}\n}`).join('\n');
    client.open(uri, slow);
    assert.equal((await client.diagnostics(uri)).length, 40);
    const status = await client.until(() => client.statuses.find((each) => each.uri === uri));
    assert.equal(status.state, 'slow');
    assert.match(status.message!, /^linting took \d+ ms \(embedded\), more than nodeStreams.timeBudgetMs \(1\)$/);
    assert.ok(client.logs.some((log) => log.message.includes('/project/slow.js: linting took')));
    client.change(uri, `${slow}\n`);
    assert.equal((await client.diagnostics(uri)).length, 40);
    assert.equal(await client.shutdown(), 0);
  });
});

describe('diagnostics pulled by the client', () => {
  it('answers textDocument/diagnostic for the current text', async (t) => {
    const client = await LanguageClient.start({ pull: true }, t);
    const uri = 'file:///project/pulled.js';
    client.open(uri, echoServer);
    const report = await client.pullDiagnostics(uri);
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items.map((each) => [each.code, each.range]), [['node-streams/no-unhandled-error', rangeAt(5, 34, 5, 40)]]);
    const again = await client.connection.sendRequest<{ kind: string; resultId: string }>('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: (report as { resultId?: string }).resultId,
    });
    assert.equal(again.kind, 'unchanged');
    client.change(uri, 'const calm = 1;\n');
    assert.deepEqual((await client.pullDiagnostics(uri)).items, []);
    assert.equal(client.published.length, 0, 'nothing is pushed to a client that pulls');
    await assert.rejects(client.pullDiagnostics('file:///project/never-opened.js'), /unknown document/);
    assert.equal(await client.shutdown(), 0);
  });
});
