/** The language status item: how files are linted, how long the last lint took, and what went wrong. */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import type { StatusParams } from '../../protocol/src/messages.js';
import { settingsSection } from '../../protocol/src/settings.js';
import { commandIds } from './command-ids.js';
import { documentSelector } from './language-server.js';

interface LintRecord {
  durationMs?: number;
  at: Date;
}

export class LanguageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('nodeStreams.status', documentSelector);
  private readonly lints = new Map<string, LintRecord>();
  private readonly problems = new Map<string, StatusParams>();
  private running = false;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.item.name = 'Node Streams';
    this.item.command = { title: 'Show Output', command: commandIds.showOutput };
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(settingsSection) && this.render()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.render()),
    ];
    this.render();
  }

  /** Times each diagnostics pull: the server lints on demand, so this is the lint as the user waits for it. */
  readonly middleware: Middleware = {
    provideDiagnostics: async (document, previousResultId, token, next) => {
      const started = performance.now();
      const report = await next(document, previousResultId, token);
      const uri = document instanceof vscode.Uri ? document : document.uri;
      this.recordLint(uri.toString(), performance.now() - started);
      return report;
    },
    handleDiagnostics: (uri, diagnostics, next) => {
      this.recordLint(uri.toString());
      next(uri, diagnostics);
    },
  };

  setRunning(running: boolean): void {
    this.running = running;
    this.render();
  }

  /** A `nodeStreams/status` notification: a file skipped, slow or failing. */
  onServerStatus(params: StatusParams): void {
    if (params.state === 'ok') this.problems.delete(params.uri);
    else this.problems.set(params.uri, params);
    this.render();
  }

  private recordLint(uri: string, durationMs?: number): void {
    this.lints.set(uri, { durationMs, at: new Date() });
    // A slow file stays flagged until a lint within the budget.
    const problem = this.problems.get(uri);
    const budget = vscode.workspace.getConfiguration(settingsSection).get<number>('timeBudgetMs') ?? Infinity;
    if (problem?.state === 'slow' && durationMs !== undefined && durationMs <= budget) this.problems.delete(uri);
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const problem = uri ? this.problems.get(uri) : undefined;
    const lint = uri ? this.lints.get(uri) : undefined;
    if (!this.running) {
      this.item.text = 'Node Streams: stopped';
      this.item.detail = 'The language server is not running';
      this.item.severity = vscode.LanguageStatusSeverity.Error;
      this.item.command = { title: 'Restart', command: commandIds.restartServer };
      return;
    }
    this.item.command = { title: 'Show Output', command: commandIds.showOutput };
    this.item.text = `Node Streams: ${lintingMode()}`;
    const timing = lint ? `last lint ${lint.durationMs === undefined ? '' : `${Math.round(lint.durationMs)} ms, `}at ${lint.at.toLocaleTimeString()}` : 'not linted yet';
    this.item.detail = problem?.message ? `${problem.message} · ${timing}` : timing;
    this.item.severity =
      problem?.state === 'slow' || problem?.state === 'error'
        ? vscode.LanguageStatusSeverity.Warning
        : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The mode the settings and trust ask for: the server falls back to the embedded config when a project has none. */
function lintingMode(): string {
  const settings = vscode.workspace.getConfiguration(settingsSection);
  if (settings.get('enable') === false) return 'disabled';
  const projectConfig = vscode.workspace.isTrusted && settings.get('useProjectConfig') !== 'never';
  const configName = settings.get<string>('config') ?? 'recommended';
  const base = projectConfig ? `project config or embedded ${configName}` : `embedded ${configName}`;
  const typeAware = settings.get<string>('typeAware') ?? 'auto';
  const types = typeAware === 'on' ? ', type-aware' : typeAware === 'auto' ? ', type-aware with a tsconfig' : '';
  return `${base}${types}${vscode.workspace.isTrusted ? '' : ' (restricted mode)'}`;
}
