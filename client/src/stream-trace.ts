/**
 * What the editor shows of a stream trace (trace/README.md, schema `node-streams-trace/1`): reading
 * the trace files of a run, findings as diagnostics at the lines that created the streams, per-site
 * stream statistics for code lenses, and the pipeline graph. No VS Code here: the client turns
 * these records into its own objects, and the tests check them on traces of real programs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const traceSchema = 'node-streams-trace/1';
export const traceDiagnosticSource = 'node-streams trace';

/** 1-based, as the tracer writes them. */
export interface TraceSite {
  file: string;
  line: number;
  column: number;
}

export type FindingType = 'unhandled-error' | 'multiple-callback' | 'write-after-end' | 'callback-never-called' | 'leak' | 'stall';

export interface TraceFinding {
  sequence: number;
  type: FindingType | (string & {});
  streamId: number;
  className: string;
  site: TraceSite | null;
  siteInferred: boolean;
  atMs: number;
  message: string;
  callSite?: TraceSite | null;
  callStack?: string[];
  error?: { name?: string; code?: string | null; message: string; stack?: string[] };
  stalledMs?: number;
  bottleneck?: boolean;
  behindStreamId?: number | null;
}

export interface StreamFlow {
  bytesIn: number;
  chunksIn: number;
  bytesOut: number;
  chunksOut: number;
  firstChunkMs: number | null;
  activeMs: number;
  throughputIn: number | null;
  throughputOut: number | null;
  maxBuffered: { readable: number; writable: number };
  stalls: { count: number; totalMs: number; longestMs: number; activeSinceMs: number | null };
}

export interface TracedStream {
  id: number;
  className: string;
  kind: 'readable' | 'writable' | 'duplex' | 'transform' | null;
  objectMode: { readable: boolean | null; writable: boolean | null } | null;
  site: TraceSite | null;
  stack: string[];
  siteInferred: boolean;
  stdio: boolean;
  closedMs: number | null;
  pipes: number[];
  pipeline: number | null;
  errors: number;
  flow?: StreamFlow;
}

export interface TracedPipeline {
  id: number;
  kind: string;
  site: TraceSite | null;
  stages: (number | null)[];
}

export interface Trace {
  schema: string;
  reason: string;
  exitCode: number | null;
  pid: number;
  argv: string[];
  level: 'flow' | 'faults';
  stallThresholdMs: number;
  counts: { created: number; closed: number; open: number };
  findings: TraceFinding[];
  /** Waits for 'drain' longer than the threshold that ended. */
  stalls: { streamId: number; sinceMs: number; durationMs: number }[];
  pipelines: TracedPipeline[];
  streams: TracedStream[];
}

/** One trace file, or why it could not be read. */
export type TraceFileResult = { file: string; trace: Trace } | { file: string; problem: string };

export function parseTrace(text: string): Trace {
  const trace = JSON.parse(text) as Partial<Trace>;
  if (trace?.schema !== traceSchema) throw new Error(`not a ${traceSchema} trace (schema: ${JSON.stringify(trace?.schema)})`);
  if (![trace.findings, trace.stalls, trace.streams, trace.pipelines].every(Array.isArray)) {
    throw new Error('the trace lacks its findings, stalls, streams or pipelines');
  }
  return trace as Trace;
}

/**
 * The traces a run wrote into its directory: one per traced Node process (with NODE_OPTIONS, `npm
 * run` itself and the processes a script starts each write their own), oldest process first.
 */
export function readTraceDirectory(directory: string): TraceFileResult[] {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const file = join(directory, name);
    try {
      return { file, trace: parseTrace(readFileSync(file, 'utf8')) };
    } catch (error) {
      return { file, problem: (error as Error).message };
    }
  });
}

/** Which files are the program's own: findings and lenses go there (not into node_modules or npm). */
export type ProgramFilePredicate = (file: string) => boolean;

export function isUnderFolders(folders: readonly string[]): ProgramFilePredicate {
  const prefixes = folders.map((folder) => (folder.endsWith('/') || folder.endsWith('\\') ? folder : `${folder}${folder.includes('\\') ? '\\' : '/'}`));
  return (file) => prefixes.some((prefix) => file.startsWith(prefix)) && !/[\\/]node_modules[\\/]/.test(file);
}

export type TraceSeverity = 'error' | 'warning' | 'information';

/** A place in a file, 0-based as editors count. */
export interface TracePosition {
  file: string;
  line: number;
  character: number;
}

export interface TraceRelatedInformation extends TracePosition {
  message: string;
}

/** A finding (or the same finding on several streams made at one site) as a diagnostic. */
export interface TraceDiagnostic extends TracePosition {
  type: string;
  severity: TraceSeverity;
  message: string;
  related: TraceRelatedInformation[];
}

const severities: Record<FindingType, TraceSeverity> = {
  'unhandled-error': 'error',
  'multiple-callback': 'error',
  'write-after-end': 'error',
  'callback-never-called': 'warning',
  leak: 'warning',
  stall: 'warning',
};

const titles: Record<FindingType, string> = {
  'unhandled-error': "'error' with no listener",
  'multiple-callback': 'callback called twice',
  'write-after-end': 'write() after end()',
  'callback-never-called': 'callback never called',
  leak: 'leak',
  stall: 'stall',
};

/** How many frames of a stream's creation stack go into the related information. */
const relatedFrames = 3;

function positionOf(site: TraceSite): TracePosition {
  return { file: site.file, line: Math.max(0, site.line - 1), character: Math.max(0, site.column - 1) };
}

/** `file:line:column` or `name (file:line:column)`, as trace/src/creation-site.cjs formats a frame. */
export function parseFrame(frame: string): TraceSite | undefined {
  const match = /^(?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(frame);
  return match ? { file: match[1], line: Number(match[2]), column: Number(match[3]) } : undefined;
}

/** Bytes or objects, readably: `16.0 KB`, `1.5 MB`, `3 objects`. */
export function formatAmount(amount: number, unit: 'bytes' | 'objects'): string {
  if (unit === 'objects') return `${amount} object${amount === 1 ? '' : 's'}`;
  if (amount < 1024) return `${amount} B`;
  if (amount < 1024 * 1024) return `${(amount / 1024).toFixed(1)} KB`;
  if (amount < 1024 ** 3) return `${(amount / 1024 ** 2).toFixed(1)} MB`;
  return `${(amount / 1024 ** 3).toFixed(2)} GB`;
}

export function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}

/** Object mode is per side: a transform may take objects and give bytes. */
function unitOf(stream: TracedStream | undefined, side: 'readable' | 'writable'): 'bytes' | 'objects' {
  return stream?.objectMode?.[side] ? 'objects' : 'bytes';
}

/** The faster side's throughput, in its own unit. */
function throughputText(streams: readonly TracedStream[]): string | undefined {
  let best: { rate: number; unit: 'bytes' | 'objects' } | undefined;
  for (const stream of streams) {
    const flow = stream.flow;
    if (!flow) continue;
    for (const [rate, side] of [[flow.throughputIn, 'writable'], [flow.throughputOut, 'readable']] as const) {
      if (rate && rate > (best?.rate ?? 0)) best = { rate, unit: unitOf(stream, side) };
    }
  }
  return best ? `${formatAmount(best.rate, best.unit)}/s` : undefined;
}

/** What flowed through a stream: `in 16.0 KB, out 0 B`. */
function flowEvidence(stream: TracedStream | undefined): string | undefined {
  const flow = stream?.flow;
  if (!flow) return undefined;
  const parts: string[] = [];
  if (stream.kind !== 'readable') parts.push(`in ${formatAmount(flow.bytesIn, unitOf(stream, 'writable'))}`);
  if (stream.kind !== 'writable') parts.push(`out ${formatAmount(flow.bytesOut, unitOf(stream, 'readable'))}`);
  return parts.join(', ');
}

function evidenceOf(finding: TraceFinding, stream: TracedStream | undefined, trace: Trace): string {
  const name = (id: number | null | undefined) => {
    const other = trace.streams.find((candidate) => candidate.id === id);
    return other ? `${other.className} #${other.id}` : `stream #${id}`;
  };
  const flow = flowEvidence(stream);
  switch (finding.type) {
    case 'stall': {
      const stalled = `write() returned false and 'drain' had not come for ${formatDuration(finding.stalledMs ?? 0)}`;
      const role = finding.bottleneck ? 'the bottleneck: nothing downstream of it is stalled' : `stalled behind ${name(finding.behindStreamId)}`;
      return [stalled, role, flow].filter(Boolean).join('; ');
    }
    case 'leak':
      return ['never finished, destroyed or closed before the process exited', flow].filter(Boolean).join('; ');
    case 'unhandled-error':
      return `${finding.error ? errorText(finding.error) : finding.message}${
        trace.reason === 'crash' || trace.reason === 'unhandled-error' ? ' (the process crashed)' : ''
      }`;
    default:
      return [finding.message, flow].filter(Boolean).join('; ');
  }
}

function errorText(error: NonNullable<TraceFinding['error']>): string {
  return error.code && !error.message.startsWith(`${error.code}:`) ? `${error.code}: ${error.message}` : error.message;
}

/**
 * The findings of the traces as diagnostics at the creation sites in the program's own files: one
 * per finding type and site (a stream made in a loop leaks at one line, once, with its count).
 * The related information holds where the fault happened (the late write(), the second callback)
 * and the first frames of the creation stack.
 */
export function traceDiagnostics(traces: readonly Trace[], isProgramFile: ProgramFilePredicate): TraceDiagnostic[] {
  const bySiteAndType = new Map<string, { diagnostic: TraceDiagnostic; count: number; first: string }>();
  for (const trace of traces) {
    const streams = new Map(trace.streams.map((stream) => [stream.id, stream]));
    for (const finding of trace.findings) {
      if (!finding.site || !isProgramFile(finding.site.file)) continue;
      const stream = streams.get(finding.streamId);
      const key = `${finding.type}\0${finding.site.file}\0${finding.site.line}\0${finding.site.column}`;
      const known = bySiteAndType.get(key);
      if (known) {
        known.count++;
        known.diagnostic.message = `${known.first} (and ${known.count - 1} more stream${known.count === 2 ? '' : 's'} created here)`;
        continue;
      }
      const type = finding.type as FindingType;
      const message = `${titles[type] ?? finding.type}: ${finding.className} #${finding.streamId}: ${evidenceOf(finding, stream, trace)}`;
      const related: TraceRelatedInformation[] = [];
      if (finding.callSite) {
        related.push({ ...positionOf(finding.callSite), message: finding.type === 'multiple-callback' ? 'called again here' : `${titles[type] ?? finding.type} here` });
      }
      // The callers of the creating line, in files an editor can open (not Node's own frames).
      const callers = (stream?.stack ?? [])
        .slice(finding.siteInferred ? 0 : 1)
        .map((frame) => ({ frame, site: parseFrame(frame) }))
        .filter(({ site }) => site !== undefined && !site.file.startsWith('node:'))
        .slice(0, relatedFrames);
      for (const { frame, site } of callers) related.push({ ...positionOf(site!), message: `created from ${frame}` });
      const diagnostic: TraceDiagnostic = { ...positionOf(finding.site), type: finding.type, severity: severities[type] ?? 'warning', message, related };
      bySiteAndType.set(key, { diagnostic, count: 1, first: message });
    }
  }
  return [...bySiteAndType.values()].map(({ diagnostic }) => diagnostic);
}

/** The streams created at one site, for a code lens above that line. */
export interface StreamSiteSummary extends TracePosition {
  title: string;
  streamIds: number[];
}

function describeSiteStreams(streams: readonly TracedStream[], stallsOf: (stream: TracedStream) => number): string {
  const [first] = streams;
  const classNames = [...new Set(streams.map((stream) => stream.className))].join('/');
  const modes = first.objectMode?.readable || first.objectMode?.writable ? ', object mode' : '';
  const parts = [`${streams.length > 1 ? `${streams.length} × ` : ''}${classNames} (${first.kind ?? 'stream'}${modes})`];
  const flows = streams.map((stream) => stream.flow).filter((flow): flow is StreamFlow => flow !== undefined);
  if (flows.length > 0) {
    const sum = (pick: (flow: StreamFlow) => number) => flows.reduce((total, flow) => total + pick(flow), 0);
    if (first.kind !== 'readable') parts.push(`in ${formatAmount(sum((flow) => flow.bytesIn), unitOf(first, 'writable'))}`);
    if (first.kind !== 'writable') parts.push(`out ${formatAmount(sum((flow) => flow.bytesOut), unitOf(first, 'readable'))}`);
    const throughput = throughputText(streams);
    if (throughput) parts.push(throughput);
    // A stall is a wait for 'drain' past the threshold; shorter waits are ordinary backpressure.
    const stalls = streams.reduce((total, stream) => total + stallsOf(stream), 0);
    const waits = sum((flow) => flow.stalls.count);
    const longest = Math.max(...flows.map((flow) => flow.stalls.longestMs));
    if (stalls > 0) parts.push(`${stalls} stall${stalls === 1 ? '' : 's'}${longest > 0 ? `, longest ${formatDuration(longest)}` : ''}`);
    else if (waits > 0) parts.push(`backpressure ${waits}×, longest ${formatDuration(longest)}`);
    else parts.push('no backpressure');
  }
  return parts.join(' · ');
}

/** One summary per line that created traced streams in the program's own files. */
export function streamSiteSummaries(traces: readonly Trace[], isProgramFile: ProgramFilePredicate): StreamSiteSummary[] {
  const bySite = new Map<string, { site: TraceSite; streams: TracedStream[] }>();
  const stallCounts = new Map<TracedStream, number>();
  for (const trace of traces) {
    const stalled = (id: number) =>
      trace.stalls.filter((stall) => stall.streamId === id).length + trace.findings.filter((finding) => finding.type === 'stall' && finding.streamId === id).length;
    for (const stream of trace.streams) {
      stallCounts.set(stream, stalled(stream.id));
      if (!stream.site || stream.stdio || !isProgramFile(stream.site.file)) continue;
      const key = `${stream.site.file}\0${stream.site.line}`;
      const entry = bySite.get(key) ?? { site: stream.site, streams: [] };
      entry.streams.push(stream);
      bySite.set(key, entry);
    }
  }
  return [...bySite.values()].map(({ site, streams }) => {
    // Several statements on one line: one lens for each class of stream would crowd it; one says all.
    const byColumn = new Map<number, TracedStream[]>();
    for (const stream of streams) byColumn.set(stream.site!.column, [...(byColumn.get(stream.site!.column) ?? []), stream]);
    const title = [...byColumn.entries()].sort(([a], [b]) => a - b).map(([, group]) => describeSiteStreams(group, (stream) => stallCounts.get(stream) ?? 0)).join('  |  ');
    return { ...positionOf({ ...site, column: 1 }), title, streamIds: streams.map((stream) => stream.id) };
  });
}

/** The pipeline graph for the webview: streams that are connected or have findings, and their links. */
export interface TraceGraph {
  nodes: { id: string; label: string; detail: string; kind: string; findings: string[]; site: TracePosition | null }[];
  edges: { id: string; source: string; target: string; kind: 'pipe' | 'pipeline'; label: string }[];
  /** Streams left out to keep the graph readable. */
  omitted: number;
}

const maximumGraphNodes = 300;

export function traceGraph(traces: readonly Trace[], isProgramFile: ProgramFilePredicate = () => true): TraceGraph {
  const graph: TraceGraph = { nodes: [], edges: [], omitted: 0 };
  const siteText = (site: TraceSite | null) => (site ? `${site.file.split(/[\\/]/).pop()}:${site.line}:${site.column}` : 'inside Node');
  for (const trace of traces) {
    const nodeId = (id: number) => `${trace.pid}:${id}`;
    const findingsOf = new Map<number, string[]>();
    for (const finding of trace.findings) findingsOf.set(finding.streamId, [...(findingsOf.get(finding.streamId) ?? []), finding.type]);
    const pipelineOf = new Map<string, TracedPipeline>();
    for (const pipeline of trace.pipelines) {
      for (let index = 1; index < pipeline.stages.length; index++) {
        const [from, to] = [pipeline.stages[index - 1], pipeline.stages[index]];
        if (from !== null && to !== null) pipelineOf.set(`${from}>${to}`, pipeline);
      }
    }
    const linked = new Set<number>();
    for (const stream of trace.streams) {
      if (stream.pipes.length > 0) linked.add(stream.id);
      for (const target of stream.pipes) linked.add(target);
      if (stream.pipeline !== null) linked.add(stream.id);
    }
    const shown = trace.streams.filter(
      (stream) => !stream.stdio && (linked.has(stream.id) || (findingsOf.has(stream.id) && stream.site !== null && isProgramFile(stream.site.file))),
    );
    const room = Math.max(0, maximumGraphNodes - graph.nodes.length);
    graph.omitted += Math.max(0, shown.length - room);
    const kept = new Set<number>();
    for (const stream of shown.slice(0, room)) {
      kept.add(stream.id);
      const flow = flowEvidence(stream);
      const stalls = trace.stalls.filter((stall) => stall.streamId === stream.id).length + (findingsOf.get(stream.id) ?? []).filter((type) => type === 'stall').length;
      graph.nodes.push({
        id: nodeId(stream.id),
        label: `${stream.className} #${stream.id}`,
        detail: [
          `${stream.kind ?? 'stream'} at ${siteText(stream.site)}`,
          flow,
          throughputText([stream]),
          stalls > 0 ? `${stalls} stall${stalls === 1 ? '' : 's'}` : undefined,
          stream.closedMs === null ? 'open' : 'closed',
        ]
          .filter(Boolean)
          .join('\n'),
        kind: stream.kind ?? 'stream',
        findings: findingsOf.get(stream.id) ?? [],
        site: stream.site ? positionOf(stream.site) : null,
      });
    }
    for (const stream of trace.streams) {
      for (const target of stream.pipes) {
        if (!kept.has(stream.id) || !kept.has(target)) continue;
        const pipeline = pipelineOf.get(`${stream.id}>${target}`);
        graph.edges.push({
          id: `${nodeId(stream.id)}>${nodeId(target)}`,
          source: nodeId(stream.id),
          target: nodeId(target),
          kind: pipeline ? 'pipeline' : 'pipe',
          label: pipeline ? `pipeline() at ${siteText(pipeline.site)}` : 'pipe()',
        });
      }
    }
  }
  return graph;
}

/** An edit as the marks see it: lines `startLine..endLine` (0-based) replaced by `insertedLines` lines. */
export interface LineEdit {
  startLine: number;
  endLine: number;
  insertedLines: number;
}

/**
 * The marks (diagnostics, lenses) that stay after an edit: a mark on a line the edit touches goes
 * (the code it described has changed), marks below it move with the lines.
 */
export function marksAfterEdit<Mark extends { line: number }>(marks: readonly Mark[], edit: LineEdit): Mark[] {
  const delta = edit.insertedLines - (edit.endLine - edit.startLine);
  return marks
    .filter((mark) => mark.line < edit.startLine || mark.line > edit.endLine)
    .map((mark) => (mark.line > edit.endLine ? { ...mark, line: mark.line + delta } : mark));
}
