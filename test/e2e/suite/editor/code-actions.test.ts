import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { applyCodeAction, codeActionsAt, codeActionTitled } from '../support/code-actions.js';
import { ruleOf, waitForExactly } from '../support/diagnostics.js';
import { activateExtension } from '../support/extension.js';
import { closeAllEditors, expectedProblemsOf, openExampleCopy } from '../support/workspace.js';

/** The diagnostic of `rule` whose range starts at 1-based `line:column`, once it is shown. */
async function diagnosticAt(document: vscode.TextDocument, expected: readonly string[], where: string): Promise<vscode.Diagnostic> {
  const diagnostics = await waitForExactly(document.uri, expected);
  const [position, rule] = where.split(' ');
  const [line, column] = position!.split(':').map(Number);
  const found = diagnostics.find(
    (diagnostic) => ruleOf(diagnostic) === rule && diagnostic.range.start.isEqual(new vscode.Position(line! - 1, column! - 1)),
  );
  assert.ok(found, `a diagnostic ${where}`);
  return found;
}

/** The text of a document, with the lines from `from` to `to` (1-based, inclusive) only. */
function lines(document: vscode.TextDocument, from: number, to: number): string {
  return document.getText(new vscode.Range(from - 1, 0, to, 0));
}

const echoServer = expectedProblemsOf('examples/echo-server.js');
const download = expectedProblemsOf('examples/download.js');

describe('code actions', () => {
  before(activateExtension);
  after(closeAllEditors);

  it("adds an 'error' listener to a stream that has none", async () => {
    const { document } = await openExampleCopy('examples/echo-server.js');
    const diagnostic = await diagnosticAt(document, echoServer, '5:34 node-streams/no-unhandled-error');
    await applyCodeAction(await codeActionTitled(document.uri, diagnostic.range, "Add an 'error' listener.", vscode.CodeActionKind.QuickFix));
    assert.equal(
      lines(document, 5, 9),
      [
        'const server = net.createServer((socket) => {',
        "  socket.on('error', (error) => console.error(error));",
        "  socket.write('echo server\\r\\n');",
        '  socket.pipe(socket);',
        '});',
        '',
      ].join('\n'),
    );
    // With the listener in place, the self-pipe of an echo server is not reported either.
    await waitForExactly(document.uri, []);
  });

  it('rewrites a .pipe() chain with pipeline()', async () => {
    const { document } = await openExampleCopy('examples/download.js');
    const diagnostic = await diagnosticAt(document, download, '9:14 node-streams/prefer-pipeline');
    await applyCodeAction(await codeActionTitled(document.uri, diagnostic.range, "Rewrite the chain with 'pipeline(…, callback)'.", vscode.CodeActionKind.QuickFix));
    assert.equal(
      lines(document, 3, 16),
      [
        "const https = require('node:https');",
        "const fs = require('node:fs');",
        "const { pipeline } = require('node:stream');",
        '',
        'function download(url, path) {',
        '  https.get(url, (response) => {',
        '    const file = fs.createWriteStream(path);',
        '    pipeline(response, file, (error) => {',
        '      if (error) console.error(error);',
        '    });',
        '  });',
        '}',
        '',
        "download('https://example.com/archive.tar.gz', '/tmp/archive.tar.gz');",
        '',
      ].join('\n'),
    );
    await waitForExactly(document.uri, ['8:3 node-streams/no-unhandled-error']);
  });

  it('awaits a floating pipeline() promise', async () => {
    const { document } = await openExampleCopy('examples/archive-logs.mjs');
    const diagnostic = await diagnosticAt(document, expectedProblemsOf('examples/archive-logs.mjs'), '11:5 node-streams/no-floating-pipeline');
    await applyCodeAction(await codeActionTitled(document.uri, diagnostic.range, 'Await the promise.', vscode.CodeActionKind.QuickFix));
    assert.equal(
      lines(document, 11, 11),
      '    await pipeline(createReadStream(`${directory}/${name}`), createGzip(), createWriteStream(`${directory}/${name}.gz`));\n',
    );
    await waitForExactly(document.uri, []);
  });

  it('disables a rule for one line, then the problem is gone', async () => {
    const { document } = await openExampleCopy('examples/download.js');
    const diagnostic = await diagnosticAt(document, download, '9:14 node-streams/prefer-pipeline');
    await applyCodeAction(await codeActionTitled(document.uri, diagnostic.range, 'Disable node-streams/prefer-pipeline for this line', vscode.CodeActionKind.QuickFix));
    assert.equal(lines(document, 9, 10), '    // eslint-disable-next-line node-streams/prefer-pipeline\n    response.pipe(file);\n');
    await waitForExactly(document.uri, ['7:3 node-streams/no-unhandled-error', '8:18 node-streams/no-unhandled-error']);
  });

  it('disables a rule for the whole file, then its problems are gone', async () => {
    const { document } = await openExampleCopy('examples/echo-server.js');
    const diagnostic = await diagnosticAt(document, echoServer, '5:34 node-streams/no-unhandled-error');
    await applyCodeAction(await codeActionTitled(document.uri, diagnostic.range, 'Disable node-streams/no-unhandled-error for the entire file', vscode.CodeActionKind.QuickFix));
    assert.equal(lines(document, 1, 2), '/* eslint-disable node-streams/no-unhandled-error */\n// The echo server of many tutorials: the first client that resets its connection (ECONNRESET)\n');
    await waitForExactly(document.uri, ['8:10 node-streams/prefer-pipeline']);
  });

  it('offers the rule documentation as a command with the docs URL', async () => {
    const { document } = await openExampleCopy('examples/download.js');
    const diagnostic = await diagnosticAt(document, download, '9:14 node-streams/prefer-pipeline');
    const action = await codeActionTitled(document.uri, diagnostic.range, 'Show documentation for node-streams/prefer-pipeline', vscode.CodeActionKind.QuickFix);
    const link = typeof diagnostic.code === 'object' ? diagnostic.code.target.toString(true) : undefined;
    assert.deepEqual(action.command?.arguments, [link]);
  });

  it('refactors: converts a .pipe() chain to pipeline() where the cursor is', async () => {
    const { document } = await openExampleCopy('examples/static-server.js');
    await diagnosticAt(document, expectedProblemsOf('examples/static-server.js'), '16:10 node-streams/prefer-pipeline');
    const cursor = new vscode.Range(15, 9, 15, 9);
    await applyCodeAction(await codeActionTitled(document.uri, cursor, 'Convert .pipe() chain to pipeline()', vscode.CodeActionKind.RefactorRewrite));
    assert.equal(
      lines(document, 3, 23),
      [
        "const http = require('node:http');",
        "const fs = require('node:fs');",
        "const path = require('node:path');",
        "const { pipeline } = require('node:stream');",
        '',
        "const root = path.resolve(process.argv[2] ?? '.');",
        '',
        'http',
        '  .createServer((req, res) => {',
        '    const file = fs.createReadStream(path.join(root, path.normalize(req.url)));',
        "    file.on('error', () => {",
        '      res.statusCode = 404;',
        "      res.end('not found');",
        '    });',
        '    pipeline(file, res, (error) => {',
        '      if (error) console.error(error);',
        '    });',
        '  })',
        '  .listen(8080);',
        '',
      ].join('\n'),
    );
    await waitForExactly(document.uri, []);
  });

  it('refactors: instruments a pipeline, and removing the instrumentation gives the code back', async () => {
    const { document } = await openExampleCopy('examples/archive-logs.mjs');
    const original = document.getText();
    await diagnosticAt(document, expectedProblemsOf('examples/archive-logs.mjs'), '11:5 node-streams/no-floating-pipeline');
    const cursor = new vscode.Range(10, 6, 10, 6);
    await applyCodeAction(await codeActionTitled(document.uri, cursor, 'Instrument this pipeline', vscode.CodeActionKind.RefactorRewrite));
    assert.match(document.getText(), /pipeline\(createReadStream\(`\$\{directory\}\/\$\{name\}`\), measureStage\('createReadStream\(…\) → createGzip\(\)'\), createGzip\(\), measureStage\(/);
    const instrumented = document.positionAt(document.getText().indexOf('pipeline(createReadStream'));
    const there = new vscode.Range(instrumented, instrumented);
    const offered = (await codeActionsAt(document.uri, there, vscode.CodeActionKind.RefactorRewrite)).map((action) => action.title);
    const remove = offered.find((title) => /instrumentation/i.test(title));
    assert.ok(remove, `an action that removes the instrumentation; offered: ${JSON.stringify(offered)}`);
    await applyCodeAction(await codeActionTitled(document.uri, there, remove, vscode.CodeActionKind.RefactorRewrite));
    assert.equal(document.getText(), original);
  });
});
