/**
 * "Run with Stream Trace": runs the active file or an `npm run` script as a task (or a launch
 * configuration with `"nodeStreamsTrace": true`) with the tracer in NODE_OPTIONS, each traced
 * process writing its trace into a directory of the extension's storage, then shows the traces.
 * In an untrusted workspace nothing runs: running the workspace's code is what trust is about.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { isUnderFolders, readTraceDirectory, type Trace } from './stream-trace.js';
import { traceLaunchAttribute, traceTaskType } from './trace-contributions.js';
import type { TraceGraphPanel } from './trace-graph-panel.js';
import type { TraceResults } from './trace-results.js';

/** `tasks.json`: `{ "type": "node-streams-trace", "script": "start" }` or `{ …, "file": "app.js" }`. */
interface TraceTaskDefinition extends vscode.TaskDefinition {
  script?: string;
  file?: string;
}

/** What a run of the command came to; the e2e tests read it. */
export interface TraceRunOutcome {
  status: 'refused' | 'cancelled' | 'finished';
  message?: string;
  exitCode?: number;
  traces: number;
  findings: number;
}

export const untrustedMessage =
  'Node Streams: "Run with Stream Trace" runs the workspace\'s code, so it is off in an untrusted workspace. Trust the workspace to trace its streams.';

type Target = { kind: 'file'; file: string; folder?: vscode.WorkspaceFolder } | { kind: 'script'; script: string; folder: vscode.WorkspaceFolder };

export class StreamTraceRunner implements vscode.TaskProvider, vscode.DebugConfigurationProvider {
  private readonly waiting = new Map<string, (exitCode: number | undefined) => void>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly results: TraceResults,
    private readonly graph: TraceGraphPanel,
    private readonly output: vscode.LogOutputChannel,
  ) {
    context.subscriptions.push(
      vscode.tasks.registerTaskProvider(traceTaskType, this),
      vscode.debug.registerDebugConfigurationProvider('node', this),
      vscode.tasks.onDidStartTaskProcess((event) => {
        const directory = this.directoryOfTask(event.execution.task);
        // A run started from "Run Task" rather than the command starts from an empty directory too.
        if (directory && !this.waiting.has(directory)) emptyDirectory(directory);
      }),
      vscode.tasks.onDidEndTaskProcess((event) => void this.onTaskEnded(event.execution.task, event.exitCode)),
      // A task whose process never started (no `node` on PATH) ends without a process end.
      vscode.tasks.onDidEndTask((event) => {
        const directory = this.directoryOfTask(event.execution.task);
        if (directory) this.waiting.get(directory)?.(undefined);
      }),
      vscode.debug.onDidTerminateDebugSession((session) => {
        const file = (session.configuration.env as Record<string, string> | undefined)?.NODE_STREAMS_TRACE_FILE;
        if (session.configuration[traceLaunchAttribute] === true && file) void this.present(dirname(file), session.name);
      }),
    );
  }

  /** The command: `target` is a file URI (explorer, editor title), `{ file }` or `{ script, folder? }`. */
  async run(target?: unknown): Promise<TraceRunOutcome> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(untrustedMessage);
      return { status: 'refused', message: untrustedMessage, traces: 0, findings: 0 };
    }
    const chosen = targetOf(target) ?? (await this.pickTarget());
    if (!chosen) return { status: 'cancelled', traces: 0, findings: 0 };
    const task = this.taskFor(chosen);
    const directory = this.directoryOfTask(task)!;
    emptyDirectory(directory);
    const ended = new Promise<number | undefined>((resolve) => this.waiting.set(directory, resolve));
    try {
      await vscode.tasks.executeTask(task);
      const exitCode = await ended;
      const shown = await this.present(directory, task.name);
      return { status: 'finished', exitCode, ...shown };
    } finally {
      this.waiting.delete(directory);
    }
  }

  provideTasks(): vscode.Task[] {
    if (!vscode.workspace.isTrusted) return [];
    return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) =>
      Object.keys(npmScriptsOf(folder)).map((script) => this.taskFor({ kind: 'script', script, folder })),
    );
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as TraceTaskDefinition;
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (typeof definition.script === 'string' && folder) return this.taskFor({ kind: 'script', script: definition.script, folder }, definition);
    if (typeof definition.file === 'string') {
      const file = folder && !/^([\\/]|[a-zA-Z]:)/.test(definition.file) ? join(folder.uri.fsPath, definition.file) : definition.file;
      return this.taskFor({ kind: 'file', file, folder }, definition);
    }
    return undefined;
  }

  /** A `node` launch configuration with `"nodeStreamsTrace": true` runs with the tracer too. */
  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, configuration: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    if (configuration[traceLaunchAttribute] !== true) return configuration;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(untrustedMessage);
      return undefined;
    }
    const directory = this.runDirectory(`launch:${configuration.name}`);
    emptyDirectory(directory);
    const env = { ...(configuration.env as Record<string, string> | undefined) };
    return { ...configuration, env: { ...env, ...this.tracerEnvironment(directory, env.NODE_OPTIONS) } };
  }

  /** Reads the traces of a run and shows them: diagnostics, code lenses and the graph. */
  async present(directory: string, title: string): Promise<{ traces: number; findings: number }> {
    const entries = readTraceDirectory(directory);
    const traces: Trace[] = [];
    for (const entry of entries) {
      if ('trace' in entry) traces.push(entry.trace);
      else this.output.warn(`Skipped ${entry.file}: ${entry.problem}`);
    }
    if (traces.length === 0) {
      void vscode.window.showWarningMessage(`Node Streams: "${title}" wrote no stream trace: it ran no Node process, or it did not start (see the terminal).`);
      return { traces: 0, findings: 0 };
    }
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
    const isProgramFile = isUnderFolders(folders);
    const findings = this.results.show(traces, isProgramFile);
    this.output.info(`Stream trace of "${title}": ${traces.length} process(es), ${findings} finding(s) in the workspace (${directory}).`);
    this.graph.show(traces, isProgramFile, title);
    void vscode.window.setStatusBarMessage(`Node Streams: stream trace of "${title}": ${findings} finding${findings === 1 ? '' : 's'}`, 5000);
    return { traces: traces.length, findings };
  }

  private async onTaskEnded(task: vscode.Task, exitCode: number | undefined): Promise<void> {
    const directory = this.directoryOfTask(task);
    if (!directory) return;
    const waiting = this.waiting.get(directory);
    // The command presents its own run once it has the exit code; a task from "Run Task" is presented here.
    if (waiting) waiting(exitCode);
    else await this.present(directory, task.name);
  }

  private async pickTarget(): Promise<Target | undefined> {
    const editor = vscode.window.activeTextEditor;
    const file = editor && editor.document.uri.scheme === 'file' && /\.[cm]?[jt]sx?$/.test(editor.document.fileName) ? editor.document.uri : undefined;
    type Item = vscode.QuickPickItem & { target: Target };
    const items: Item[] = [];
    if (file) items.push({ label: `$(file-code) ${vscode.workspace.asRelativePath(file)}`, description: 'the active file', target: { kind: 'file', file: file.fsPath, folder: vscode.workspace.getWorkspaceFolder(file) } });
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const [script, command] of Object.entries(npmScriptsOf(folder))) {
        items.push({ label: `$(package) npm run ${script}`, description: (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? folder.name : undefined, detail: command, target: { kind: 'script', script, folder } });
      }
    }
    if (items.length === 0) {
      void vscode.window.showErrorMessage('Node Streams: open a JavaScript or TypeScript file, or add npm scripts to package.json, to run it with the stream tracer.');
      return undefined;
    }
    if (items.length === 1) return items[0].target;
    return (await vscode.window.showQuickPick(items, { placeHolder: 'Run with the stream tracer', matchOnDetail: true }))?.target;
  }

  private taskFor(target: Target, definition?: TraceTaskDefinition): vscode.Task {
    const folder = target.folder ?? vscode.workspace.workspaceFolders?.[0];
    const key = target.kind === 'file' ? `file:${target.file}` : `script:${target.folder.uri.fsPath}:${target.script}`;
    const directory = this.runDirectory(key);
    const env = this.tracerEnvironment(directory, process.env.NODE_OPTIONS);
    const cwd = folder?.uri.fsPath ?? (target.kind === 'file' ? dirname(target.file) : undefined);
    const execution =
      target.kind === 'file'
        ? new vscode.ProcessExecution('node', [target.file], { cwd, env })
        : new vscode.ShellExecution('npm', ['run', target.script], { cwd, env });
    const name = target.kind === 'file' ? `trace ${vscode.workspace.asRelativePath(target.file)}` : `trace npm run ${target.script}`;
    const taskDefinition: TraceTaskDefinition = definition ?? (target.kind === 'file' ? { type: traceTaskType, file: target.file } : { type: traceTaskType, script: target.script });
    const task = new vscode.Task(taskDefinition, folder ?? vscode.TaskScope.Workspace, name, 'Node Streams', execution);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
    return task;
  }

  /** The run directory named in a task's environment: only our tasks have one. */
  private directoryOfTask(task: vscode.Task): string | undefined {
    if (task.definition.type !== traceTaskType) return undefined;
    const execution = task.execution as vscode.ProcessExecution | vscode.ShellExecution | undefined;
    const file = execution?.options?.env?.NODE_STREAMS_TRACE_FILE;
    return file ? dirname(file) : undefined;
  }

  /** One directory per target in the extension's storage: a run replaces the previous run's traces. */
  private runDirectory(key: string): string {
    const storage = (this.context.storageUri ?? this.context.globalStorageUri).fsPath;
    return join(storage, 'stream-traces', createHash('sha256').update(key).digest('hex').slice(0, 16));
  }

  private tracerEnvironment(directory: string, nodeOptions: string | undefined): Record<string, string> {
    const tracer = this.context.asAbsolutePath(join('client', 'out', 'stream-tracer.cjs'));
    return {
      // --require loads the tracer before ES module and CommonJS entry points alike.
      NODE_OPTIONS: `${nodeOptions ?? ''} --require "${tracer}"`.trim(),
      NODE_STREAMS_TRACE_FILE: join(directory, 'trace-{pid}.json'),
    };
  }
}

function targetOf(argument: unknown): Target | undefined {
  if (argument instanceof vscode.Uri && argument.scheme === 'file') return { kind: 'file', file: argument.fsPath, folder: vscode.workspace.getWorkspaceFolder(argument) };
  if (typeof argument !== 'object' || argument === null) return undefined;
  const { file, script, folder } = argument as { file?: unknown; script?: unknown; folder?: unknown };
  if (typeof file === 'string') return { kind: 'file', file, folder: vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)) };
  const workspaceFolder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.name === folder || candidate.uri.fsPath === folder) ?? vscode.workspace.workspaceFolders?.[0];
  if (typeof script === 'string' && workspaceFolder) return { kind: 'script', script, folder: workspaceFolder };
  return undefined;
}

function npmScriptsOf(folder: vscode.WorkspaceFolder): Record<string, string> {
  try {
    const manifest = JSON.parse(readFileSync(join(folder.uri.fsPath, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    return manifest.scripts && typeof manifest.scripts === 'object' ? manifest.scripts : {};
  } catch {
    return {};
  }
}

function emptyDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
}
