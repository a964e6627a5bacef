/** One editor session: documents in, diagnostics and code actions out. */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  type CancellationToken,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeActionParams,
  type Connection,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from 'eslint-plugin-node-streams/version';
import { codeActionKinds, codeActionsFor } from './code-actions.js';
import { toDiagnostic } from './diagnostics.js';
import { lintPathOf } from './document-paths.js';
import { Linting, type LintOutcome } from './linting.js';
import { Refactors } from './refactors.js';
import {
  showDocumentationCommand,
  statusNotification,
  workspaceTrustNotification,
  type InitializationOptions,
  type StatusParams,
} from '../../protocol/src/messages.js';
import { resolveSettings, settingsSection, type NodeStreamsSettings } from '../../protocol/src/settings.js';
import { DocumentState, lintResults, type LintResults } from './document-state.js';
import { LintScheduler } from './lint-scheduler.js';
import { TypedPass } from './typed-pass.js';

/** How far from the cursor `pipe` must be written for refactors to be looked for. */
const refactorSearchLines = 30;

export class Session {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly refactors = new Refactors();
  /** One state per open document, created on open and dropped on close. */
  private readonly states = new Map<string, DocumentState>();
  private readonly scheduler = new LintScheduler(
    () => this.settings.timeBudgetMs,
    (uri) => void this.publish(uri),
  );
  private settings: NodeStreamsSettings = resolveSettings({});
  private settingsSource: SettingsSource = 'defaults';
  private settingsSourceLogged = false;
  private trusted = false;
  private pullDiagnostics = false;
  private canRefreshDiagnostics = false;
  private canAskConfiguration = false;
  private canShowDocument = false;
  private canRegister = { configuration: false, watchedFiles: false };
  private readonly linting: Linting;
  private readonly typedPass: TypedPass;

  constructor(private readonly connection: Connection) {
    this.linting = new Linting(this.settings, this.trusted, {
      warn: (message) => connection.console.warn(message),
      error: (message) => connection.console.error(message),
    });
    this.typedPass = new TypedPass(this.linting, {
      openDocument: (uri) => this.documents.get(uri),
      acceptTypedOutcome: (document, outcome) => this.acceptTypedOutcome(document, outcome),
      logError: (message) => connection.console.error(message),
    });
  }

  listen(): void {
    const connection = this.connection;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onDidChangeConfiguration((params) => void this.reloadSettings(params.settings));
    connection.onNotification(workspaceTrustNotification, (params) => {
      this.trusted = params?.trusted === true;
      this.applySettings();
    });
    connection.onDidChangeWatchedFiles(() => {
      this.linting.forgetProjects();
      this.forgetResults();
      this.relintAll();
    });
    connection.onCodeAction((params, token) => this.codeActions(params, token));
    connection.languages.diagnostics.on((params, token) => this.pullDiagnosticsFor(params, token));
    connection.onExecuteCommand(async (params) => {
      if (params.command !== showDocumentationCommand || typeof params.arguments?.[0] !== 'string') {
        throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
      }
      const uri = params.arguments[0];
      // A client without window/showDocument (Neovim, Helix) shows the address in a message.
      if (this.canShowDocument) await connection.window.showDocument({ uri, external: true });
      else await connection.sendNotification('window/showMessage', { type: MessageType.Info, message: `node-streams documentation: ${uri}` });
    });
    connection.onShutdown(async () => {
      for (const state of this.states.values()) state.cancelScheduled();
      await this.linting.stop();
    });
    // Opening a document fires onDidOpen, then onDidChangeContent: only the first one lints it.
    let opening: string | null = null;
    this.documents.onDidOpen((event) => {
      opening = event.document.uri;
      const reopened = this.states.get(opening);
      if (reopened) reopened.reopened();
      else this.states.set(opening, new DocumentState());
      this.lintSoon(event.document.uri, false);
    });
    this.documents.onDidChangeContent((event) => {
      const isOpening = opening === event.document.uri;
      opening = null;
      if (!isOpening && this.settings.run === 'onType') this.lintSoon(event.document.uri, true);
    });
    this.documents.onDidSave((event) => {
      if (this.settings.run !== 'onSave') return;
      const state = this.states.get(event.document.uri);
      if (state) state.results = null;
      // A pulling client (VS Code) pulls on edits, not on saves: ask it to pull again.
      if (this.pullDiagnostics && this.canRefreshDiagnostics) void this.connection.languages.diagnostics.refresh();
      this.lintSoon(event.document.uri, false);
    });
    this.documents.onDidClose((event) => this.forget(event.document.uri));
    this.documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const capabilities = params.capabilities;
    this.trusted = options.workspaceTrusted === true;
    const initial = settingsIn(options.settings);
    this.settings = resolveSettings(initial);
    if (initial !== undefined) this.settingsSource = 'initializationOptions.settings';
    this.pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    this.canRefreshDiagnostics = capabilities.workspace?.diagnostics?.refreshSupport === true;
    this.canAskConfiguration = capabilities.workspace?.configuration === true;
    this.canShowDocument = capabilities.window?.showDocument?.support === true;
    this.canRegister = {
      configuration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      watchedFiles: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    };
    this.linting.configure(this.settings, this.trusted);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds, resolveProvider: false },
        executeCommandProvider: { commands: [showDocumentationCommand] },
        ...(this.pullDiagnostics
          ? { diagnosticProvider: { identifier: 'node-streams', interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
      },
      serverInfo: { name: 'node-streams-language-server', version },
    };
  }

  private async initialized(): Promise<void> {
    try {
      // A client without dynamic registration still sends configuration changes, unasked.
      if (this.canRegister.configuration) {
        await this.connection.client.register(DidChangeConfigurationNotification.type, { section: settingsSection });
      }
      if (this.canRegister.watchedFiles) {
        await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/{eslint.config.*,tsconfig.json,jsconfig.json,package.json}' }],
        });
      }
    } catch (error) {
      this.connection.console.warn(`node-streams: could not register for changes: ${String(error)}`);
    }
    await this.reloadSettings(undefined);
  }

  /**
   * Settings from `workspace/configuration` when the client answers it, else from the
   * `workspace/didChangeConfiguration` notification, else those of the initialization options stay.
   */
  private async reloadSettings(pushed: unknown): Promise<void> {
    // Clients push all their settings: only the nodeStreams section is ours.
    let next: unknown = (pushed as Record<string, unknown> | null | undefined)?.[settingsSection] ?? undefined;
    let source: SettingsSource = 'workspace/didChangeConfiguration';
    if (this.canAskConfiguration) {
      try {
        const answered: unknown = await this.connection.workspace.getConfiguration(settingsSection);
        if (answered !== undefined && answered !== null) {
          next = answered;
          source = 'workspace/configuration';
        }
      } catch (error) {
        this.connection.console.warn(`node-streams: could not read the settings: ${String(error)}`);
      }
    }
    if (next !== undefined) this.settingsSource = source;
    this.logSettingsSource();
    if (next === undefined) return;
    const settings = resolveSettings(next);
    // The first answer usually repeats the initialization options: nothing to lint again then.
    if (JSON.stringify(settings) === JSON.stringify(this.settings)) return;
    this.settings = settings;
    this.applySettings();
  }

  /** Once, after initialization: where the settings came from, for whoever sets up an editor. */
  private logSettingsSource(): void {
    if (this.settingsSourceLogged) return;
    this.settingsSourceLogged = true;
    this.connection.console.info(
      this.settingsSource === 'defaults'
        ? 'node-streams: settings: the defaults (the client sent none)'
        : `node-streams: settings from ${this.settingsSource}`,
    );
  }

  private applySettings(): void {
    this.linting.configure(this.settings, this.trusted);
    this.forgetResults();
    this.relintAll();
  }

  private forgetResults(): void {
    for (const state of this.states.values()) state.results = null;
  }

  private relintAll(): void {
    if (this.pullDiagnostics) {
      if (this.canRefreshDiagnostics) void this.connection.languages.diagnostics.refresh();
      return;
    }
    for (const document of this.documents.all()) this.lintSoon(document.uri, false);
  }

  private forget(uri: string): void {
    this.states.get(uri)?.cancelScheduled();
    this.states.delete(uri);
    if (!this.pullDiagnostics) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Push mode: lints on the next turn, or once a burst of edits is over (see LintScheduler). */
  private lintSoon(uri: string, isEdit: boolean): void {
    const state = this.states.get(uri);
    if (this.pullDiagnostics || !state) return;
    this.scheduler.schedule(uri, state, isEdit);
  }

  private async publish(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    try {
      const results = await this.resultsOf(document);
      if (!this.isCurrent(document, results)) return;
      await this.connection.sendDiagnostics({ uri, version: results.version, diagnostics: results.diagnostics });
    } catch (error) {
      this.connection.console.error(`node-streams: ${(error as Error).stack ?? String(error)}`);
    }
  }

  /** The lint results for the document's current version, running the quick pass when there are none. */
  private resultsOf(document: TextDocument): Promise<LintResults> {
    const state = this.stateOf(document);
    const known = state.results;
    if (known?.version === document.version) return Promise.resolve(known);
    // In onSave mode the results of the last save stand until the next one.
    if (known && this.settings.run === 'onSave') return Promise.resolve(known);
    let running = state.running.get(document.version);
    if (!running) {
      const version = document.version;
      const run: Promise<LintResults> = this.runQuickPass(document, state).finally(() => {
        if (state.running.get(version) === run) state.running.delete(version);
      });
      running = run;
      state.running.set(version, run);
    }
    return running;
  }

  /** The open document's state; one the client never opened (a test's stray request) gets its own. */
  private stateOf(document: TextDocument): DocumentState {
    let state = this.states.get(document.uri);
    if (!state) {
      state = new DocumentState();
      this.states.set(document.uri, state);
    }
    return state;
  }

  /** The project's or the embedded config, without type information; a typed pass may follow. */
  private async runQuickPass(document: TextDocument, state: DocumentState): Promise<LintResults> {
    // The text is read now; the document may change while the engine works.
    const version = document.version;
    const skipped = this.skipReason(document);
    if (skipped) {
      this.sendStatus(state, { uri: document.uri, state: 'skipped', message: skipped });
      return this.remember(document, lintResults(version, [], []));
    }
    const outcome = await this.linting.lintQuickPass(document);
    if (state.status === 'skipped') this.sendStatus(state, { uri: document.uri, state: 'ok' });
    this.checkBudget(document, outcome);
    const results = this.remember(document, this.resultsFrom(document, outcome, version));
    this.typedPass.followQuickPass(document, outcome);
    return results;
  }

  private async acceptTypedOutcome(document: TextDocument, outcome: LintOutcome): Promise<void> {
    this.checkBudget(document, outcome);
    const results = this.remember(document, this.resultsFrom(document, outcome));
    if (this.pullDiagnostics) {
      if (this.canRefreshDiagnostics) await this.connection.languages.diagnostics.refresh();
    } else {
      await this.connection.sendDiagnostics({ uri: document.uri, version: results.version, diagnostics: results.diagnostics });
    }
  }

  private resultsFrom(document: TextDocument, outcome: LintOutcome, version = document.version): LintResults {
    return lintResults(
      version,
      outcome.messages,
      outcome.messages.map((message) => toDiagnostic(message, document, this.settings)),
    );
  }

  /** The same open document (not one opened again since) at the same version. */
  private isCurrent(document: TextDocument, results: LintResults): boolean {
    return this.documents.get(document.uri) === document && document.version === results.version;
  }

  private remember(document: TextDocument, results: LintResults): LintResults {
    const state = this.states.get(document.uri);
    if (state && this.isCurrent(document, results)) state.results = results;
    return results;
  }

  private skipReason(document: TextDocument): string | null {
    if (!this.settings.enable) return 'node-streams is disabled';
    const text = document.getText();
    const size = Buffer.byteLength(text);
    if (size > this.settings.maxFileSizeBytes) {
      return `not linted: ${size} bytes is more than nodeStreams.maxFileSizeBytes (${this.settings.maxFileSizeBytes})`;
    }
    if (text.slice(0, 8192).includes('\u0000')) return 'not linted: the file looks binary';
    return null;
  }

  private checkBudget(document: TextDocument, outcome: LintOutcome): void {
    const state = this.states.get(document.uri);
    if (state && outcome.engine !== 'typed') state.quickLintMs = outcome.durationMs;
    if (outcome.durationMs <= this.settings.timeBudgetMs) return;
    const message = `linting took ${Math.round(outcome.durationMs)} ms (${outcome.engine}), more than nodeStreams.timeBudgetMs (${this.settings.timeBudgetMs})`;
    this.connection.console.warn(`node-streams: ${lintPathOf(document)}: ${message}`);
    this.sendStatus(state, { uri: document.uri, state: 'slow', message });
  }

  private sendStatus(state: DocumentState | undefined, params: StatusParams): void {
    if (state) state.status = params.state;
    void this.connection.sendNotification(statusNotification, params);
  }

  private knownDocument(params: { textDocument?: { uri?: unknown } } | undefined): TextDocument {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri is missing');
    const document = this.documents.get(uri);
    if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `unknown document ${uri}`);
    return document;
  }

  private async pullDiagnosticsFor(params: DocumentDiagnosticParams, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    const document = this.knownDocument(params);
    await honourCancellation(token);
    const results = await this.resultsOf(document);
    await honourCancellation(token);
    // The same results as last time (a typed pass replaces the quick one under another id) need not be sent again.
    const resultId = results.resultId;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: results.diagnostics };
  }

  private async codeActions(params: CodeActionParams, token?: CancellationToken) {
    const document = this.knownDocument(params);
    if (!params.range || !params.context) throw new ResponseError(ErrorCodes.InvalidParams, 'range and context are required');
    await honourCancellation(token);
    const results = await this.resultsOf(document);
    await honourCancellation(token);
    const text = document.getText();
    const selection = { start: document.offsetAt(params.range.start), end: document.offsetAt(params.range.end) };
    // Editors ask for code actions at every cursor move: the file is parsed for refactors only
    // when `pipe` (a chain, `pipeline`, `pipelineAsync`…) is written near the cursor.
    const nearby = document.getText({
      start: { line: Math.max(params.range.start.line - refactorSearchLines, 0), character: 0 },
      end: { line: params.range.end.line + refactorSearchLines, character: 0 },
    });
    const refactors = () =>
      this.settings.enable && /pipe/i.test(nearby)
        ? this.refactors.find(text, lintPathOf(document), selection, this.settings.levels)
        : [];
    const relint = async (fixedText: string) =>
      (await this.linting.lintQuickPass(TextDocument.create(document.uri, document.languageId, document.version, fixedText))).messages;
    return codeActionsFor(document, params, results.messages, refactors, relint);
  }
}

type SettingsSource = 'workspace/configuration' | 'initializationOptions.settings' | 'workspace/didChangeConfiguration' | 'defaults';

/** The `nodeStreams` settings in what a client sent: wrapped in a `nodeStreams` object or not. */
function settingsIn(sent: unknown): unknown {
  if (sent === null || typeof sent !== 'object') return undefined;
  return settingsSection in sent ? (sent as Record<string, unknown>)[settingsSection] : sent;
}

/**
 * Lets a `$/cancelRequest` that has arrived be heard (the connection reads it on a later turn),
 * then answers a cancelled request as LSP asks.
 */
async function honourCancellation(token: CancellationToken | undefined): Promise<void> {
  if (!token) return;
  await new Promise((resolve) => setImmediate(resolve));
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}
