/** Run with workspace trust on and the folder not trusted: the editor's restricted mode. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { waitForExactly } from '../support/diagnostics.js';
import { activateExtension, extensionId } from '../support/extension.js';
import { projectConfigWasLoaded, projectFile } from '../support/project.js';
import { closeAllEditors, expectedProblemsOf, openInEditor, workspaceUri } from '../support/workspace.js';

const download = expectedProblemsOf('examples/download.js');

describe('an untrusted workspace', () => {
  before(activateExtension);
  after(closeAllEditors);

  it('runs the extension in limited mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
  });

  it('refuses to run a program with the stream tracer, and says why', async () => {
    const editor = await openInEditor(workspaceUri('examples/order-export.mjs'));
    const outcome = (await vscode.commands.executeCommand('nodeStreams.runWithStreamTrace')) as { status: string; message?: string };
    assert.equal(outcome.status, 'refused');
    assert.match(outcome.message ?? '', /untrusted workspace/);
    assert.deepEqual(vscode.languages.getDiagnostics(editor.document.uri).filter((diagnostic) => diagnostic.source === 'node-streams trace'), []);
  });

  it("lints with the embedded rules and never runs the project's config", async () => {
    const editor = await openInEditor(workspaceUri(projectFile));
    await waitForExactly(editor.document.uri, download);
    assert.equal(projectConfigWasLoaded(), false, 'the config file of an untrusted project was run');
  });
});
