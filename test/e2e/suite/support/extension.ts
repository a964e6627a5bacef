import * as vscode from 'vscode';
import { readRepositoryFile } from './workspace.js';

const manifest = JSON.parse(readRepositoryFile('package.json')) as { publisher: string; name: string };

/** The extension under test, as the editor knows it: `publisher.name` from the root package.json. */
export const extensionId = `${manifest.publisher}.${manifest.name}`;

/** What the extension exports for tests (client/src/extension.ts). */
export interface NodeStreamsApi {
  serverProcessId(): number | undefined;
  whenRunning(): Promise<void>;
  streamTrace: {
    graphRendered(): { nodes: number; edges: number } | undefined;
    onDidRenderGraph: vscode.Event<{ nodes: number; edges: number }>;
  };
}

/** Activates the extension and waits for its language server. */
export async function activateExtension(): Promise<NodeStreamsApi> {
  const extension = vscode.extensions.getExtension<NodeStreamsApi>(extensionId);
  if (!extension) throw new Error(`the editor has no extension ${extensionId}`);
  const api = await extension.activate();
  await api.whenRunning();
  return api;
}
