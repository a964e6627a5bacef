/**
 * The findings and stream statistics of the last traced run, shown where the streams were created:
 * diagnostics (source "node-streams trace") and code lenses. An edit that touches a marked line
 * removes its marks, and the marks below it move with their lines.
 */
import * as vscode from 'vscode';
import { commandIds } from './command-ids.js';
import {
  marksAfterEdit,
  streamSiteSummaries,
  traceDiagnosticSource,
  traceDiagnostics,
  type ProgramFilePredicate,
  type StreamSiteSummary,
  type Trace,
  type TraceDiagnostic,
  type TraceSeverity,
} from './stream-trace.js';

/** What one file shows of the trace. */
interface FileMarks {
  diagnostics: TraceDiagnostic[];
  lenses: StreamSiteSummary[];
}

const severities: Record<TraceSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export class TraceResults implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(traceDiagnosticSource);
  private readonly files = new Map<string, FileMarks>();
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChangeCodeLenses = this.lensesChanged.event;

  constructor() {
    this.subscriptions = [
      this.collection,
      this.lensesChanged,
      vscode.languages.registerCodeLensProvider([{ scheme: 'file', language: 'javascript' }, { scheme: 'file', language: 'typescript' }, { scheme: 'file', language: 'javascriptreact' }, { scheme: 'file', language: 'typescriptreact' }], this),
      vscode.workspace.onDidChangeTextDocument((event) => this.onEdit(event)),
    ];
  }

  /** Replaces what is shown with the traces of a run; returns how many findings are shown. */
  show(traces: readonly Trace[], isProgramFile: ProgramFilePredicate): number {
    this.files.clear();
    const marksOf = (file: string) => {
      const key = vscode.Uri.file(file).toString();
      let marks = this.files.get(key);
      if (!marks) this.files.set(key, (marks = { diagnostics: [], lenses: [] }));
      return marks;
    };
    const diagnostics = traceDiagnostics(traces, isProgramFile);
    for (const diagnostic of diagnostics) marksOf(diagnostic.file).diagnostics.push(diagnostic);
    for (const lens of streamSiteSummaries(traces, isProgramFile)) marksOf(lens.file).lenses.push(lens);
    this.publish();
    return diagnostics.length;
  }

  clear(): void {
    this.files.clear();
    this.publish();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const marks = this.files.get(document.uri.toString());
    if (!marks) return [];
    return marks.lenses
      .filter((lens) => lens.line < document.lineCount)
      .map((lens) => new vscode.CodeLens(new vscode.Range(lens.line, 0, lens.line, 0), { title: `$(pulse) ${lens.title}`, command: commandIds.showStreamTraceGraph, tooltip: 'Show the pipeline graph of the last traced run' }));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const marks = this.files.get(key);
    if (!marks || event.contentChanges.length === 0) return;
    let { diagnostics, lenses } = marks;
    // Changes of one event refer to the document before any of them; last first keeps lines valid.
    const changes = [...event.contentChanges].sort((a, b) => b.range.start.compareTo(a.range.start));
    for (const change of changes) {
      const edit = { startLine: change.range.start.line, endLine: change.range.end.line, insertedLines: change.text.split('\n').length - 1 };
      diagnostics = marksAfterEdit(diagnostics, edit);
      lenses = marksAfterEdit(lenses, edit);
    }
    const unchanged = (before: readonly object[], after: readonly object[]) => before.length === after.length && after.every((mark, index) => mark === before[index]);
    if (unchanged(marks.diagnostics, diagnostics) && unchanged(marks.lenses, lenses)) return;
    this.files.set(key, { diagnostics, lenses });
    this.publish();
  }

  private publish(): void {
    this.collection.clear();
    for (const [key, marks] of this.files) {
      this.collection.set(vscode.Uri.parse(key), marks.diagnostics.map(toDiagnostic));
    }
    this.lensesChanged.fire();
  }
}

function toDiagnostic(finding: TraceDiagnostic): vscode.Diagnostic {
  // The trace knows where the creating expression starts; it ends at the end of its line at most.
  const range = new vscode.Range(finding.line, finding.character, finding.line, Number.MAX_SAFE_INTEGER);
  const diagnostic = new vscode.Diagnostic(range, finding.message, severities[finding.severity]);
  diagnostic.source = traceDiagnosticSource;
  diagnostic.code = finding.type;
  diagnostic.relatedInformation = finding.related.map(
    (related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(related.file), new vscode.Position(related.line, related.character)), related.message),
  );
  return diagnostic;
}
