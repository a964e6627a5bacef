/** Code actions as the editor asks for them (`vscode.executeCodeActionProvider`), and applying one. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind?: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind?.value)) ?? [];
}

/** The one action with this title at the range (a refactor); fails listing the titles that were offered. */
export async function codeActionTitled(uri: vscode.Uri, range: vscode.Range, title: string, kind?: vscode.CodeActionKind): Promise<vscode.CodeAction> {
  return onlyOne(await codeActionsAt(uri, range, kind), title);
}

function onlyOne(actions: vscode.CodeAction[], title: string): vscode.CodeAction {
  const matching = actions.filter((action) => action.title === title);
  assert.equal(matching.length, 1, `one action "${title}" expected; offered: ${JSON.stringify(actions.map((action) => action.title))}`);
  return matching[0]!;
}

/** Applies the action as the editor does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.equal(await vscode.workspace.applyEdit(action.edit), true, `the edit of "${action.title}" was applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}
