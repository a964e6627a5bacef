import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { walkthroughSteps } from '../../../../client/src/walkthrough-steps.js';
import { applyCodeAction, codeActionsAt } from '../support/code-actions.js';
import { ourDiagnostics, ruleOf, waitForDiagnostics, waitForExactly } from '../support/diagnostics.js';
import { activateExtension, extensionId } from '../support/extension.js';
import { closeAllEditors, repositoryRoot } from '../support/workspace.js';

interface ManifestWalkthrough {
  id: string;
  steps: { id: string; description: string; media: { markdown?: string } }[];
}

/** The `command:` links of a step's description, as the walkthrough runs them. */
function commandLinks(description: string): { command: string; args: unknown[] }[] {
  return [...description.matchAll(/\(command:([\w.]+)(?:\?([^)]*))?\)/g)].map(([, command, query]) => ({
    command: command!,
    args: query ? (JSON.parse(decodeURIComponent(query)) as unknown[]) : [],
  }));
}

/** Runs a command that opens a new editor, and returns that editor. */
async function editorOpenedBy(command: string, args: unknown[]): Promise<vscode.TextEditor> {
  const opened = new Promise<vscode.TextEditor>((resolve) => {
    const subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor?.document.isUntitled) {
        subscription.dispose();
        resolve(editor);
      }
    });
  });
  await vscode.commands.executeCommand(command, ...args);
  return opened;
}

describe('the walkthrough', () => {
  let walkthrough: ManifestWalkthrough;
  before(async () => {
    await activateExtension();
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON as { contributes: { walkthroughs: ManifestWalkthrough[] } };
    walkthrough = manifest.contributes.walkthroughs[0]!;
  });
  after(closeAllEditors);

  it('is registered with one step per level, and opens', async () => {
    assert.deepEqual(walkthrough.steps.map((step) => step.id), walkthroughSteps.map((step) => step.level));
    for (const step of walkthrough.steps) {
      assert.ok(step.media.markdown && existsSync(join(repositoryRoot, step.media.markdown)), `${step.id}: its page exists`);
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${walkthrough.id}`, false);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab && !(tab.input instanceof vscode.TabInputText), `the walkthrough page is the active tab (${tab?.label})`);
  });

  for (const step of walkthroughSteps) {
    it(`${step.level}: its example shows ${step.rule}, its fix repairs it, its snippet shows nothing`, async () => {
      const links = commandLinks(walkthrough.steps.find((each) => each.id === step.level)!.description);
      const openExample = links.find((link) => link.command === 'nodeStreams.openExample');
      const showSnippet = links.find((link) => link.command === 'nodeStreams.showSnippet');
      assert.ok(openExample && showSnippet, `the step links its example and its snippet: ${JSON.stringify(links)}`);

      const example = await editorOpenedBy(openExample.command, openExample.args);
      const flagged = await waitForDiagnostics(example.document.uri, (diagnostics) => diagnostics.length > 0, 'the example flagged');
      const problem = flagged.find((diagnostic) => ruleOf(diagnostic) === `node-streams/${step.rule}`);
      assert.ok(problem, `${step.rule} among ${flagged.map(ruleOf)}`);
      // The fix the step tells the user to apply repairs the example.
      const fixes = await codeActionsAt(example.document.uri, problem.range, vscode.CodeActionKind.QuickFix);
      const fix = fixes.find((action) => action.title.startsWith(step.fix));
      assert.ok(fix, `a fix "${step.fix}…" among ${JSON.stringify(fixes.map((action) => action.title))}`);
      await applyCodeAction(fix);
      await waitForDiagnostics(
        example.document.uri,
        (diagnostics) => !diagnostics.some((diagnostic) => ruleOf(diagnostic) === `node-streams/${step.rule}`),
        `${step.rule} gone after "${fix.title}"`,
      );

      const snippet = await editorOpenedBy(showSnippet.command, showSnippet.args);
      assert.ok(snippet.document.lineCount > 3, 'the snippet is written in the new file');
      // A known bug appended: its problem alone shows that the file was linted and the snippet is clean.
      const end = snippet.document.lineAt(snippet.document.lineCount - 1).range.end;
      await snippet.edit((builder) => builder.insert(end, "\nrequire('node:fs').createReadStream('/missing');\n"));
      await waitForExactly(snippet.document.uri, [`${snippet.document.lineCount - 1}:1 node-streams/no-unhandled-error`]);
      assert.equal(ourDiagnostics(snippet.document.uri).length, 1);
    });
  }
});
