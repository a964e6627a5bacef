import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { waitForExactly } from '../support/diagnostics.js';
import { activateExtension } from '../support/extension.js';
import { setWorkspaceSetting } from '../support/settings.js';
import { snippetLevels, snippetsOfLevel } from '../support/snippets.js';
import { closeAllEditors, openScratchFile } from '../support/workspace.js';

/** A line with a known bug: the proof that the file was linted after the snippet went in. */
const knownBug = "require('node:fs').createReadStream('/missing');";

async function appendKnownBug(editor: vscode.TextEditor): Promise<string> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  assert.equal(await editor.edit((builder) => builder.insert(end, `\n${knownBug}\n`)), true);
  return `${editor.document.lineCount - 1}:1 node-streams/no-unhandled-error`;
}

/** Our completion items: their label carries the level (`stream-read-file · Novice`). */
async function snippetCompletions(editor: vscode.TextEditor): Promise<vscode.CompletionItem[]> {
  const position = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
  return list.items.filter(
    (item) => item.kind === vscode.CompletionItemKind.Snippet && typeof item.label === 'object' && item.label.detail?.startsWith(' · '),
  );
}

describe('snippets', () => {
  before(activateExtension);
  afterEach(() => setWorkspaceSetting('nodeStreams.snippets.levels', undefined));
  after(closeAllEditors);

  it('completes the snippets of every level, and only of the levels chosen', async () => {
    const editor = await openScratchFile('stream-');
    const all = await snippetCompletions(editor);
    assert.deepEqual(
      all.map((item) => (item.label as vscode.CompletionItemLabel).label).sort(),
      snippetLevels.flatMap((level) => snippetsOfLevel(level).map((snippet) => snippet.prefix)).sort(),
    );
    for (const level of snippetLevels) {
      await setWorkspaceSetting('nodeStreams.snippets.levels', [level]);
      const items = await snippetCompletions(editor);
      const title = level[0]!.toUpperCase() + level.slice(1);
      assert.deepEqual(
        items.map((item) => `${(item.label as vscode.CompletionItemLabel).label}${(item.label as vscode.CompletionItemLabel).detail}`).sort(),
        snippetsOfLevel(level).map((snippet) => `${snippet.prefix} · ${title}`).sort(),
      );
    }
  });

  for (const level of snippetLevels) {
    it(`the picker command inserts the first ${level} snippet, which has no problems`, async () => {
      const snippet = snippetsOfLevel(level)[0]!;
      const editor = await openScratchFile('');
      await vscode.commands.executeCommand('nodeStreams.insertSnippet', snippet.name);
      const inserted = editor.document.getText();
      assert.ok(inserted.split('\n').length > 3, `the snippet ${snippet.name} was inserted: ${inserted}`);
      await waitForExactly(editor.document.uri, [await appendKnownBug(editor)]);
    });
  }
});
