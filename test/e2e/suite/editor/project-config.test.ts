import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { waitForExactly } from '../support/diagnostics.js';
import { activateExtension } from '../support/extension.js';
import { projectConfigWasLoaded, projectFile } from '../support/project.js';
import { closeAllEditors, expectedProblemsOf, openInEditor, workspaceUri } from '../support/workspace.js';

const download = expectedProblemsOf('examples/download.js');

describe("the project's own ESLint config, in a trusted workspace", () => {
  before(activateExtension);
  after(closeAllEditors);

  it('is loaded and decides which rules run', async () => {
    assert.equal(vscode.workspace.isTrusted, true);
    const editor = await openInEditor(workspaceUri(projectFile));
    // The project turns on prefer-pipeline alone; the embedded config would report all of `download`.
    await waitForExactly(editor.document.uri, download.filter((entry) => entry.endsWith(' node-streams/prefer-pipeline')));
    assert.equal(projectConfigWasLoaded(), true);
  });
});
