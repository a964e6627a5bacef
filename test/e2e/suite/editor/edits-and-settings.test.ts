import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { describeDiagnostics, ruleOf, waitForDiagnostics, waitForExactly } from '../support/diagnostics.js';
import { activateExtension } from '../support/extension.js';
import { plugin, ruleMeta } from '../support/plugin.js';
import { setWorkspaceSetting } from '../support/settings.js';
import { closeAllEditors, expectedProblemsOf, openExampleCopy } from '../support/workspace.js';

const download = expectedProblemsOf('examples/download.js');

/** `8:18 rule` → `9:18 rule`: where a problem is after `count` lines were added above it. */
function shifted(described: readonly string[], count: number): string[] {
  return described.map((entry) => entry.replace(/^(\d+):/, (_, line: string) => `${Number(line) + count}:`));
}

const ruleOfEntry = (entry: string) => entry.split(' ')[1]!;

async function insertLineAtTop(editor: vscode.TextEditor): Promise<void> {
  assert.equal(await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '\n')), true);
}

describe('edits and settings', () => {
  before(activateExtension);
  afterEach(async () => {
    for (const key of ['run', 'rules', 'levels', 'enable', 'config']) await setWorkspaceSetting(`nodeStreams.${key}`, undefined);
    await setWorkspaceSetting('nodeStreams.config', 'all');
  });
  after(closeAllEditors);

  it('follows edits as one types', async () => {
    const editor = await openExampleCopy('examples/download.js');
    await waitForExactly(editor.document.uri, download);
    await insertLineAtTop(editor);
    await waitForExactly(editor.document.uri, shifted(download, 1));
    // Deleting the problem's line takes the problem away.
    const line = Number(shifted(download, 1).find((entry) => entry.endsWith('prefer-pipeline'))!.split(':')[0]);
    assert.equal(await editor.edit((builder) => builder.delete(editor.document.lineAt(line - 1).rangeIncludingLineBreak)), true);
    await waitForExactly(
      editor.document.uri,
      shifted(download, 1).filter((entry) => ruleOfEntry(entry) !== 'node-streams/prefer-pipeline'),
    );
  });

  it('turns a rule off, and changes a severity, without a reload', async () => {
    const editor = await openExampleCopy('examples/download.js');
    await waitForExactly(editor.document.uri, download);
    await setWorkspaceSetting('nodeStreams.rules', { 'prefer-pipeline': 'off', 'no-unhandled-error': 'hint' });
    const diagnostics = await waitForExactly(
      editor.document.uri,
      download.filter((entry) => ruleOfEntry(entry) !== 'node-streams/prefer-pipeline'),
    );
    assert.deepEqual(
      diagnostics.map((diagnostic) => [ruleOf(diagnostic), diagnostic.severity]),
      diagnostics.map(() => ['node-streams/no-unhandled-error', vscode.DiagnosticSeverity.Hint]),
    );
  });

  it('shows only the rules of the chosen levels', async () => {
    const editor = await openExampleCopy('examples/download.js');
    await waitForExactly(editor.document.uri, download);
    const hidden = ruleMeta('node-streams/prefer-pipeline').docs.level;
    const shown = ['novice', 'intermediate', 'advanced', 'expert'].filter((level) => level !== hidden);
    await setWorkspaceSetting('nodeStreams.levels', shown);
    const expected = download.filter((entry) => shown.includes(ruleMeta(ruleOfEntry(entry)).docs.level));
    assert.ok(expected.length > 0 && expected.length < download.length, 'the level filter must hide some problems and keep others');
    await waitForExactly(editor.document.uri, expected);
  });

  it('uses the embedded config that is chosen', async () => {
    const editor = await openExampleCopy('examples/download.js');
    await waitForExactly(editor.document.uri, download);
    await setWorkspaceSetting('nodeStreams.config', 'recommended');
    const recommended = Object.keys(plugin.configs.recommended?.rules ?? {});
    const expected = download.filter((entry) => recommended.includes(ruleOfEntry(entry)));
    assert.ok(expected.length > 0 && expected.length < download.length, 'recommended must differ from all on this example');
    await waitForExactly(editor.document.uri, expected);
  });

  it('with run: onSave, lints when the file is saved, not as one types', async () => {
    await setWorkspaceSetting('nodeStreams.run', 'onSave');
    const editor = await openExampleCopy('examples/download.js');
    await waitForExactly(editor.document.uri, download);
    const afterEdit = nextDiagnosticsOf(editor.document.uri);
    await insertLineAtTop(editor);
    // The editor asks again after the edit; the answer is still the saved file's.
    assert.deepEqual(describeDiagnostics(await afterEdit), download);
    await vscode.commands.executeCommand('workbench.action.files.save');
    assert.equal(editor.document.isDirty, false);
    await waitForExactly(editor.document.uri, shifted(download, 1));
  });

  it('is switched off and on with enable', async () => {
    const editor = await openExampleCopy('examples/download.js');
    await waitForExactly(editor.document.uri, download);
    await setWorkspaceSetting('nodeStreams.enable', false);
    await waitForExactly(editor.document.uri, []);
    await setWorkspaceSetting('nodeStreams.enable', true);
    await waitForExactly(editor.document.uri, download);
  });
});

/** The diagnostics of `uri` at their next change, whatever they are. */
function nextDiagnosticsOf(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  let first = true;
  // The first check runs at once, before anything changed: skip it.
  return waitForDiagnostics(uri, () => (first ? ((first = false), false) : true), 'the next diagnostics change');
}
