/** One editor session: documents in, diagnostics and code actions out. */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Linter } from 'eslint';
import { version } from '../../rules/src/version.js';
import { codeActionKinds, codeActionsFor } from './code-actions.js';
import { toDiagnostic } from './diagnostics.js';
import { lintPathOf } from './document-paths.js';
import { Linting, type LintOutcome } from './linting.js';
import { Refactors } from './refactors/index.js';
import {
  resolveSettings,
  settingsSection,
  showDocumentationCommand,
  statusNotification,
  workspaceTrustNotification,
  type InitializationOptions,
  type NodeStreamsSettings,
  type StatusParams,
  type WorkspaceTrustParams,
} from './settings.js';

/** How far from the cursor `pipe` must be written for refactors to be looked for. */
const refactorSearchLines = 30;

/** Edits closer together than this are one burst: only the state after the burst is linted. */
const burstWindowMs = 25;

interface LintState {
  version: number;
  messages: Linter.LintMessage[];
  diagnostics: Diagnostic[];
}

type Timer = { cancel(): void };

export class Session {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly refactors = new Refactors();
  private readonly states = new Map<string, LintState>();
  private readonly running = new Map<string, Promise<LintState>>();
  /** How often each document was opened: one opened again (no close between) is a new text at an old version. */
  private readonly openings = new Map<string, number>();
  private readonly timers = new Map<string, Timer>();
  private readonly lastChange = new Map<string, number>();
  /** The last status sent per document, so that the client hears when a skipped file is linted again. */
  private readonly statuses = new Map<string, StatusParams['state']>();
  private readonly stateIds = new WeakMap<LintState, number>();
  /** How long the last quick lint of each document took. */
  private readonly durations = new Map<string, number>();
  private nextStateId = 1;
  private settings: NodeStreamsSettings = resolveSettings({});
  private trusted = false;
  private pullDiagnostics = false;
  private canRefreshDiagnostics = false;
  private canAskConfiguration = false;
  private canShowDocument = false;
  private canRegister = { configuration: false, watchedFiles: false };
  private readonly linting: Linting;

  constructor(private readonly connection: Connection) {
    this.linting = new Linting(this.settings, this.trusted, {
      warn: (message) => connection.console.warn(message),
      error: (message) => connection.console.error(message),
    });
  }

  listen(): void {
    const connection = this.connection;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onDidChangeConfiguration((params) => void this.reloadSettings(params.settings));
    connection.onNotification(workspaceTrustNotification, (params: WorkspaceTrustParams) => {
      this.trusted = params?.trusted === true;
      this.applySettings();
    });
    connection.onDidChangeWatchedFiles(() => {
      this.linting.forgetProjects();
      this.states.clear();
      this.relintAll();
    });
    connection.onCodeAction((params) => this.codeActions(params));
    connection.languages.diagnostics.on((params) => this.pullDiagnosticsFor(params));
    connection.onExecuteCommand(async (params) => {
      if (params.command !== showDocumentationCommand || typeof params.arguments?.[0] !== 'string') {
        throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
      }
      const uri = params.arguments[0];
      if (this.canShowDocument) await connection.window.showDocument({ uri, external: true });
      else connection.console.info(`node-streams documentation: ${uri}`);
    });
    connection.onShutdown(async () => {
      for (const timer of this.timers.values()) timer.cancel();
      this.timers.clear();
      await this.linting.stop();
    });
    // Opening a document fires onDidOpen, then onDidChangeContent: only the first one lints it.
    let opening: string | null = null;
    this.documents.onDidOpen((event) => {
      opening = event.document.uri;
      this.states.delete(opening);
      this.openings.set(opening, (this.openings.get(opening) ?? 0) + 1);
      this.lintSoon(event.document.uri, false);
    });
    this.documents.onDidChangeContent((event) => {
      const isOpening = opening === event.document.uri;
      opening = null;
      if (!isOpening && this.settings.run === 'onType') this.lintSoon(event.document.uri, true);
    });
    this.documents.onDidSave((event) => {
      if (this.settings.run !== 'onSave') return;
      this.states.delete(event.document.uri);
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
    this.settings = resolveSettings(options.settings);
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

  /** Settings from `workspace/configuration` when the client has it, else from the notification. */
  private async reloadSettings(pushed: unknown): Promise<void> {
    let next: unknown = (pushed as Record<string, unknown> | undefined)?.[settingsSection];
    if (this.canAskConfiguration) {
      try {
        next = await this.connection.workspace.getConfiguration(settingsSection);
      } catch (error) {
        this.connection.console.warn(`node-streams: could not read the settings: ${String(error)}`);
      }
    }
    if (next === undefined || next === null) return;
    const settings = resolveSettings(next);
    // The first answer usually repeats the initialization options: nothing to lint again then.
    if (JSON.stringify(settings) === JSON.stringify(this.settings)) return;
    this.settings = settings;
    this.applySettings();
  }

  private applySettings(): void {
    this.linting.configure(this.settings, this.trusted);
    this.states.clear();
    this.relintAll();
  }

  private relintAll(): void {
    if (this.pullDiagnostics) {
      if (this.canRefreshDiagnostics) void this.connection.languages.diagnostics.refresh();
      return;
    }
    for (const document of this.documents.all()) this.lintSoon(document.uri, false);
  }

  private forget(uri: string): void {
    this.timers.get(uri)?.cancel();
    this.timers.delete(uri);
    this.states.delete(uri);
    this.lastChange.delete(uri);
    this.statuses.delete(uri);
    this.durations.delete(uri);
    if (!this.pullDiagnostics) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * Push mode: lints on the next turn, or, while edits come in a burst, once the burst is over;
   * a run for a version that is no longer current is dropped.
   */
  private lintSoon(uri: string, isEdit: boolean): void {
    if (this.pullDiagnostics) return;
    this.timers.get(uri)?.cancel();
    const now = performance.now();
    const last = this.lastChange.get(uri);
    if (isEdit) this.lastChange.set(uri, now);
    const run = () => {
      this.timers.delete(uri);
      void this.publish(uri);
    };
    // A file that takes longer than its budget is linted once typing pauses for that long.
    const slow = (this.durations.get(uri) ?? 0) > this.settings.timeBudgetMs;
    if (isEdit && slow) {
      const timeout = setTimeout(run, this.settings.timeBudgetMs);
      this.timers.set(uri, { cancel: () => clearTimeout(timeout) });
    } else if (isEdit && last !== undefined && now - last < burstWindowMs) {
      const timeout = setTimeout(run, burstWindowMs);
      this.timers.set(uri, { cancel: () => clearTimeout(timeout) });
    } else {
      const immediate = setImmediate(run);
      this.timers.set(uri, { cancel: () => clearImmediate(immediate) });
    }
  }

  private async publish(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    try {
      const state = await this.stateOf(document);
      if (!this.isCurrent(document, state)) return;
      await this.connection.sendDiagnostics({ uri, version: state.version, diagnostics: state.diagnostics });
    } catch (error) {
      this.connection.console.error(`node-streams: ${(error as Error).stack ?? String(error)}`);
    }
  }

  /** The lint results for the document's current version, linting it when there are none. */
  private stateOf(document: TextDocument): Promise<LintState> {
    const known = this.states.get(document.uri);
    if (known?.version === document.version) return Promise.resolve(known);
    // In onSave mode the results of the last save stand until the next one.
    if (known && this.settings.run === 'onSave') return Promise.resolve(known);
    const key = `${document.uri}#${this.openings.get(document.uri)}#${document.version}`;
    let running = this.running.get(key);
    if (!running) {
      running = this.lint(document).finally(() => this.running.delete(key));
      this.running.set(key, running);
    }
    return running;
  }

  private async lint(document: TextDocument): Promise<LintState> {
    // The text is read now; the document may change while the engine works.
    const version = document.version;
    const skipped = this.skipReason(document);
    if (skipped) {
      this.sendStatus({ uri: document.uri, state: 'skipped', message: skipped });
      return this.remember(document, { version, messages: [], diagnostics: [] });
    }
    const outcome = await this.linting.lint(document);
    if (this.statuses.get(document.uri) === 'skipped') this.sendStatus({ uri: document.uri, state: 'ok' });
    this.checkBudget(document, outcome);
    const state = this.remember(document, this.stateFrom(document, outcome, version));
    if (outcome.engine === 'embedded' && !outcome.messages.some((message) => message.fatal)) {
      const root = this.linting.typedRootFor(document);
      if (root) this.lintTypedLater(document, root);
    }
    return state;
  }

  private stateFrom(document: TextDocument, outcome: LintOutcome, version = document.version): LintState {
    return {
      version,
      messages: outcome.messages,
      diagnostics: outcome.messages.map((message) => toDiagnostic(message, document, this.settings)),
    };
  }

  /** The same open document (not one opened again since) at the same version. */
  private isCurrent(document: TextDocument, state: LintState): boolean {
    return this.documents.get(document.uri) === document && document.version === state.version;
  }

  private remember(document: TextDocument, state: LintState): LintState {
    if (this.isCurrent(document, state)) this.states.set(document.uri, state);
    return state;
  }

  /**
   * Type information comes after the quick results, which are already shown: typing never waits on
   * the type checker, and the typed results replace the quick ones if the text has not changed.
   */
  private lintTypedLater(document: TextDocument, root: string): void {
    const uri = document.uri;
    const version = document.version;
    setImmediate(() => {
      const current = this.documents.get(uri);
      if (current?.version !== version) return;
      void this.linting
        .lintTyped(current, root)
        .then(async (outcome) => {
          if (!outcome || this.documents.get(uri)?.version !== version) return;
          this.checkBudget(current, outcome);
          const state = this.remember(current, this.stateFrom(current, outcome));
          if (this.pullDiagnostics) {
            if (this.canRefreshDiagnostics) await this.connection.languages.diagnostics.refresh();
          } else {
            await this.connection.sendDiagnostics({ uri, version, diagnostics: state.diagnostics });
          }
        })
        .catch((error: unknown) => this.connection.console.error(`node-streams: typed lint failed: ${String(error)}`));
    });
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
    if (outcome.engine !== 'typed') this.durations.set(document.uri, outcome.durationMs);
    if (outcome.durationMs <= this.settings.timeBudgetMs) return;
    const message = `linting took ${Math.round(outcome.durationMs)} ms (${outcome.engine}), more than nodeStreams.timeBudgetMs (${this.settings.timeBudgetMs})`;
    this.connection.console.warn(`node-streams: ${lintPathOf(document)}: ${message}`);
    this.sendStatus({ uri: document.uri, state: 'slow', message });
  }

  private sendStatus(params: StatusParams): void {
    this.statuses.set(params.uri, params.state);
    void this.connection.sendNotification(statusNotification, params);
  }

  private knownDocument(params: { textDocument?: { uri?: unknown } } | undefined): TextDocument {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri is missing');
    const document = this.documents.get(uri);
    if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `unknown document ${uri}`);
    return document;
  }

  private nameState(state: LintState): number {
    const id = this.nextStateId++;
    this.stateIds.set(state, id);
    return id;
  }

  private async pullDiagnosticsFor(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const document = this.knownDocument(params);
    const state = await this.stateOf(document);
    // The same results as last time (a typed pass replaces the quick one under another id) need not be sent again.
    const resultId = `${state.version}:${this.stateIds.get(state) ?? this.nameState(state)}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: state.diagnostics };
  }

  private async codeActions(params: CodeActionParams) {
    const document = this.knownDocument(params);
    if (!params.range || !params.context) throw new ResponseError(ErrorCodes.InvalidParams, 'range and context are required');
    const state = await this.stateOf(document);
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
    return codeActionsFor(document, params, state.messages, refactors);
  }
}
