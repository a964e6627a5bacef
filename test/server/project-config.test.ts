import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LanguageClient } from './lsp-client.js';

const plugin = pathToFileURL(new URL('../../rules/dist/index.mjs', import.meta.url).pathname).href;

/**
 * A project whose flat config turns on a rule the embedded default leaves off, at another
 * severity, adds a rule that throws, and leaves a marker file when it is loaded: proof that
 * workspace code ran.
 */
const config = `import { writeFileSync } from 'node:fs';
import nodeStreams from '${plugin}';

writeFileSync(new URL('./config-was-loaded', import.meta.url), 'yes');

const explodes = {
  meta: { type: 'problem', schema: [] },
  create() {
    return { CallExpression() { throw new Error('boom'); } };
  },
};

export default [
  nodeStreams.configs.recommended,
  {
    plugins: { local: { rules: { explodes } } },
    rules: { 'node-streams/no-unhandled-error': 'warn', 'node-streams/prefer-pipeline': 'error', 'local/explodes': 'error' },
  },
];
`;

const code = "const fs = require('fs');\nconst input = fs.createReadStream('a');\ninput.pipe(process.stdout);\n";

describe('project config', () => {
  let project: string;
  let marker: string;
  let uri: string;
  before(() => {
    project = mkdtempSync(join(tmpdir(), 'node-streams-project-'));
    marker = join(project, 'config-was-loaded');
    writeFileSync(join(project, 'eslint.config.mjs'), config);
    writeFileSync(join(project, 'copy.js'), code);
    uri = pathToFileURL(join(project, 'copy.js')).href;
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  const codesAndSeverities = (diagnostics: { code?: unknown; severity?: number }[]) =>
    diagnostics.map((each) => [each.code, each.severity]);

  it('in an untrusted workspace, loads nothing from it: embedded default only', async (t) => {
    const client = await LanguageClient.start({ rootPath: project }, t);
    client.open(uri, code);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(codesAndSeverities(diagnostics), [['node-streams/no-unhandled-error', DiagnosticSeverity.Error]]);
    // Code actions and refactors parse with the embedded parsers too.
    assert.ok((await client.codeActions(uri, diagnostics[0].range, diagnostics)).length > 0);
    assert.ok((await client.codeActions(uri, { start: { line: 2, character: 7 }, end: { line: 2, character: 7 } }, [])).length > 0);
    assert.equal(existsSync(marker), false, 'the workspace config was loaded');
    assert.equal(await client.shutdown(), 0);
  });

  it('in a trusted workspace, lints with the project config, isolating a rule that throws', async (t) => {
    const client = await LanguageClient.start({ rootPath: project, initializationOptions: { workspaceTrusted: true } }, t);
    client.open(uri, code);
    const expected = [
      ['node-streams/no-unhandled-error', DiagnosticSeverity.Warning],
      ['node-streams/prefer-pipeline', DiagnosticSeverity.Error],
    ];
    assert.deepEqual(codesAndSeverities(await client.diagnostics(uri)), expected);
    assert.equal(existsSync(marker), true);
    client.change(uri, `${code}\n`);
    assert.deepEqual(codesAndSeverities(await client.diagnostics(uri)), expected);
    const failures = client.logs.filter((log) => log.message.includes('local/explodes'));
    assert.equal(failures.length, 1, 'the failure is logged once');
    assert.match(failures[0].message, new RegExp(`rule local/explodes failed on ${join(project, 'copy.js').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    assert.match(failures[0].message, /boom/);
    assert.equal(await client.shutdown(), 0);
  });

  it('uses the embedded default when useProjectConfig is never, and the project once trust is granted', async (t) => {
    rmSync(marker, { force: true });
    const client = await LanguageClient.start({ rootPath: project, settings: {} }, t);
    client.open(uri, code);
    assert.deepEqual(codesAndSeverities(await client.diagnostics(uri)), [['node-streams/no-unhandled-error', DiagnosticSeverity.Error]]);
    const before = client.published.length;
    await client.connection.sendNotification('nodeStreams/workspaceTrust', { trusted: true });
    await client.until(() => client.published.length > before);
    assert.deepEqual(codesAndSeverities(client.published.at(-1)!.diagnostics), [
      ['node-streams/no-unhandled-error', DiagnosticSeverity.Warning],
      ['node-streams/prefer-pipeline', DiagnosticSeverity.Error],
    ]);
    const count = client.published.length;
    await client.changeSettings({ useProjectConfig: 'never' });
    await client.until(() => client.published.length > count);
    assert.deepEqual(codesAndSeverities(client.published.at(-1)!.diagnostics), [['node-streams/no-unhandled-error', DiagnosticSeverity.Error]]);
    assert.equal(await client.shutdown(), 0);
  });

  it('does not take trust from the workspace settings', async (t) => {
    rmSync(marker, { force: true });
    const client = await LanguageClient.start({ rootPath: project, settings: { workspaceTrusted: true, useProjectConfig: 'auto' } }, t);
    client.open(uri, code);
    assert.deepEqual(codesAndSeverities(await client.diagnostics(uri)), [['node-streams/no-unhandled-error', DiagnosticSeverity.Error]]);
    assert.equal(existsSync(marker), false);
    assert.equal(await client.shutdown(), 0);
  });
});
