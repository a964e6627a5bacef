/**
 * "Run with Stream Trace" on an example: the program really runs under the tracer (a task in the
 * editor's terminal), and its findings come back as diagnostics at the lines that created the
 * streams, code lenses with their flow, and the pipeline graph drawn in a webview.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, type NodeStreamsApi } from '../support/extension.js';
import { closeAllEditors, openExampleCopy } from '../support/workspace.js';

const traceSource = 'node-streams trace';

function traceDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === traceSource);
}

async function traceLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.filter((lens) => lens.command?.command === 'nodeStreams.showStreamTraceGraph');
}

function graphTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('nodeStreams.streamTraceGraph'));
}

/** What the graph webview drew: at once if it has, else once it does; fails after `timeoutMs`. */
function graphDrawn(api: NodeStreamsApi, timeoutMs = 30_000): Promise<{ nodes: number; edges: number }> {
  const drawn = api.streamTrace.graphRendered();
  if (drawn) return Promise.resolve(drawn);
  return new Promise((resolve, reject) => {
    const subscription = api.streamTrace.onDidRenderGraph((rendered) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(rendered);
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => `${tab.label} (${tab.input?.constructor.name})`);
      reject(new Error(`the graph webview drew nothing in ${timeoutMs} ms; the tabs: ${JSON.stringify(tabs)}`));
    }, timeoutMs);
  });
}

describe('Run with Stream Trace', () => {
  let api: NodeStreamsApi;
  before(async () => {
    api = await activateExtension();
  });
  after(async () => {
    await vscode.commands.executeCommand('nodeStreams.clearStreamTrace');
    await closeAllEditors();
  });

  it('runs the active file under the tracer and shows the leak, the lenses and the pipeline graph', async function () {
    this.timeout(150_000);
    const editor = await openExampleCopy('examples/order-export.mjs');
    const uri = editor.document.uri;
    const lines = editor.document.getText().split('\n');
    const leakLine = lines.findIndex((line) => line.includes('createReadStream(new URL(import.meta.url))'));
    const pipelineLine = lines.findIndex((line) => line.startsWith('pipeline('));
    const transformLine = lines.findIndex((line) => line.includes('new Transform('));

    const outcome = (await vscode.commands.executeCommand('nodeStreams.runWithStreamTrace')) as { status: string; exitCode?: number; traces: number; findings: number };
    assert.deepEqual(outcome, { status: 'finished', exitCode: 0, traces: 1, findings: 1 });

    const [leak, ...others] = traceDiagnostics(uri);
    assert.deepEqual(others, []);
    assert.equal(leak.range.start.line, leakLine);
    assert.equal(leak.range.start.character, lines[leakLine].indexOf('createReadStream'));
    assert.equal(leak.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(leak.code, 'leak');
    assert.match(leak.message, /^leak: ReadStream #\d+: never finished, destroyed or closed before the process exited; out 0 B$/);

    const lenses = await traceLenses(uri);
    const lensAt = (line: number) => lenses.find((lens) => lens.range.start.line === line)?.command?.title ?? '';
    assert.match(lensAt(leakLine), /ReadStream \(readable\) · out 0 B/);
    assert.match(lensAt(transformLine), /Transform \(transform, object mode\) · in 5000 objects · out [\d.]+ KB · /);
    assert.match(lensAt(pipelineLine), /Readable \(readable, object mode\) · out 5000 objects .*\| {2}WriteStream \(writable\) · in [\d.]+ KB/);

    // The webview opened and cytoscape drew the pipeline's three stages and two links, and the leaked stream.
    assert.deepEqual(await graphDrawn(api), { nodes: 4, edges: 2 });
    assert.equal(graphTabs().length, 1);
    assert.deepEqual(api.streamTrace.graphRendered(), { nodes: 4, edges: 2 });
  });

  it('drops a finding when its line is edited, and everything on "Clear Stream Trace"', async () => {
    const editor = vscode.window.visibleTextEditors.find((candidate) => traceDiagnostics(candidate.document.uri).length > 0);
    assert.ok(editor, 'the traced file is still open with its finding');
    const uri = editor.document.uri;
    const [leak] = traceDiagnostics(uri);
    const leakLine = leak.range.start.line;
    // A line inserted above moves the finding down with its code.
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// traced\n'));
    assert.deepEqual(traceDiagnostics(uri).map((diagnostic) => diagnostic.range.start.line), [leakLine + 1]);
    assert.ok((await traceLenses(uri)).some((lens) => lens.range.start.line === leakLine + 1));
    // An edit on its line removes it (its lens too); the other lenses stay.
    await editor.edit((edit) => edit.insert(new vscode.Position(leakLine + 1, 0), 'export '));
    assert.deepEqual(traceDiagnostics(uri), []);
    const lenses = await traceLenses(uri);
    assert.ok(lenses.length > 0 && lenses.every((lens) => lens.range.start.line !== leakLine + 1));

    await vscode.commands.executeCommand('nodeStreams.clearStreamTrace');
    assert.deepEqual(await traceLenses(uri), []);
    assert.deepEqual(graphTabs(), []);
  });
});
