/** Starts the bundled language server over IPC, with settings and workspace trust, and restarts it on crashes. */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { workspaceTrustNotification, type InitializationOptions } from '../../protocol/src/messages.js';
import { settingsSection } from '../../protocol/src/settings.js';
import { serverSettingsFrom } from './client-settings.js';
import { RestartPolicy } from './restart-policy.js';

/** The languages the server lints, on disk and untitled. */
export const lintedLanguages = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];
export const documentSelector = lintedLanguages.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  restarts: RestartPolicy,
  middleware: Middleware,
): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'server', 'out', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    middleware,
    synchronize: { configurationSection: settingsSection },
    // A function: a restart (after trust is granted, say) passes what holds then.
    initializationOptions: (): InitializationOptions => ({
      workspaceTrusted: vscode.workspace.isTrusted,
      settings: serverSettingsFrom((key) => vscode.workspace.getConfiguration(settingsSection).get(key)),
    }),
    errorHandler: {
      error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () => {
        const decision = restarts.onCrash();
        output.error(decision.message);
        return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, message: decision.message };
      },
    },
  };
  const client = new LanguageClient('nodeStreams', 'Node Streams', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (client.isRunning()) void client.sendNotification(workspaceTrustNotification, { trusted: true });
    }),
  );
  return client;
}
