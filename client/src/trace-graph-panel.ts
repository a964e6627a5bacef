/**
 * The pipeline graph of the last traced run in a webview: streams as nodes with their statistics,
 * pipes and pipeline() links as edges, drawn by cytoscape from the extension's own files under a
 * strict Content-Security-Policy (no network, only our script, by nonce).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { traceGraph, type ProgramFilePredicate, type Trace, type TraceGraph } from './stream-trace.js';

export const traceGraphViewType = 'nodeStreams.streamTraceGraph';

/** What the webview said it drew: the e2e tests check that the graph is really there. */
export interface GraphRendered {
  nodes: number;
  edges: number;
}

type WebviewMessage = { type: 'rendered'; nodes: number; edges: number } | { type: 'open'; file: string; line: number; character: number };

export class TraceGraphPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private graph: (TraceGraph & { title: string }) | undefined;
  private rendered: GraphRendered | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<GraphRendered>();
  readonly onDidRender = this.renderedEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  show(traces: readonly Trace[], isProgramFile: ProgramFilePredicate, title: string): void {
    this.graph = { ...traceGraph(traces, isProgramFile), title };
    this.reveal();
  }

  /** Opens the panel again on the last run's graph ("Show Stream Trace Graph", a code lens). */
  reveal(): boolean {
    if (!this.graph) {
      void vscode.window.showInformationMessage('Node Streams: no stream trace yet. Run "Node Streams: Run with Stream Trace" first.');
      return false;
    }
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(traceGraphViewType, 'Stream Trace', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'client', 'out')],
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.rendered = undefined;
      });
      this.panel.webview.onDidReceiveMessage((message: WebviewMessage) => this.onMessage(message));
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    this.rendered = undefined;
    this.panel.title = `Stream Trace: ${this.graph.title}`;
    this.panel.webview.html = this.html(this.panel.webview, this.graph);
    return true;
  }

  /** What the open panel last drew, if it is open and has drawn. */
  lastRendered(): GraphRendered | undefined {
    return this.panel ? this.rendered : undefined;
  }

  clear(): void {
    this.graph = undefined;
    this.panel?.dispose();
  }

  dispose(): void {
    this.panel?.dispose();
    this.renderedEmitter.dispose();
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    if (message.type === 'rendered') {
      this.rendered = { nodes: message.nodes, edges: message.edges };
      this.renderedEmitter.fire(this.rendered);
    } else if (message.type === 'open' && typeof message.file === 'string') {
      const position = new vscode.Position(message.line, message.character);
      await vscode.window.showTextDocument(vscode.Uri.file(message.file), { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
    }
  }

  private html(webview: vscode.Webview, graph: TraceGraph & { title: string }): string {
    const nonce = randomBytes(16).toString('base64');
    const file = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'client', 'out', name));
    // In a JSON script element, `<` is escaped so that no string of the trace can close the element.
    const data = JSON.stringify(graph).replaceAll('<', '\\u003c');
    const csp = [`default-src 'none'`, `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link id="__________cytoscape_stylesheet" rel="stylesheet" href="${file('trace-graph.css')}">
<title>Stream Trace</title>
</head>
<body>
<header id="summary"></header>
<div id="graph"></div>
<script type="application/json" id="trace-graph-data">${data}</script>
<script nonce="${nonce}" src="${file('trace-graph.js')}"></script>
</body>
</html>`;
  }
}
