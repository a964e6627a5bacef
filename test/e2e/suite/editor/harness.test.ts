import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describe, it } from 'mocha';

describe('the editor the suite runs in', () => {
  it('is a real VS Code with the workspace open', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.equal(vscode.workspace.isTrusted, true);
  });
});
