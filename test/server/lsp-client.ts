/**
 * A real LSP client for the built server: spawns `server/out/server.js --stdio` and talks JSON-RPC
 * to it over its stdin and stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DocumentDiagnosticRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CancellationToken,
  type CodeAction,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const serverPath = fileURLToPath(new URL('../../server/out/server.js', import.meta.url));

export interface StartOptions {
  /** Diagnostics pulled by the client (LSP 3.17) instead of pushed by the server. */
  pull?: boolean;
  initializationOptions?: unknown;
  /** What `workspace/configuration` answers for `nodeStreams`; undefined: the client lacks it. */
  settings?: Record<string, unknown>;
  rootPath?: string;
  /** Another copy of the built server. */
  serverPath?: string;
  /** Whether the client can open a URL for the server (window/showDocument); true unless said. */
  showDocument?: boolean;
  /** Another way to start a server (an installed package's bin, `npx`), given `--stdio`. */
  command?: { file: string; args: string[]; cwd?: string; env?: NodeJS.ProcessEnv };
}

export interface LogMessage {
  type: number;
  message: string;
}

export class LanguageClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessage[] = [];
  readonly shownDocuments: string[] = [];
  /** What the server asked the client to show with window/showMessage. */
  readonly shownMessages: string[] = [];
  readonly statuses: { uri: string; state: string; message?: string }[] = [];
  refreshes = 0;
  settings: Record<string, unknown> | undefined;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private readonly waiters: (() => void)[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  /** Starts a server; `cleanup.after` (a test's context) stops it even when the test fails. */
  static async start(options: StartOptions = {}, cleanup?: { after(fn: () => void): void }): Promise<LanguageClient> {
    const command = options.command ?? { file: process.execPath, args: [options.serverPath ?? serverPath] };
    const child = spawn(command.file, [...command.args, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: command.cwd, env: command.env });
    cleanup?.after(() => {
      if (child.exitCode === null) child.kill();
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LanguageClient(child, connection);
    client.settings = options.settings;
    client.listen();
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.settings !== undefined,
        didChangeConfiguration: { dynamicRegistration: true },
        diagnostics: { refreshSupport: true },
      },
      window: { showDocument: { support: options.showDocument ?? true } },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        codeAction: { isPreferredSupport: true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
    };
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootPath ? pathToFileURL(options.rootPath).href : null,
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private listen(): void {
    const connection = this.connection;
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.notify();
    });
    connection.onNotification('window/showMessage', (params: LogMessage) => {
      this.shownMessages.push(params.message);
      this.notify();
    });
    connection.onNotification('window/logMessage', (params: LogMessage) => {
      this.logs.push(params);
      this.notify();
    });
    connection.onNotification('nodeStreams/status', (params: { uri: string; state: string; message?: string }) => {
      this.statuses.push(params);
      this.notify();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings ?? null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/showDocument', (params: { uri: string }) => {
      this.shownDocuments.push(params.uri);
      this.notify();
      return { success: true };
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes += 1;
      this.notify();
      return null;
    });
    connection.listen();
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves once `condition` holds, checked after each message from the server. */
  async until<T>(condition: () => T | undefined | false, what = 'a message'): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = condition();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        timer = setTimeout(resolve, 1000);
      });
      clearTimeout(timer);
    }
  }

  /** The diagnostics published for the document's current version. */
  diagnostics(uri: string): Promise<Diagnostic[]> {
    const version = this.versions.get(uri);
    return this.until(
      () => this.published.findLast((params) => params.uri === uri && params.version === version)?.diagnostics,
      `diagnostics of ${uri} v${version}`,
    );
  }

  open(uri: string, text: string, languageId = 'javascript'): void {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    this.versions.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.texts.get(uri)!;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  pullDiagnostics(uri: string, token?: CancellationToken): Promise<{ kind: string; items: Diagnostic[] }> {
    const params = { textDocument: { uri } };
    return (token ? this.connection.sendRequest(DocumentDiagnosticRequest.type, params, token) : this.connection.sendRequest(DocumentDiagnosticRequest.type, params)) as Promise<{
      kind: string;
      items: Diagnostic[];
    }>;
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { nodeStreams: settings } });
  }

  async shutdown(): Promise<number | null> {
    const exited = once(this.child, 'exit');
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const [code] = (await exited) as [number | null];
    this.connection.dispose();
    return code;
  }
}

/** The text after applying the edits of a code action to one document. */
export function applyEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  const edits: TextEdit[] = edit?.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'javascript', 1, text), edits);
}

/** A range from 1-based line and column pairs, as editors and ESLint print them. */
export function rangeAt(line: number, column: number, endLine = line, endColumn = column): Range {
  return { start: { line: line - 1, character: column - 1 }, end: { line: endLine - 1, character: endColumn - 1 } };
}
