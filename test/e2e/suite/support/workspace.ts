/** The workspace the runner prepared (fixtures plus a copy of examples/) and the repository beside it. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as vscode from 'vscode';

/** The repository: the suite is bundled to test/e2e/out/<pass>/. */
export const repositoryRoot = resolve(__dirname, '..', '..', '..', '..');

export function readRepositoryFile(relativePath: string): string {
  return readFileSync(resolve(repositoryRoot, relativePath), 'utf8');
}

/** The reviewed problems of every example (`line:column rule`), made with the `all` config. */
export function exampleExpectations(): Record<string, string[]> {
  return JSON.parse(readRepositoryFile('test/expectations/examples.json')) as Record<string, string[]>;
}

/** The reviewed problems of one example, which must have some. */
export function expectedProblemsOf(examplePath: string): string[] {
  const expected = exampleExpectations()[examplePath];
  if (!expected?.length) throw new Error(`test/expectations/examples.json has no problems for ${examplePath}`);
  return expected;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs a workspace folder');
  return folder.uri;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), relativePath);
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** A new file with this text in the workspace, open in an editor: tests that edit files get their own. */
export async function openScratchFile(text: string, extension = '.js'): Promise<vscode.TextEditor> {
  // Each test file bundles its own copy of this module: a counter would repeat names across files.
  const uri = workspaceUri(`scratch/${randomUUID().slice(0, 8)}${extension}`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  return openInEditor(uri);
}

/** A copy of an example under scratch/, open in an editor. */
export async function openExampleCopy(examplePath: string): Promise<vscode.TextEditor> {
  const text = Buffer.from(await vscode.workspace.fs.readFile(workspaceUri(examplePath))).toString('utf8');
  return openScratchFile(text, examplePath.slice(examplePath.lastIndexOf('.')));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
