'use strict';
// Where something happened in the traced program: the first stack frame outside Node's own code,
// the tracer and readable-stream's copy of Node's code, mapped through source maps when Node has
// them (--enable-source-maps).
const { findSourceMap } = require('node:module');
const path = require('node:path');
const { fileURLToPath } = require('node:url');

const tracerDirectory = path.dirname(__dirname) + path.sep;
const readableStreamCopy = `${path.sep}node_modules${path.sep}readable-stream${path.sep}`;
const frameLimit = 12;
const shortFrameLimit = 6;
const noSite = Object.freeze({ site: null, stack: Object.freeze([]), stdio: false });
const keptFrames = 6;

function isLibraryFile(file) {
  return (
    file.startsWith('node:') ||
    file.startsWith(tracerDirectory) ||
    file.includes(readableStreamCopy) ||
    file.startsWith(`file://${tracerDirectory}`)
  );
}

function returnCallSites(_error, callSites) {
  return callSites;
}

/**
 * The call sites of the current stack above `below`'s topmost frame, formatted into call sites
 * at once (they hold the frames' receivers: kept, they would keep the stream alive).
 */
function captureCallSites(below, limit) {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  Error.prepareStackTrace = returnCallSites;
  Error.stackTraceLimit = limit;
  const holder = {};
  let callSites;
  try {
    Error.captureStackTrace(holder, below);
    callSites = holder.stack;
  } finally {
    // Assigned back, never deleted: a delete turns Error into a slow dictionary object and costs
    // more than the capture. (Node treats an undefined prepareStackTrace as none.)
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
  return Array.isArray(callSites) ? callSites : [];
}

function toPath(file) {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

/** file:line:column of a call site (1-based), through the file's source map when Node has one. */
function locate(file, line, column) {
  if (!file.startsWith('node:')) {
    const map = sourceMapOf(file);
    const entry = map?.findEntry(line - 1, column - 1);
    if (entry && typeof entry.originalSource === 'string') {
      const original = toPath(entry.originalSource);
      return { file: original, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
    }
  }
  return { file: toPath(file), line, column };
}

function sourceMapOf(file) {
  try {
    return findSourceMap(file) ?? (file.startsWith('/') ? findSourceMap(`file://${file}`) : undefined);
  } catch {
    return undefined;
  }
}

function describeCallSite(callSite) {
  const file = callSite.getFileName() ?? callSite.getScriptNameOrSourceURL?.();
  if (!file) return undefined;
  const where = locate(file, callSite.getLineNumber() ?? 0, callSite.getColumnNumber() ?? 0);
  const name = callSite.getFunctionName() ?? callSite.getMethodName() ?? '';
  const typeName = callSite.isConstructor() ? 'new ' : '';
  return { ...where, name: typeName + name };
}

// Describing frames is most of the cost of a site: describe each first frame once, by its script
// and position (a stream made in a loop or per request is made at the same place every time).
const sitesByFile = new Map();

/**
 * The creation site of what the current call creates: the first frame of the program's own code
 * (or of a package other than readable-stream), and the frames from there on as evidence (those of
 * the first time something was made at that site). `site` is null when no frame is outside Node
 * (a socket Node accepted).
 *
 * `constructor` is the class being constructed: the stack is taken from its caller on, so a few
 * frames reach the `new` (the walk and the formatting cost by the frame); when the class is not
 * on the stack, the stack is taken from `below` on.
 */
function captureSite(below, constructor) {
  let callSites = typeof constructor === 'function' ? captureCallSites(constructor, shortFrameLimit) : [];
  if (callSites.length === 0) callSites = captureCallSites(below, frameLimit);
  let first = -1;
  let stdio = false;
  for (let index = 0; index < callSites.length; index++) {
    const callSite = callSites[index];
    const functionName = callSite.getFunctionName();
    if (functionName === 'getStdout' || functionName === 'getStderr' || functionName === 'getStdin') stdio = true;
    const file = callSite.getFileName();
    if (first === -1 && file && !isLibraryFile(file)) first = index;
  }
  const from = first === -1 ? 0 : first;
  const key = callSites[from];
  if (key === undefined) return noSite;
  const file = key.getFileName() ?? '';
  let sites = sitesByFile.get(file);
  if (sites === undefined) {
    sites = new Map();
    sitesByFile.set(file, sites);
  }
  const position = key.getPosition();
  let where = sites.get(position);
  if (where === undefined || where.stdio !== stdio) {
    where = describeFrames(callSites, from, first !== -1, stdio);
    sites.set(position, where);
  }
  return where;
}

function describeFrames(callSites, from, hasSite, stdio) {
  const frames = [];
  for (let index = from; index < callSites.length && frames.length < keptFrames; index++) {
    const frame = describeCallSite(callSites[index]);
    if (frame) frames.push(frame);
  }
  const site = hasSite ? frames[0] : undefined;
  return Object.freeze({
    site: site ? Object.freeze({ file: site.file, line: site.line, column: site.column }) : null,
    stack: Object.freeze(frames.map(formatFrame)),
    stdio,
  });
}

function formatFrame(frame) {
  const where = `${frame.file}:${frame.line}:${frame.column}`;
  return frame.name ? `${frame.name} (${where})` : where;
}

/** The first frame of the program's own code in an error's formatted stack, if any. */
function siteOfErrorStack(stack) {
  if (typeof stack !== 'string') return null;
  for (const line of stack.split('\n')) {
    const match = /^\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (match && !isLibraryFile(match[1])) {
      return { file: toPath(match[1]), line: Number(match[2]), column: Number(match[3]) };
    }
  }
  return null;
}

function formatSite(site) {
  return site ? `${site.file}:${site.line}:${site.column}` : 'inside Node';
}

module.exports = { captureSite, siteOfErrorStack, formatSite };
