'use strict';
// The tracer's settings, from environment variables (the tracer is loaded with no code change, so
// the environment is the only place to set them).
const path = require('node:path');

const levels = new Set(['faults', 'flow']);

function readOptions(environment = process.env) {
  const level = environment.NODE_STREAMS_TRACE_LEVEL ?? 'flow';
  const file = environment.NODE_STREAMS_TRACE_FILE ?? 'node-streams-trace-{pid}.json';
  return {
    // 'faults': inventory and faults only; 'flow' adds bytes, stalls, buffered lengths, samples.
    level: levels.has(level) ? level : 'flow',
    file: file === 'none' ? null : path.resolve(file.replaceAll('{pid}', String(process.pid))),
    // 'stderr' (the default), 'stdout', 'none' or a file path.
    summary: environment.NODE_STREAMS_TRACE_SUMMARY ?? 'stderr',
    // 'all' (the default): read the creation stack of every stream; 'sampled': once a class's
    // streams keep coming from one site, of one in 64 (cheaper, for services under load).
    sampleSites: environment.NODE_STREAMS_TRACE_SITES === 'sampled',
    stallThresholdMs: numberOr(environment.NODE_STREAMS_TRACE_STALL_MS, 1000),
    sampleIntervalMs: numberOr(environment.NODE_STREAMS_TRACE_SAMPLE_MS, 1000),
    maxClosedStreams: numberOr(environment.NODE_STREAMS_TRACE_MAX_CLOSED, 1000),
    maxFindings: numberOr(environment.NODE_STREAMS_TRACE_MAX_FINDINGS, 500),
  };
}

function numberOr(text, fallback) {
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

module.exports = { readOptions };
