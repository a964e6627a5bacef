/** The Node Streams extension: starts the language server and hosts the snippets, commands, walkthrough and stream trace. */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { statusNotification } from '../../protocol/src/messages.js';
import { commandIds } from './command-ids.js';
import { createLanguageClient } from './language-server.js';
import { LanguageStatus } from './language-status.js';
import { RestartPolicy } from './restart-policy.js';
import { showRuleDocumentation } from './rule-documentation.js';
import { loadSnippetLibrary } from './snippet-library.js';
import { pickAndInsertSnippet, registerSnippetCompletions, showSnippet } from './snippet-ui.js';
import { TraceGraphPanel, type GraphRendered } from './trace-graph-panel.js';
import { TraceResults } from './trace-results.js';
import { StreamTraceRunner, type TraceRunOutcome } from './trace-run.js';
import { openExample } from './walkthrough.js';

let client: LanguageClient | undefined;

/** What the extension exports, for the end-to-end tests (and other extensions). */
export interface NodeStreamsApi {
  /** The process id of the running language server. */
  serverProcessId(): number | undefined;
  /** Resolves when the language server is running. */
  whenRunning(): Promise<void>;
  /** The stream trace: run it as the command does, and what the graph webview drew. */
  streamTrace: {
    run(target?: unknown): Promise<TraceRunOutcome>;
    graphRendered(): GraphRendered | undefined;
    onDidRenderGraph: vscode.Event<GraphRendered>;
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<NodeStreamsApi> {
  const output = vscode.window.createOutputChannel('Node Streams', { log: true });
  const status = new LanguageStatus();
  const restarts = new RestartPolicy();
  const languageClient = createLanguageClient(context, output, restarts, status.middleware);
  client = languageClient;
  const snippets = loadSnippetLibrary(context.extensionPath);
  const traceResults = new TraceResults();
  const traceGraph = new TraceGraphPanel(context.extensionUri);
  const traceRunner = new StreamTraceRunner(context, traceResults, traceGraph, output);

  context.subscriptions.push(
    output,
    status,
    languageClient.onDidChangeState((event) => status.setRunning(event.newState === State.Running)),
    languageClient.onNotification(statusNotification, (params) => status.onServerStatus(params)),
    registerSnippetCompletions(snippets),
    vscode.commands.registerCommand(commandIds.insertSnippet, (name?: unknown) => pickAndInsertSnippet(snippets, name)),
    vscode.commands.registerCommand(commandIds.fixAll, () => fixAll()),
    vscode.commands.registerCommand(commandIds.showRuleDocumentation, (rule?: unknown) => showRuleDocumentation(rule)),
    vscode.commands.registerCommand(commandIds.restartServer, async () => {
      restarts.reset();
      output.info('Restarting the server, as asked.');
      await languageClient.restart();
    }),
    vscode.commands.registerCommand(commandIds.showOutput, () => output.show(true)),
    traceResults,
    traceGraph,
    vscode.commands.registerCommand(commandIds.runWithStreamTrace, (target?: unknown) => traceRunner.run(target)),
    vscode.commands.registerCommand(commandIds.clearStreamTrace, () => {
      traceResults.clear();
      traceGraph.clear();
    }),
    vscode.commands.registerCommand(commandIds.showStreamTraceGraph, () => traceGraph.reveal()),
    vscode.commands.registerCommand(commandIds.openExample, (level: unknown) => openExample(context.extensionUri, level)),
    vscode.commands.registerCommand(commandIds.showSnippet, (name: unknown, language?: string) => showSnippet(snippets, name, language)),
  );

  const running = languageClient.start().catch((error: unknown) => {
    output.error(`The Node Streams server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage('The Node Streams server did not start; see "Node Streams: Show Output".');
  });
  return {
    serverProcessId: () => languageClient.serverProcess?.pid,
    whenRunning: () => running.then(() => undefined),
    streamTrace: {
      run: (target) => traceRunner.run(target),
      graphRendered: () => traceGraph.lastRendered(),
      onDidRenderGraph: traceGraph.onDidRender,
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** "Fix All Stream Problems": the server's `source.fixAll.nodeStreams` action, applied to the active file. */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const document = editor.document;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, 'source.fixAll.nodeStreams')) ?? [];
  const fixes = actions.filter((action) => action.kind?.value === 'source.fixAll.nodeStreams' && action.edit);
  if (fixes.length === 0) {
    void vscode.window.setStatusBarMessage('Node Streams: nothing to fix automatically in this file', 3000);
    return;
  }
  for (const action of fixes) if (action.edit) await vscode.workspace.applyEdit(action.edit);
}
