import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { waitForExactly } from '../support/diagnostics.js';
import { activateExtension, type NodeStreamsApi } from '../support/extension.js';
import { closeAllEditors, expectedProblemsOf, openExampleCopy } from '../support/workspace.js';


/** The exit of a process we do not own as a child: `kill(pid, 0)` fails once it is gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the language server process', () => {
  let api: NodeStreamsApi;
  before(async () => {
    api = await activateExtension();
  });
  after(closeAllEditors);

  it('is restarted when it is killed, and diagnostics come back', async () => {
    const editor = await openExampleCopy('examples/echo-server.js');
    const expected = expectedProblemsOf('examples/echo-server.js');
    await waitForExactly(editor.document.uri, expected);
    const killed = api.serverProcessId();
    assert.ok(killed !== undefined && isAlive(killed), 'a running server process');
    process.kill(killed, 'SIGKILL');
    // New problems after the crash can only come from a new server: edit in a second bug.
    const bug = "\nrequire('node:fs').createReadStream('/missing');\n";
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.equal(await editor.edit((builder) => builder.insert(end, bug)), true);
    const line = editor.document.lineCount - 1;
    await waitForExactly(editor.document.uri, [...expected, `${line}:1 node-streams/no-unhandled-error`]);
    const restarted = api.serverProcessId();
    assert.ok(restarted !== undefined && restarted !== killed && isAlive(restarted), `a new server process (was ${killed}, now ${restarted})`);
    assert.equal(isAlive(killed), false);
  });
});
