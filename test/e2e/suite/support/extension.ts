import * as vscode from 'vscode';
import { readRepositoryFile } from './workspace.js';

const manifest = JSON.parse(readRepositoryFile('package.json')) as { publisher: string; name: string };

/** The extension under test, as the editor knows it: `publisher.name` from the root package.json. */
export const extensionId = `${manifest.publisher}.${manifest.name}`;

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`the editor has no extension ${extensionId}`);
  await extension.activate();
  return extension;
}
