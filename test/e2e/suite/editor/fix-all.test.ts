import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { applyCodeAction, codeActionTitled } from '../support/code-actions.js';
import { waitForExactly } from '../support/diagnostics.js';
import { activateExtension } from '../support/extension.js';
import { setWorkspaceSetting } from '../support/settings.js';
import { closeAllEditors, openScratchFile } from '../support/workspace.js';

// prefer-stream-promises has a safe fix (`--fix` applies it): promisify(stream.pipeline) is
// exactly pipeline() of node:stream/promises.
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
const problems = ['4:23 node-streams/prefer-stream-promises', '5:23 node-streams/prefer-stream-promises'];
const fixedPipeline = "const { pipeline: pipelineAsync } = require('node:stream/promises');";
const fixedFinished = "const { finished: finishedAsync } = require('node:stream/promises');";
// As `--fix` leaves it: each import goes after the file's imports, and `util` and `stream` go
// once nothing uses them. The two fixes overlap, so it takes two passes.
const allFixed = [fixedPipeline, fixedFinished, '', 'module.exports = { pipelineAsync, finishedAsync };', ''].join('\n');

async function openPromisified(): Promise<vscode.TextEditor> {
  const editor = await openScratchFile(promisified);
  await waitForExactly(editor.document.uri, problems);
  return editor;
}

describe('safe fixes', () => {
  before(activateExtension);
  afterEach(() => setWorkspaceSetting('editor.codeActionsOnSave', undefined));
  after(closeAllEditors);

  it('fixes one problem with its quick fix', async () => {
    const { document } = await openPromisified();
    const [first] = await waitForExactly(document.uri, problems);
    await applyCodeAction(
      await codeActionTitled(document.uri, first!.range, 'Fix this node-streams/prefer-stream-promises problem', vscode.CodeActionKind.QuickFix),
    );
    assert.equal(document.lineAt(2).text, fixedPipeline);
    assert.equal(document.lineAt(4).text, 'const finishedAsync = util.promisify(stream.finished);');
    await waitForExactly(document.uri, [problems[1]!]);
  });

  it('fixes every problem of the rule with "Fix all … problems in this file"', async () => {
    const { document } = await openPromisified();
    const [first] = await waitForExactly(document.uri, problems);
    await applyCodeAction(
      await codeActionTitled(
        document.uri,
        first!.range,
        'Fix all node-streams/prefer-stream-promises problems in this file',
        vscode.CodeActionKind.QuickFix,
      ),
    );
    assert.equal(document.getText(), allFixed);
    await waitForExactly(document.uri, []);
  });

  it('fixes the file with the "Fix All Stream Problems" command', async () => {
    const { document } = await openPromisified();
    await vscode.commands.executeCommand('nodeStreams.fixAll');
    assert.equal(document.getText(), allFixed);
    await waitForExactly(document.uri, []);
  });

  it('fixes the file on save with source.fixAll.nodeStreams in editor.codeActionsOnSave', async () => {
    await setWorkspaceSetting('editor.codeActionsOnSave', { 'source.fixAll.nodeStreams': 'explicit' });
    const { document } = await openPromisified();
    // Saved the way a person saves (Ctrl+S): the save participants run.
    await vscode.commands.executeCommand('workbench.action.files.save');
    assert.equal(document.getText(), allFixed);
    assert.equal(document.isDirty, false);
    await waitForExactly(document.uri, []);
  });
});
