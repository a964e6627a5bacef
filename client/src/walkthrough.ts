/** The walkthrough's commands: open a level's example, with its real bug, as a new untitled file. */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { walkthroughSteps } from './walkthrough-steps.js';

export async function openExample(extensionUri: vscode.Uri, level: unknown): Promise<void> {
  const step = walkthroughSteps.find((candidate) => candidate.level === level);
  if (!step) {
    void vscode.window.showErrorMessage(`No walkthrough example for the level ${String(level)}.`);
    return;
  }
  const content = readFileSync(vscode.Uri.joinPath(extensionUri, 'client', 'walkthrough', step.example).fsPath, 'utf8');
  // Untitled: the user edits and fixes a copy, never the extension's own file.
  const document = await vscode.workspace.openTextDocument({ language: 'javascript', content });
  await vscode.window.showTextDocument(document);
}
