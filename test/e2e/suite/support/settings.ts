/** Changing the extension's settings the way a user does, in the workspace's settings file. */
import * as vscode from 'vscode';

export async function setWorkspaceSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Runs `body` with the setting changed, then puts back what the workspace had. */
export async function withWorkspaceSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const previous = vscode.workspace.getConfiguration().inspect(key)?.workspaceValue;
  await setWorkspaceSetting(key, value);
  try {
    return await body();
  } finally {
    await setWorkspaceSetting(key, previous);
  }
}
