import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { Linter } from 'eslint';
import { embeddedConfig } from '../../rules/src/embedded-config.js';
import { describeProblems, lintText } from '../support/lint.js';
import { applyEdit, LanguageClient, rangeAt } from './lsp-client.js';

const internals = `function report(stream) {
  console.log(stream._readableState.length, stream._writableState.length);
}
`;

const chain = `const fs = require('fs');
const zlib = require('zlib');
function compress() {
  fs.createReadStream('a').pipe(zlib.createGzip()).pipe(fs.createWriteStream('a.gz'));
}
`;

const backup = `import { pipeline } from 'node:stream';
import fs from 'node:fs';
import zlib from 'node:zlib';

pipeline(fs.createReadStream(process.argv[2]), zlib.createGzip(), fs.createWriteStream(process.argv[3]), (error) => {
  if (error) console.error(error);
});
`;

describe('code actions', () => {
  let client: LanguageClient;
  before(async () => {
    client = await LanguageClient.start();
  });
  after(() => {
    if (client.child.exitCode === null) client.child.kill();
  });

  /** Opens the text and returns its diagnostics and the actions offered for the first one. */
  async function actionsOfFirstProblem(uri: string, text: string): Promise<{ diagnostics: Diagnostic[]; actions: CodeAction[] }> {
    client.open(uri, text);
    const diagnostics = await client.diagnostics(uri);
    const actions = await client.codeActions(uri, diagnostics[0].range, [diagnostics[0]], ['quickfix']);
    return { diagnostics, actions };
  }

  const outputOf = (uri: string, text: string, actions: CodeAction[], title: string) => {
    const action = actions.find((each) => each.title === title);
    assert.ok(action, `no action '${title}' in ${actions.map((each) => each.title).join(', ')}`);
    return applyEdit(text, uri, action.edit);
  };

  it('offers the fix (preferred), fix all, disable for line and file, and the docs', async () => {
    const uri = 'file:///project/internals.js';
    const { diagnostics, actions } = await actionsOfFirstProblem(uri, internals);
    assert.equal(diagnostics.length, 2);
    assert.deepEqual(
      actions.map((action) => [action.title, action.kind, action.isPreferred ?? false]),
      [
        ['Fix this node-streams/no-stream-internals problem', 'quickfix', true],
        ['Fix all node-streams/no-stream-internals problems in this file', 'quickfix', false],
        ['Disable node-streams/no-stream-internals for this line', 'quickfix', false],
        ['Disable node-streams/no-stream-internals for the entire file', 'quickfix', false],
        ['Show documentation for node-streams/no-stream-internals', 'quickfix', false],
      ],
    );
    assert.deepEqual(actions[0].diagnostics, [diagnostics[0]]);
    assert.equal(
      outputOf(uri, internals, actions, 'Fix this node-streams/no-stream-internals problem'),
      'function report(stream) {\n  console.log(stream.readableLength, stream._writableState.length);\n}\n',
    );
    assert.equal(
      outputOf(uri, internals, actions, 'Fix all node-streams/no-stream-internals problems in this file'),
      'function report(stream) {\n  console.log(stream.readableLength, stream.writableLength);\n}\n',
    );
    assert.equal(
      outputOf(uri, internals, actions, 'Disable node-streams/no-stream-internals for this line'),
      'function report(stream) {\n  // eslint-disable-next-line node-streams/no-stream-internals\n  console.log(stream._readableState.length, stream._writableState.length);\n}\n',
    );
    assert.equal(
      outputOf(uri, internals, actions, 'Disable node-streams/no-stream-internals for the entire file'),
      `/* eslint-disable node-streams/no-stream-internals */\n${internals}`,
    );
  });

  it('applies the fix as a minimal edit', async () => {
    const uri = 'file:///project/internals.js';
    const diagnostics = await client.diagnostics(uri);
    const [fix] = await client.codeActions(uri, diagnostics[0].range, [diagnostics[0]], ['quickfix']);
    assert.deepEqual(fix.edit?.changes?.[uri], [{ range: rangeAt(2, 22, 2, 38), newText: 'readableL' }]);
  });

  it('shows the documentation through the client', async () => {
    const uri = 'file:///project/internals.js';
    const diagnostics = await client.diagnostics(uri);
    const actions = await client.codeActions(uri, diagnostics[0].range, [diagnostics[0]]);
    const show = actions.find((action) => action.title.startsWith('Show documentation'))!;
    await client.connection.sendRequest('workspace/executeCommand', show.command);
    assert.deepEqual(client.shownDocuments, ['https://github.com/node-streams/node-streams/blob/main/rules/docs/no-stream-internals.md']);
  });

  it('fixes everything on save with source.fixAll.nodeStreams', async () => {
    const uri = 'file:///project/internals.js';
    const actions = await client.codeActions(uri, rangeAt(1, 1), [], ['source.fixAll']);
    assert.deepEqual(actions.map((action) => [action.title, action.kind]), [['Fix all node-streams problems', 'source.fixAll.nodeStreams']]);
    assert.equal(applyEdit(internals, uri, actions[0].edit), 'function report(stream) {\n  console.log(stream.readableLength, stream.writableLength);\n}\n');
    assert.deepEqual(await client.codeActions(uri, rangeAt(1, 1), [], ['source.organizeImports']), []);
  });

  it('fixes all as --fix does, pass after pass, where fixes of one pass overlap', async (t) => {
    // Both promisify fixes add their import after the file's imports: one pass can apply only one.
    const promisified = [
      "const util = require('node:util');",
      "const stream = require('node:stream');",
      '',
      'const pipelineAsync = util.promisify(stream.pipeline);',
      'const finishedAsync = util.promisify(stream.finished);',
      '',
      'module.exports = { pipelineAsync, finishedAsync };',
      '',
    ].join('\n');
    const strict = await LanguageClient.start({ initializationOptions: { settings: { config: 'strict' } } }, t);
    const uri = 'file:///project/promisified.js';
    strict.open(uri, promisified);
    assert.equal((await strict.diagnostics(uri)).length, 2);
    const [fixAll] = await strict.codeActions(uri, rangeAt(1, 1), [], ['source.fixAll']);
    const fixed = applyEdit(promisified, uri, fixAll.edit);
    const eslintFix = new Linter({ configType: 'flat' }).verifyAndFix(promisified, embeddedConfig('strict') as Linter.Config[], 'promisified.js');
    assert.equal(fixed, eslintFix.output);
    assert.equal(fixed.match(/require\('node:stream\/promises'\)/g)?.length, 2);
    assert.deepEqual(describeProblems(lintText(fixed, 'promisified.js', 'strict')), []);
  });

  it("offers each suggestion, and appends to an existing eslint-disable-next-line comment", async () => {
    const uri = 'file:///project/chain.js';
    const commented = chain.replace('  fs.createReadStream', '  // eslint-disable-next-line no-console -- a CLI\n  fs.createReadStream');
    const { actions } = await actionsOfFirstProblem(uri, commented);
    assert.deepEqual(actions.map((action) => action.title).slice(0, 2), [
      "Add an 'error' listener.",
      "Rewrite the chain with 'pipeline(…, callback)', which handles every error.",
    ]);
    assert.equal(
      outputOf(uri, commented, actions, "Add an 'error' listener."),
      commented.replace("fs.createReadStream('a')", "fs.createReadStream('a').on('error', (error) => console.error(error))"),
    );
    assert.equal(
      outputOf(uri, commented, actions, "Rewrite the chain with 'pipeline(…, callback)', which handles every error."),
      `const fs = require('fs');
const zlib = require('zlib');
const { pipeline } = require('stream');
function compress() {
  // eslint-disable-next-line no-console -- a CLI
  pipeline(fs.createReadStream('a'), zlib.createGzip(), fs.createWriteStream('a.gz'), (error) => {
    if (error) console.error(error);
  });
}
`,
    );
    assert.equal(
      outputOf(uri, commented, actions, 'Disable node-streams/no-unhandled-error for this line'),
      commented.replace('no-console -- a CLI', 'no-console, node-streams/no-unhandled-error -- a CLI'),
    );
  });

  it('converts any .pipe() chain to pipeline() as a refactor, reported or not', async () => {
    const uri = 'file:///project/gulp-like.js';
    const text = 'function build(src, dest) {\n  src.pipe(uglify()).pipe(dest);\n}\n';
    client.open(uri, text);
    assert.deepEqual(await client.diagnostics(uri), []);
    const actions = await client.codeActions(uri, rangeAt(2, 8), []);
    assert.deepEqual(actions.map((action) => [action.title, action.kind]), [['Convert .pipe() chain to pipeline()', 'refactor.rewrite']]);
    assert.equal(
      applyEdit(text, uri, actions[0].edit),
      "import { pipeline } from 'node:stream';\nfunction build(src, dest) {\n  pipeline(src, uglify(), dest, (error) => {\n    if (error) console.error(error);\n  });\n}\n",
    );
    const asyncText = 'export async function build(src, dest) {\n  src.pipe(dest);\n}\n';
    client.open('file:///project/async-chain.mjs', asyncText);
    await client.diagnostics('file:///project/async-chain.mjs');
    const forms = await client.codeActions('file:///project/async-chain.mjs', rangeAt(2, 3), [], ['refactor']);
    assert.deepEqual(forms.map((action) => action.title), ['Convert .pipe() chain to pipeline()', 'Convert .pipe() chain to await pipeline()']);
    assert.equal(
      applyEdit(asyncText, 'file:///project/async-chain.mjs', forms[1].edit),
      "import { pipeline } from 'node:stream/promises';\nexport async function build(src, dest) {\n  await pipeline(src, dest);\n}\n",
    );
    assert.deepEqual(await client.codeActions(uri, rangeAt(1, 1), [], ['refactor']), [], 'nothing away from the chain');
  });

  it('instruments a pipeline so that it passes our rules and runs, and removes the instrumentation', async (t) => {
    const uri = 'file:///project/backup.mjs';
    client.open(uri, backup);
    assert.deepEqual(await client.diagnostics(uri), []);
    const [instrument] = await client.codeActions(uri, rangeAt(5, 3), [], ['refactor.rewrite']);
    assert.equal(instrument.title, 'Instrument this pipeline');
    const instrumented = applyEdit(backup, uri, instrument.edit);
    assert.equal(
      instrumented.split('\n// node-streams instrumentation:')[0],
      `import { pipeline, Transform } from 'node:stream';
import fs from 'node:fs';
import zlib from 'node:zlib';

pipeline(fs.createReadStream(process.argv[2]), measureStage('fs.createReadStream(…) → zlib.createGzip()'), zlib.createGzip(), measureStage('zlib.createGzip() → fs.createWriteStream(…)'), fs.createWriteStream(process.argv[3]), (error) => {
  if (error) console.error(error);
});
`,
    );
    assert.deepEqual(describeProblems(lintText(instrumented, 'instrumented.mjs', 'all')), []);

    const directory = mkdtempSync(join(tmpdir(), 'node-streams-instrument-'));
    t.after(() => rmSync(directory, { recursive: true, force: true }));
    const input = Buffer.from('stream all the things\n'.repeat(20_000));
    writeFileSync(join(directory, 'input.txt'), input);
    writeFileSync(join(directory, 'backup.mjs'), instrumented);
    const run = spawnSync(process.execPath, ['backup.mjs', 'input.txt', 'output.gz'], { cwd: directory, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(gunzipSync(readFileSync(join(directory, 'output.gz'))), input);
    const reports = run.stderr.trim().split('\n');
    assert.equal(reports.length, 2, run.stderr);
    assert.match(reports[0], new RegExp(`^\\[pipeline fs\\.createReadStream\\(…\\) → zlib\\.createGzip\\(\\)\\] ${input.length} bytes, \\d+ chunks in [\\d.]+ s: \\d+ bytes/s, \\d+ chunks/s, \\d+ ms waiting on backpressure$`));
    assert.match(reports[1], /^\[pipeline zlib\.createGzip\(\) → fs\.createWriteStream\(…\)\] \d+ bytes, \d+ chunks/);

    const instrumentedUri = 'file:///project/instrumented.mjs';
    client.open(instrumentedUri, instrumented);
    await client.diagnostics(instrumentedUri);
    const offered = await client.codeActions(instrumentedUri, rangeAt(5, 3), [], ['refactor.rewrite']);
    assert.deepEqual(offered.map((action) => action.title), ['Remove instrumentation']);
    assert.equal(applyEdit(instrumented, instrumentedUri, offered[0].edit), backup);
  });

  it('instruments a multi-line TypeScript pipeline with typed, line-by-line insertions', async () => {
    const uri = 'file:///project/copy.mts';
    const text = `import { pipeline } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';

export async function copy(input: Readable, output: Writable, signal: AbortSignal) {
  await pipeline(
    input,
    output,
    { signal },
  );
}
`;
    client.open(uri, text, 'typescript');
    await client.diagnostics(uri);
    const [instrument] = await client.codeActions(uri, rangeAt(5, 12), [], ['refactor.rewrite']);
    const instrumented = applyEdit(text, uri, instrument.edit);
    assert.equal(
      instrumented.split('\n// node-streams instrumentation:')[0],
      `import { pipeline } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import { Transform } from 'node:stream';

export async function copy(input: Readable, output: Writable, signal: AbortSignal) {
  await pipeline(
    input,
    measureStage('input → output'),
    output,
    { signal },
  );
}
`,
    );
    assert.match(instrumented, /\nfunction measureStage\(label: string\) \{\n/);
    assert.deepEqual(describeProblems(lintText(instrumented, 'instrumented.mts', 'all')), []);
  });

  it('offers the instrumentation only at the expert level', async (t) => {
    const novice = await LanguageClient.start({ initializationOptions: { settings: { levels: ['novice', 'intermediate', 'advanced'] } } }, t);
    const uri = 'file:///project/backup.mjs';
    novice.open(uri, backup);
    await novice.diagnostics(uri);
    assert.deepEqual(await novice.codeActions(uri, rangeAt(5, 3), [], ['refactor']), []);
    assert.equal(await novice.shutdown(), 0);
  });
});
