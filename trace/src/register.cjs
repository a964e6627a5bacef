'use strict';
// The entry point: `node --import node-streams-trace app.js`, `node --require node-streams-trace`
// or the same in NODE_OPTIONS. Installs the hooks, then writes the trace and prints the summary at
// exit and on SIGUSR2. It never writes to stderr while the process is crashing, so a crash's
// output and exit code stay as they would be without the tracer.
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const { installHooks } = require('./hooks.cjs');
const { readOptions } = require('./options.cjs');
const { formatReport } = require('./report.cjs');
const { Tracer } = require('./tracer.cjs');

const installedKey = Symbol.for('node-streams-trace.installed');

function start() {
  // --import and --require together, or a worker thread inheriting NODE_OPTIONS: trace once, on
  // the main thread (workers would write the same file).
  if (globalThis[installedKey] || !isMainThread) return;
  globalThis[installedKey] = true;
  const options = readOptions();
  const tracer = new Tracer(options);
  tracer.active = true;
  let crashing = false;

  tracer.onUnhandledError = () => writeTrace('unhandled-error', false);
  installHooks(tracer);

  function writeTrace(reason, ending, exitCode) {
    const trace = tracer.snapshot(reason, ending, exitCode);
    if (options.file) {
      try {
        fs.writeFileSync(options.file, JSON.stringify(trace));
      } catch {
        // An unwritable trace file must not change how the program ends.
      }
    }
    return trace;
  }

  function printSummary(trace) {
    if (options.summary === 'none' || crashing) return;
    const text = formatReport(trace) + (options.file ? `trace written to ${options.file}\n` : '');
    try {
      if (options.summary === 'stderr') fs.writeSync(2, text);
      else if (options.summary === 'stdout') fs.writeSync(1, text);
      else fs.writeFileSync(options.summary, text);
    } catch {
      // As above: the summary is best effort.
    }
  }

  if (options.sampleIntervalMs > 0) {
    setInterval(() => {
      tracer.sweep();
      if (tracer.flow) tracer.sampleFlow();
    }, options.sampleIntervalMs).unref();
  }
  // Observes uncaught exceptions without handling them: with no 'uncaughtException' listener the
  // process is about to crash, and Node prints its error after the 'exit' listeners run.
  process.on('uncaughtExceptionMonitor', (error, origin) => {
    if (process.listenerCount('uncaughtException') > 0) return;
    crashing = true;
    tracer.noteCrash(error, origin);
  });
  process.on('exit', (code) => {
    const trace = writeTrace(crashing ? 'crash' : 'exit', true, code);
    tracer.active = false;
    printSummary(trace);
  });
  process.on('SIGUSR2', () => printSummary(writeTrace('signal', false)));
}

start();
