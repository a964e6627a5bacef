/**
 * The webview's script: draws the pipeline graph that the extension wrote into the page, with
 * cytoscape (bundled into client/out/trace-graph.js), and tells the extension what it drew. A click
 * on a stream opens the line that created it.
 */
import cytoscape from 'cytoscape';
import type { TraceGraph } from '../src/stream-trace.js';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscode = acquireVsCodeApi();
const graph = JSON.parse(document.getElementById('trace-graph-data')?.textContent ?? '{}') as TraceGraph & { title: string };

/** The theme's colours, which cytoscape's canvas cannot read from CSS variables itself. */
function themeColor(variable: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(variable).trim() || fallback;
}

const foreground = themeColor('--vscode-editor-foreground', '#333333');
const nodeBackground = themeColor('--vscode-editorWidget-background', '#f3f3f3');
const border = themeColor('--vscode-editorWidget-border', '#888888');
const errorColor = themeColor('--vscode-editorError-foreground', '#e51400');
const warningColor = themeColor('--vscode-editorWarning-foreground', '#bf8803');
const faults = new Set(['unhandled-error', 'multiple-callback', 'write-after-end']);

const summary = document.getElementById('summary');
if (summary) {
  const findings = graph.nodes.reduce((total, node) => total + node.findings.length, 0);
  summary.textContent =
    `${graph.title}: ${graph.nodes.length} stream${graph.nodes.length === 1 ? '' : 's'}, ${graph.edges.length} link${graph.edges.length === 1 ? '' : 's'}, ` +
    `${findings} finding${findings === 1 ? '' : 's'}${graph.omitted > 0 ? ` (${graph.omitted} more streams left out)` : ''}`;
}

const container = document.getElementById('graph');
const cy = cytoscape({
  container,
  elements: [
    ...graph.nodes.map((node) => ({
      data: { id: node.id, label: `${node.label}${node.findings.length > 0 ? `  ⚠ ${[...new Set(node.findings)].join(', ')}` : ''}\n${node.detail}` },
      classes: node.findings.some((type) => faults.has(type)) ? 'fault' : node.findings.length > 0 ? 'finding' : '',
    })),
    ...graph.edges.map((edge) => ({ data: { id: edge.id, source: edge.source, target: edge.target, label: edge.label }, classes: edge.kind })),
  ],
  style: [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': 11,
        color: foreground,
        'background-color': nodeBackground,
        'border-width': 1,
        'border-color': border,
        width: 'label',
        height: 'label',
        padding: '10px',
      },
    },
    { selector: 'node.finding', style: { 'border-width': 2, 'border-color': warningColor } },
    { selector: 'node.fault', style: { 'border-width': 2, 'border-color': errorColor } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'curve-style': 'bezier',
        'line-color': border,
        'target-arrow-color': border,
        'target-arrow-shape': 'triangle',
        label: 'data(label)',
        'font-size': 9,
        color: foreground,
        'text-background-color': themeColor('--vscode-editor-background', '#ffffff'),
        'text-background-opacity': 1,
      },
    },
    { selector: 'edge.pipe', style: { 'line-style': 'dashed' } },
  ],
  layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.1, padding: 20 },
  wheelSensitivity: 0.3,
});

cy.on('tap', 'node', (event) => {
  const node = graph.nodes.find((candidate) => candidate.id === event.target.id());
  if (node?.site) vscode.postMessage({ type: 'open', ...node.site });
});

vscode.postMessage({ type: 'rendered', nodes: cy.nodes().length, edges: cy.edges().length });
