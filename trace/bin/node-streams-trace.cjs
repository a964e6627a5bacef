#!/usr/bin/env node
'use strict';
// node-streams-trace report <trace.json>: the pipeline graph, per-stage throughput, stalls and
// findings of a trace written by the tracer.
const fs = require('node:fs');
const { formatReport } = require('../src/report.cjs');
const { schema } = require('../src/tracer.cjs');

const [command, file] = process.argv.slice(2);
if (command !== 'report' || !file) {
  process.stderr.write('usage: node-streams-trace report <trace.json>\n\nTo trace a program: node --import node-streams-trace app.js\n');
  process.exit(2);
}
let trace;
try {
  trace = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  process.stderr.write(`node-streams-trace: cannot read ${file}: ${error.message}\n`);
  process.exit(2);
}
if (trace?.schema !== schema) {
  process.stderr.write(`node-streams-trace: ${file} is not a ${schema} trace\n`);
  process.exit(2);
}
process.stdout.write(formatReport(trace));
