'use strict';
// The human view of a trace document: findings first, then the graph of pipes and pipelines with
// each stage's flow. The summary at exit and `node-streams-trace report` both print this.
const path = require('node:path');

const findingTitles = {
  'unhandled-error': "unhandled 'error'",
  'multiple-callback': 'callback called twice',
  'write-after-end': 'write after end',
  'callback-never-called': 'callback never called',
  leak: 'leak',
  stall: 'stall',
};

function formatReport(trace, { base = process.cwd() } = {}) {
  const where = (site) => (site ? `${relative(site.file, base)}:${site.line}:${site.column}` : 'inside Node');
  const streams = new Map(trace.streams.map((stream) => [stream.id, stream]));
  const name = (id) => {
    const stream = streams.get(id);
    return stream ? `${stream.className} #${id} (${where(stream.site)})` : `stream #${id} (no longer in the trace)`;
  };
  const lines = [];
  const counts = trace.counts;
  lines.push(
    `node-streams trace (${trace.reason}, ${trace.level}): ${counts.created} streams, ${counts.open} open, ` +
      `${trace.pipelines.length} pipelines, ${trace.findings.length} findings`,
  );
  if (trace.findings.length === 0) lines.push('  no findings');
  for (const finding of trace.findings) {
    const subject = `${finding.className} #${finding.streamId} created at ${where(finding.site)}`;
    lines.push(`  ${findingTitles[finding.type] ?? finding.type}: ${subject}: ${finding.message}`);
    if (finding.callSite) lines.push(`      at ${where(finding.callSite)}`);
  }
  const groups = connectedGroups(trace);
  if (groups.length > 0) lines.push('', 'Pipelines and pipes');
  for (const group of groups) {
    lines.push(`  ${group.title(where)}`);
    for (const [index, id] of group.order.entries()) {
      const stream = streams.get(id);
      const arrow = index === 0 ? '   ' : '-> ';
      lines.push(`    ${arrow}${name(id)}${stream ? flowText(stream, trace.level) : ''}`);
    }
  }
  if (trace.stalls.length > 0) {
    lines.push('', `Stalls longer than ${trace.stallThresholdMs} ms (drained since)`);
    for (const stall of trace.stalls.slice(-10)) lines.push(`  ${name(stall.streamId)}: ${stall.durationMs} ms from ${stall.sinceMs} ms`);
  }
  return lines.join('\n') + '\n';
}

function flowText(stream, level) {
  const state = stream.state?.destroyed || stream.closedMs !== null ? 'closed' : 'open';
  if (level !== 'flow' || !stream.flow) return ` [${stream.kind}, ${state}]`;
  const flow = stream.flow;
  const unit = stream.objectMode.readable || stream.objectMode.writable ? 'objects' : 'bytes';
  const parts = [stream.kind, state];
  if (flow.chunksIn > 0) parts.push(`in ${amount(flow.bytesIn, unit)}`);
  if (flow.chunksOut > 0) parts.push(`out ${amount(flow.bytesOut, unit)}`);
  const throughput = Math.max(flow.throughputIn ?? 0, flow.throughputOut ?? 0);
  if (throughput > 0) parts.push(`${amount(throughput, unit)}/s`);
  const maxBuffered = Math.max(flow.maxBuffered.readable, flow.maxBuffered.writable);
  if (maxBuffered > 0) parts.push(`max buffered ${amount(maxBuffered, unit)}`);
  if (flow.stalls.count > 0) parts.push(`backpressure ${flow.stalls.count}x ${flow.stalls.totalMs} ms`);
  if (flow.stalls.activeSinceMs !== null) parts.push(`STALLED since ${flow.stalls.activeSinceMs} ms`);
  return ` [${parts.join(', ')}]`;
}

function amount(value, unit) {
  if (unit === 'objects') return `${value} obj`;
  if (value >= 1 << 30) return `${(value / (1 << 30)).toFixed(2)} GB`;
  if (value >= 1 << 20) return `${(value / (1 << 20)).toFixed(1)} MB`;
  if (value >= 1 << 10) return `${(value / (1 << 10)).toFixed(1)} KB`;
  return `${value} B`;
}

/** The streams joined by pipes, each group in flow order (sources first), with its pipeline if any. */
function connectedGroups(trace) {
  const neighbours = new Map();
  const link = (from, to) => {
    if (!neighbours.has(from)) neighbours.set(from, new Set());
    neighbours.get(from).add(to);
  };
  const incoming = new Map();
  for (const stream of trace.streams) {
    for (const target of stream.pipes) {
      link(stream.id, target);
      link(target, stream.id);
      incoming.set(target, (incoming.get(target) ?? 0) + 1);
    }
  }
  for (const pipeline of trace.pipelines) {
    const stages = pipeline.stages.filter((id) => id !== null);
    for (let index = 1; index < stages.length; index++) {
      link(stages[index - 1], stages[index]);
      link(stages[index], stages[index - 1]);
    }
  }
  const pipelineOf = new Map(trace.pipelines.map((pipeline) => [pipeline.id, pipeline]));
  const streams = new Map(trace.streams.map((stream) => [stream.id, stream]));
  const visited = new Set();
  const groups = [];
  for (const start of neighbours.keys()) {
    if (visited.has(start)) continue;
    const members = [];
    const queue = [start];
    visited.add(start);
    while (queue.length > 0) {
      const id = queue.shift();
      members.push(id);
      for (const next of neighbours.get(id) ?? []) {
        if (!visited.has(next)) {
          visited.add(next);
          queue.push(next);
        }
      }
    }
    const pipelineIds = new Set(members.map((id) => streams.get(id)?.pipeline).filter((id) => id !== null && id !== undefined));
    const pipeline = [...pipelineIds].map((id) => pipelineOf.get(id)).find(Boolean);
    const order = pipeline
      ? pipeline.stages.filter((id) => id !== null).concat(members.filter((id) => !pipeline.stages.includes(id)))
      : flowOrder(members, streams, incoming);
    groups.push({
      order,
      title: (where) => (pipeline ? `pipeline() at ${where(pipeline.site)}` : `pipe() chain from ${where(streams.get(order[0])?.site)}`),
    });
  }
  return groups;
}

function flowOrder(members, streams, incoming) {
  const order = [];
  const placed = new Set();
  const visit = (id) => {
    if (placed.has(id)) return;
    placed.add(id);
    order.push(id);
    for (const target of streams.get(id)?.pipes ?? []) visit(target);
  };
  for (const id of members) if (!incoming.has(id)) visit(id);
  for (const id of members) visit(id);
  return order;
}

function relative(file, base) {
  const path_ = path.relative(base, file);
  return path_.startsWith('..') ? file : path_;
}

module.exports = { formatReport };
