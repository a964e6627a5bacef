// The language server under bad input and load, over a real stdio connection to the built server.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LanguageClient } from './lsp-client.js';

/** Set by `npm run test:reliability`: the full load figures. */
const fullRun = process.env.RELIABILITY === 'full';

const unhandled = "const fs = require('fs');\nconst input = fs.createReadStream('in.txt');\ninput.on('data', (chunk) => console.log(chunk.length));\n";
const rule = 'node-streams/no-unhandled-error';

const codesOf = (diagnostics: { code?: unknown }[]) => diagnostics.map((diagnostic) => diagnostic.code);

/** The server still answers: a fresh document gets its diagnostics. */
async function assertAlive(client: LanguageClient, name: string): Promise<void> {
  const uri = `file:///alive/${name}.js`;
  client.open(uri, unhandled);
  assert.deepEqual(codesOf(await client.diagnostics(uri)), [rule], `the server stopped answering after ${name}`);
  client.close(uri);
  assert.equal(client.child.exitCode, null, 'the server exited');
}

function sendRaw(client: LanguageClient, body: string, contentLength = Buffer.byteLength(body)): void {
  client.child.stdin!.write(`Content-Length: ${contentLength}\r\n\r\n${body}`);
}

function residentMemory(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the language server under bad input', () => {
  let client: LanguageClient;
  before(async () => {
    client = await LanguageClient.start();
  });
  after(async () => {
    await client.shutdown();
  });

  it('gives one parsing problem for a syntax error, then lints the repaired text', async () => {
    const uri = 'file:///bad/syntax.js';
    client.open(uri, `${unhandled}input.pipe(;\n`);
    const diagnostics = await client.diagnostics(uri);
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0].message), /Parsing error/);
    client.change(uri, unhandled);
    assert.deepEqual(codesOf(await client.diagnostics(uri)), [rule]);
  });

  it('skips 5 MB of minified code with a status, and stays responsive', async () => {
    const uri = 'file:///bad/bundle.min.js';
    const piece = "!function(e){var t=require('fs').createReadStream(e);t.on('data',function(n){console.log(n.length)})}('x');";
    const minified = piece.repeat(Math.ceil((5 * 1024 * 1024) / piece.length));
    client.open(uri, minified);
    assert.deepEqual(await client.diagnostics(uri), []);
    const status = await client.until(() => client.statuses.find((each) => each.uri === uri), 'a status');
    assert.equal(status.state, 'skipped');
    assert.match(status.message ?? '', /bytes/);
    await assertAlive(client, 'minified');
  });

  it('skips binary bytes, and survives invalid UTF-16 and control characters', async () => {
    const binary = 'file:///bad/image.js';
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256)).toString('latin1');
    client.open(binary, bytes);
    assert.deepEqual(await client.diagnostics(binary), []);
    assert.equal((await client.until(() => client.statuses.find((each) => each.uri === binary), 'a status')).state, 'skipped');
    const strange = 'file:///bad/strange.js';
    client.open(strange, `${unhandled}\uD800\u0007\u001b[31m\uFFFE\u2028"\uDFFF`);
    assert.equal((await client.diagnostics(strange)).length, 1);
    await assertAlive(client, 'binary');
  });

  it('takes a document opened twice as its latest text, and ignores a change before any open', async () => {
    const uri = 'file:///bad/twice.js';
    client.open(uri, 'const quiet = 1;\n');
    assert.deepEqual(await client.diagnostics(uri), []);
    const publishedBefore = client.published.length;
    // Opened again, with no close between, at the same version number and another text.
    client.open(uri, unhandled);
    const reopened = await client.until(
      () => client.published.slice(publishedBefore).find((params) => params.uri === uri),
      'diagnostics of the reopened document',
    );
    assert.deepEqual(codesOf(reopened.diagnostics), [rule], 'the diagnostics are those of the text opened first');
    const unopened = 'file:///bad/never-opened.js';
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: unopened, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
    });
    await assertAlive(client, 'change-before-open');
    client.open(unopened, unhandled);
    assert.deepEqual(codesOf(await client.diagnostics(unopened)), [rule]);
  });

  it('clamps an edit whose range is past the end of the document', async () => {
    const uri = 'file:///bad/out-of-range.js';
    client.open(uri, unhandled);
    await client.diagnostics(uri);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 900, character: 5 }, end: { line: 1000, character: 80 } }, text: "\ninput.on('error', console.error);\n" },
        { range: { start: { line: -1, character: -4 }, end: { line: 0, character: 9999 } }, text: "const fs = require('fs');" },
      ],
    });
    const published = await client.until(
      () => client.published.findLast((params) => params.uri === uri && params.version === 2),
      'diagnostics of version 2',
    );
    assert.deepEqual(published.diagnostics, []);
    await assertAlive(client, 'out-of-range');
  });

  it('survives malformed JSON-RPC: bad JSON, wrong shapes, unknown methods', async () => {
    sendRaw(client, '{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {');
    sendRaw(client, '{"jsonrpc":"2.0","id":"x1","method":"textDocument/codeAction","params":"not an object"}');
    sendRaw(client, '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":7,"text":null}}}');
    sendRaw(client, '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///bad/twice.js","version":"x"},"contentChanges":"nope"}}');
    sendRaw(client, '{"jsonrpc":"2.0","id":"x2","method":"textDocument/diagnostic","params":null}');
    sendRaw(client, '[1, 2, 3]');
    sendRaw(client, 'null');
    await assert.rejects(client.connection.sendRequest('nodeStreams/noSuchMethod', {}), /Unhandled method|not found/i);
    await assertAlive(client, 'malformed-json-rpc');
  });

  it('answers requests for a closed document with an error, not a crash', async () => {
    const uri = 'file:///bad/closed.js';
    client.open(uri, unhandled);
    const diagnostics = await client.diagnostics(uri);
    client.close(uri);
    const range = diagnostics[0].range;
    await assert.rejects(client.codeActions(uri, range, diagnostics), /unknown document/);
    await assert.rejects(client.pullDiagnostics(uri), /unknown document|Unhandled method/);
    await assertAlive(client, 'closed-document');
  });
});

describe('the language server with settings of the wrong type', () => {
  it('falls back to the defaults, field by field', async (t) => {
    const wrong = {
      enable: 'yes',
      run: 42,
      typeAware: ['on'],
      useProjectConfig: null,
      config: { name: 'all' },
      rules: { 'no-unhandled-error': 17, 'prefer-pipeline': 'loud' },
      levels: 'all',
      timeBudgetMs: -5,
      maxFileSizeBytes: 'huge',
    };
    const client = await LanguageClient.start({ initializationOptions: { settings: wrong }, settings: wrong }, t);
    const uri = 'file:///settings/wrong.js';
    client.open(uri, unhandled);
    assert.deepEqual(codesOf(await client.diagnostics(uri)), [rule]);
    await client.changeSettings({ enable: 0, rules: null, levels: [3] } as unknown as Record<string, unknown>);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: 'nonsense' });
    await client.connection.sendNotification('workspace/didChangeConfiguration', null);
    await assertAlive(client, 'wrong-settings');
    await client.shutdown();
  });
});

describe('the language server in a workspace', () => {
  let workspace: string;
  const marker = (name: string) => join(workspace, `${name}.loaded`);
  const sideEffect = (name: string) => `require('node:fs').writeFileSync(${JSON.stringify(marker(name))}, 'x');\n`;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  };

  before(() => {
    workspace = mkdtempSync(join(tmpdir(), 'node-streams-workspace-'));
    // Every way a workspace could get its code run by a linter: its config, a plugin the config
    // loads, its own ESLint, a TypeScript plugin in its tsconfig.
    write('package.json', '{ "name": "untrusted", "type": "commonjs" }\n');
    write(
      'eslint.config.js',
      `${sideEffect('config')}const plugin = require('eslint-plugin-evil');\nmodule.exports = [{ plugins: { evil: plugin }, rules: { 'node-streams/no-unhandled-error': 'off' } }];\n`,
    );
    write('node_modules/eslint-plugin-evil/package.json', '{ "name": "eslint-plugin-evil", "main": "index.js" }\n');
    write('node_modules/eslint-plugin-evil/index.js', `${sideEffect('plugin')}module.exports = { rules: {} };\n`);
    write('node_modules/eslint/package.json', '{ "name": "eslint", "version": "9.0.0", "main": "index.js" }\n');
    write('node_modules/eslint/index.js', `${sideEffect('eslint')}module.exports = {};\n`);
    write('node_modules/ts-evil-plugin/package.json', '{ "name": "ts-evil-plugin", "main": "index.js" }\n');
    write('node_modules/ts-evil-plugin/index.js', `${sideEffect('typescript-plugin')}module.exports = () => ({ create: (info) => info.languageService });\n`);
    write('tsconfig.json', '{ "compilerOptions": { "strict": true, "allowJs": true, "plugins": [{ "name": "ts-evil-plugin" }] } }\n');
    write('src/read.js', unhandled);
    write('src/read.ts', "import fs from 'node:fs';\nconst input: fs.ReadStream = fs.createReadStream('in.txt');\ninput.resume();\n");
  });
  after(() => rmSync(workspace, { recursive: true, force: true }));

  const markers = () => ['config', 'plugin', 'eslint', 'typescript-plugin'].filter((name) => existsSync(marker(name)));

  it('untrusted, requires and imports nothing from the workspace', async (t) => {
    const client = await LanguageClient.start({ rootPath: workspace, settings: { typeAware: 'on' } }, t);
    for (const file of ['src/read.js', 'src/read.ts']) {
      const uri = pathToFileURL(join(workspace, file)).href;
      client.open(uri, readFileSync(join(workspace, file), 'utf8'), file.endsWith('.ts') ? 'typescript' : 'javascript');
      assert.deepEqual(codesOf(await client.diagnostics(uri)), [rule]);
    }
    // The typed pass, through the workspace's tsconfig, comes after the quick one.
    const typescriptUri = pathToFileURL(join(workspace, 'src/read.ts')).href;
    await client.until(
      () => client.published.filter((params) => params.uri === typescriptUri).length >= 2,
      'the typed pass over the workspace tsconfig',
    );
    await sleep(500);
    assert.deepEqual(markers(), []);
    await client.shutdown();
  });

  it('trusted, with a config that throws on load: says so and lints with the embedded config', async (t) => {
    rmSync(join(workspace, 'node_modules/eslint'), { recursive: true, force: true });
    write('eslint.config.js', `${sideEffect('config')}throw new Error('this config is broken on purpose');\n`);
    const client = await LanguageClient.start({ rootPath: workspace, initializationOptions: { workspaceTrusted: true } }, t);
    const uri = pathToFileURL(join(workspace, 'src/read.js')).href;
    client.open(uri, unhandled);
    assert.deepEqual(codesOf(await client.diagnostics(uri)), [rule]);
    // The control: trusted, the workspace's config does run, so the markers can be seen.
    assert.deepEqual(markers(), ['config']);
    const log = await client.until(() => client.logs.find((each) => /broken on purpose/.test(each.message)), 'a log message');
    assert.match(log.message, /could not load .*eslint\.config\.js, using the embedded config/);
    await client.shutdown();
  });
});

describe('the language server under load', () => {
  const edits = fullRun ? 2000 : 300;
  const files = fullRun ? 50 : 10;

  it(`answers ${edits} edits at typing speed with the latest version, dropping stale work`, async (t) => {
    const client = await LanguageClient.start({}, t);
    const uri = 'file:///load/typing.js';
    // Each edit types a newline at the top: version v reports the stream on line v + 1.
    client.open(uri, unhandled);
    await client.diagnostics(uri);
    const publishedBefore = client.published.filter((params) => params.uri === uri).length;
    for (let version = 2; version <= edits + 1; version++) {
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }],
      });
      // A fast typist: a key every 10 ms in the full run, faster still in npm test.
      await sleep(fullRun ? 10 : 2);
    }
    const last = await client.until(
      () => client.published.findLast((params) => params.uri === uri && params.version === edits + 1),
      'the last version',
    );
    assert.deepEqual(last.diagnostics.map((each) => [each.code, each.range.start.line]), [[rule, edits + 1]]);
    const published = client.published.filter((params) => params.uri === uri).slice(publishedBefore);
    const versions = published.map((params) => params.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'diagnostics of an older version came after a newer one');
    for (const params of published) {
      assert.deepEqual(params.diagnostics.map((each) => each.range.start.line), [params.version! ], 'diagnostics do not match their version');
    }
    t.diagnostic(`${edits} edits, ${published.length} publications`);
    assert.ok(published.length < edits / 2, `${published.length} publications for ${edits} edits: stale work is not dropped`);
    await client.shutdown();
  });

  it('answers every pull with the version it was asked about', async (t) => {
    const client = await LanguageClient.start({ pull: true }, t);
    const uri = 'file:///load/pulled.js';
    client.open(uri, unhandled);
    const pulls: Promise<[number, number[]]>[] = [];
    for (let version = 2; version <= edits / 2; version++) {
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }],
      });
      if (version % 7 === 0) {
        const asked = version;
        pulls.push(client.pullDiagnostics(uri).then((report) => [asked, report.items.map((each) => each.range.start.line)]));
      }
    }
    for (const [asked, lines] of await Promise.all(pulls)) assert.deepEqual(lines, [asked], `the pull after version ${asked}`);
    await client.shutdown();
  });

  it(`keeps its memory steady over rounds of ${files} open files`, async (t) => {
    const client = await LanguageClient.start({}, t);
    const rounds = fullRun ? 8 : 4;
    const memory: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const uris = Array.from({ length: files }, (_, index) => `file:///load/round/file-${index}.js`);
      for (const uri of uris) client.open(uri, `// round ${round}\n${unhandled.repeat(20)}`);
      for (let edit = 0; edit < 5; edit++) {
        for (const uri of uris) client.change(uri, `// round ${round} edit ${edit}\n${unhandled.repeat(20 + edit)}`);
      }
      for (const uri of uris) await client.diagnostics(uri);
      for (const uri of uris) client.close(uri);
      await client.until(() => client.published.at(-1)?.diagnostics.length === 0, 'the closed files cleared');
      memory.push(residentMemory(client.child.pid!));
    }
    t.diagnostic(`resident memory after each round (MB): ${memory.map((bytes) => Math.round(bytes / 2 ** 20)).join(', ')}`);
    // The first rounds warm up the engines; after that a leak grows with every round.
    const settled = memory[1];
    const growth = memory.at(-1)! - settled;
    assert.ok(growth < Math.max(40 * 2 ** 20, settled * 0.25), `memory grew by ${Math.round(growth / 2 ** 20)} MB after warming up`);
    await client.shutdown();
  });
});
