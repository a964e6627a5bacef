import noIgnoredWrite from '../../rules/src/rules/no-ignored-write.js';
import noUnhandledError from '../../rules/src/rules/no-unhandled-error.js';
import { runBothWays } from './rule-tester.js';

// Where a stream value goes, followed by one model for every rule: later assignments,
// reassignment, `.bind()`, closures, class fields, local factories. Each case runs with and
// without type information, and must be reported by the same rule both ways.

runBothWays('no-unhandled-error: value flow', noUnhandledError, {
  valid: [
    // The file stream has its listener before the variable moves on to the gunzip, which has its own.
    `
import fs from 'node:fs';
import zlib from 'node:zlib';
export function lines(path: string, onLine: (line: string) => void) {
  let stream: NodeJS.ReadableStream = fs.createReadStream(path);
  stream.on('error', (error) => console.error(path, error));
  stream = stream.pipe(zlib.createGunzip());
  stream.on('error', (error) => console.error(path, 'is not gzip', error));
  stream.on('data', (chunk) => onLine(String(chunk)));
}
`,
    // Piped into the gunzip only sometimes: the later listener may be the file stream's own.
    `
import fs from 'node:fs';
import zlib from 'node:zlib';
export function open(path: string) {
  let input: NodeJS.ReadableStream = fs.createReadStream(path);
  if (path.endsWith('.gz')) input = input.pipe(zlib.createGunzip());
  input.on('error', (error) => console.error(error));
  input.resume();
}
`,
    // A zlib stream made only to reach its native handle: it never runs, so it cannot fail.
    `
import zlib from 'node:zlib';
export const NativeZlib = (zlib.createInflate() as any)._handle.constructor;
`,
    // A helper that listens before it hands the stream back is no bare factory.
    `
import fs from 'node:fs';
function openLog(path: string) {
  const log = fs.createWriteStream(path, { flags: 'a' });
  log.on('error', (error) => console.error('log', error));
  return log;
}
const log = openLog('server.log');
log.write('started\\n');
`,
    // A class field with its listener in the constructor, used in another method.
    `
import fs from 'node:fs';
export class Spool {
  private out: fs.WriteStream;
  constructor(path: string) {
    this.out = fs.createWriteStream(path);
    this.out.on('error', (error) => this.fail(error));
  }
  add(line: string) { this.out.write(line + '\\n'); }
  fail(error: Error) { console.error(error); }
}
`,
    // A field the code outside the class listens to.
    `
import fs from 'node:fs';
class Recorder {
  out: fs.WriteStream;
  constructor(path: string) { this.out = fs.createWriteStream(path); }
  note(text: string) { this.out.write(text); }
}
const recorder = new Recorder('notes.txt');
recorder.out.on('error', () => process.exit(1));
`,
    // A constructor function's field, through `self = this`, heard in another prototype method.
    `
var fs = require('fs');
function Journal(path) {
  var self = this;
  self.path = path;
}
Journal.prototype.open = function () {
  var self = this;
  self._out = fs.createWriteStream(self.path, { flags: 'a' });
  self.listen();
};
Journal.prototype.listen = function () {
  this._out.on('error', (error) => console.error('journal', error));
};
Journal.prototype.add = function (line) { this._out.write(line + '\\n'); };
module.exports = Journal;
`,
    // A helper of this file that listens for the errors of the stream it is given.
    `
import { createReadStream, type ReadStream } from 'node:fs';
function collect(stream: ReadStream, done: (error: Error | null, text?: string) => void) {
  let text = '';
  stream.on('data', (chunk) => { text += chunk; });
  stream.on('error', (error) => done(error));
  stream.on('end', () => done(null, text));
}
export function readConfig(path: string, done: (error: Error | null, text?: string) => void) {
  collect(createReadStream(path, 'utf8'), done);
}
`,
    // A helper that hands its parameter on to code out of sight: the caller cannot know.
    `
import { createReadStream, type ReadStream } from 'node:fs';
function send(stream: ReadStream, target: { attach(s: ReadStream): void }) {
  target.attach(stream);
}
export function serve(path: string, target: { attach(s: ReadStream): void }) {
  send(createReadStream(path), target);
}
`,
    // Compressing accepts any bytes: the gzip stage between two heard streams cannot fail.
    `
import fs from 'node:fs';
import zlib from 'node:zlib';
export function archive(src: string, dest: string, done: (error?: Error) => void) {
  const input = fs.createReadStream(src);
  const output = fs.createWriteStream(dest);
  input.on('error', done);
  output.on('error', done);
  output.on('finish', () => done());
  input.pipe(zlib.createGzip()).pipe(output);
}
`,
    // A stream that already holds its data: through2() with no transform, filled and ended.
    `
const through2 = require('through2');
function fromText(text) {
  const stream = through2();
  stream.push(text);
  stream.push(null);
  return stream;
}
export function source(text, out) {
  fromText(text).pipe(out);
}
`,
    // A Readable with an empty read(), filled with push() and ended: nothing in it can fail.
    `
import { Readable } from 'node:stream';
export function body(json: unknown, out: NodeJS.WritableStream) {
  const stream = new Readable({ read() {} });
  stream.push(JSON.stringify(json));
  stream.push(null);
  stream.pipe(out);
}
`,
    // A stream class of this file made only to call an API method that reports through a promise.
    `
import { Writable } from 'node:stream';
class Upload extends Writable {
  constructor(private readonly url: string) { super(); }
  async createURI(): Promise<string> { return (await fetch(this.url, { method: 'POST' })).headers.get('location') ?? ''; }
  _write(chunk: Buffer, encoding: string, done: (error?: Error) => void) { done(); }
}
export function createURI(url: string) {
  return new Upload(url).createURI();
}
`,
    // A wrapper that lends its stream's on() to its users: they may listen for 'error'.
    `
import { PassThrough } from 'node:stream';
import tarStream from 'tar-stream';
export class Bundle {
  engine;
  constructor() { this.engine = tarStream.pack(); }
  add(name, body) { this.engine.entry({ name }, body); }
  on() { return this.engine.on.apply(this.engine, arguments); }
  done() { this.engine.finalize(); }
}
`,
    // Bound to the stream and handed on with it: the caller gets the stream too.
    `
import zlib from 'node:zlib';
export function inflater() {
  const gunzip = zlib.createGunzip();
  return { stream: gunzip, push: gunzip.write.bind(gunzip) };
}
`,
  ],
  invalid: [
    // Decompressing fails on bad input: the gunzip stream needs its own listener.
    {
      code: `
import zlib from 'node:zlib';
export function inflate(data: Buffer, onData: (chunk: Buffer) => void) {
  const gunzip = zlib.createGunzip();
  gunzip.on('data', onData);
  gunzip.end(data);
}
`,
      errors: [{ messageId: 'unhandled', line: 4, suggestions: [{ messageId: 'addErrorListener', output: `
import zlib from 'node:zlib';
export function inflate(data: Buffer, onData: (chunk: Buffer) => void) {
  const gunzip = zlib.createGunzip();
  gunzip.on('error', (error) => console.error(error));
  gunzip.on('data', onData);
  gunzip.end(data);
}
` }] }],
    },
    // A stream class whose constructor starts I/O fails on its own, used as a stream or not.
    {
      code: `
import fs from 'node:fs';
import { Writable } from 'node:stream';
class LogFile extends Writable {
  fd = -1;
  constructor(path: string) {
    super();
    fs.open(path, 'a', (error, fd) => (error ? this.destroy(error) : (this.fd = fd)));
  }
  rotate() { return fs.promises.rename('app.log', 'app.log.1'); }
}
export function rotate() {
  return new LogFile('app.log').rotate();
}
`,
      errors: [{ messageId: 'unhandled', line: 13, suggestions: [{ messageId: 'addErrorListener', output: `
import fs from 'node:fs';
import { Writable } from 'node:stream';
class LogFile extends Writable {
  fd = -1;
  constructor(path: string) {
    super();
    fs.open(path, 'a', (error, fd) => (error ? this.destroy(error) : (this.fd = fd)));
  }
  rotate() { return fs.promises.rename('app.log', 'app.log.1'); }
}
export function rotate() {
  return new LogFile('app.log').on('error', (error) => console.error(error)).rotate();
}
` }] }],
    },
    // Passed to a local helper that listens for 'data' and 'end' only: nobody hears its errors.
    {
      code: `
import { createReadStream, type ReadStream } from 'node:fs';
const toWebStream = (stream: ReadStream) =>
  new ReadableStream({
    start(controller) {
      stream.on('data', (chunk) => controller.enqueue(chunk));
      stream.on('end', () => controller.close());
    },
    cancel() { stream.destroy(); },
  });
export function download(path: string) {
  return new Response(toWebStream(createReadStream(path)));
}
`,
      errors: [{ messageId: 'unhandled', line: 12, suggestions: [{ messageId: 'addErrorListener', output: `
import { createReadStream, type ReadStream } from 'node:fs';
const toWebStream = (stream: ReadStream) =>
  new ReadableStream({
    start(controller) {
      stream.on('data', (chunk) => controller.enqueue(chunk));
      stream.on('end', () => controller.close());
    },
    cancel() { stream.destroy(); },
  });
export function download(path: string) {
  return new Response(toWebStream(createReadStream(path).on('error', (error) => console.error(error))));
}
` }] }],
    },
    // `me = this` in a prototype method: the field is the object's own, used by its other methods.
    {
      code: `
var fs = require('fs');
function Spool(dir) {
  this.dir = dir;
}
Spool.prototype.open = function () {
  var me = this;
  me._file = fs.createWriteStream(me.dir + '/spool.log');
  me._file.on('open', function () { me.ready = true; });
};
Spool.prototype.push = function (line) {
  if (this.ready) this._file.write(line);
};
module.exports = Spool;
`,
      errors: [{ messageId: 'unhandled', line: 8, suggestions: [{ messageId: 'addErrorListener', output: `
var fs = require('fs');
function Spool(dir) {
  this.dir = dir;
}
Spool.prototype.open = function () {
  var me = this;
  me._file = fs.createWriteStream(me.dir + '/spool.log').on('error', (error) => console.error(error));
  me._file.on('open', function () { me.ready = true; });
};
Spool.prototype.push = function (line) {
  if (this.ready) this._file.write(line);
};
module.exports = Spool;
` }] }],
    },
    // Asking whether it is a stream does not hand it over: a predicate keeps nothing.
    {
      code: `
var fs = require('fs');
var isstream = require('isstream');
var Sink = (exports.Sink = function (path) {
  this.path = path;
});
Sink.prototype.start = function () {
  var self = this;
  self._stream = fs.createWriteStream(self.path);
  self.streams2 = isstream.isWritable(self._stream);
  self._stream.setMaxListeners(Infinity);
};
Sink.prototype.log = function (text) { this._stream.write(text); };
`,
      errors: [{ messageId: 'unhandled', line: 9, suggestions: [{ messageId: 'addErrorListener', output: `
var fs = require('fs');
var isstream = require('isstream');
var Sink = (exports.Sink = function (path) {
  this.path = path;
});
Sink.prototype.start = function () {
  var self = this;
  self._stream = fs.createWriteStream(self.path).on('error', (error) => console.error(error));
  self.streams2 = isstream.isWritable(self._stream);
  self._stream.setMaxListeners(Infinity);
};
Sink.prototype.log = function (text) { this._stream.write(text); };
` }] }],
    },
    // After `stream = stream.pipe(gunzip)` the listener is the gunzip's: the file stream has none.
    {
      code: `
import fs from 'node:fs';
import zlib from 'node:zlib';
export function printLog(path: string) {
  let stream: NodeJS.ReadableStream = fs.createReadStream(path);
  stream = stream.pipe(zlib.createGunzip());
  stream.on('error', (error) => console.error('not a gzip file', error));
  stream.on('data', (chunk) => process.stdout.write(chunk));
}
`,
      errors: [
        {
          messageId: 'unhandledPiped',
          line: 5,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import fs from 'node:fs';
import zlib from 'node:zlib';
export function printLog(path: string) {
  let stream: NodeJS.ReadableStream = fs.createReadStream(path);
  stream.on('error', (error) => console.error(error));
  stream = stream.pipe(zlib.createGunzip());
  stream.on('error', (error) => console.error('not a gzip file', error));
  stream.on('data', (chunk) => process.stdout.write(chunk));
}
`,
            },
          ],
        },
      ],
    },
    // A stream assigned after its declaration, in another function.
    {
      code: `
import fs from 'node:fs';
let journal: fs.WriteStream | undefined;
export function startJournal(path: string) {
  journal = fs.createWriteStream(path, { flags: 'a' });
}
export function record(entry: object) {
  journal?.write(JSON.stringify(entry) + '\\n');
}
`,
      errors: [
        {
          messageId: 'unhandled',
          line: 5,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import fs from 'node:fs';
let journal: fs.WriteStream | undefined;
export function startJournal(path: string) {
  journal = fs.createWriteStream(path, { flags: 'a' }).on('error', (error) => console.error(error));
}
export function record(entry: object) {
  journal?.write(JSON.stringify(entry) + '\\n');
}
`,
            },
          ],
        },
      ],
    },
    // Bound methods and closing arrows use the gunzip; none of them hands it to anyone.
    {
      code: `
import zlib from 'node:zlib';
export function inflater(onText: (text: string) => void) {
  const gunzip = zlib.createGunzip();
  gunzip.setEncoding('utf8').on('data', onText);
  return { push: gunzip.write.bind(gunzip), close: () => gunzip.end() };
}
`,
      errors: [
        {
          messageId: 'unhandled',
          line: 4,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import zlib from 'node:zlib';
export function inflater(onText: (text: string) => void) {
  const gunzip = zlib.createGunzip();
  gunzip.on('error', (error) => console.error(error));
  gunzip.setEncoding('utf8').on('data', onText);
  return { push: gunzip.write.bind(gunzip), close: () => gunzip.end() };
}
`,
            },
          ],
        },
      ],
    },
    // Ending the stream at exit is no hand-over.
    {
      code: `
const fs = require('fs');
const trace = fs.createWriteStream('trace.log', { flags: 'a' });
trace.write('started\\n');
process.on('exit', () => trace.end());
`,
      errors: [
        {
          messageId: 'unhandled',
          line: 3,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const fs = require('fs');
const trace = fs.createWriteStream('trace.log', { flags: 'a' });
trace.on('error', (error) => console.error(error));
trace.write('started\\n');
process.on('exit', () => trace.end());
`,
            },
          ],
        },
      ],
    },
    // A field set in the constructor and written in other methods: still nobody listens.
    {
      code: `
import fs from 'node:fs';
export class AuditTrail {
  private out: fs.WriteStream;
  constructor(path: string) {
    this.out = fs.createWriteStream(path, { flags: 'a' });
  }
  record(event: string) { this.out.write(JSON.stringify({ event, at: Date.now() }) + '\\n'); }
  close() { this.out.end(); }
}
`,
      errors: [
        {
          messageId: 'unhandled',
          line: 6,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import fs from 'node:fs';
export class AuditTrail {
  private out: fs.WriteStream;
  constructor(path: string) {
    this.out = fs.createWriteStream(path, { flags: 'a' }).on('error', (error) => console.error(error));
  }
  record(event: string) { this.out.write(JSON.stringify({ event, at: Date.now() }) + '\\n'); }
  close() { this.out.end(); }
}
`,
            },
          ],
        },
      ],
    },
    // A helper of this file that returns a new stream is a factory: its call makes the stream.
    {
      code: `
const fs = require('fs');
function openReport(dir) {
  return fs.createWriteStream(dir + '/report.csv');
}
const report = openReport('/tmp');
report.write('id,total\\n');
report.end();
`,
      errors: [
        {
          messageId: 'unhandled',
          line: 6,
          data: { factory: 'openReport(…)' },
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const fs = require('fs');
function openReport(dir) {
  return fs.createWriteStream(dir + '/report.csv');
}
const report = openReport('/tmp');
report.on('error', (error) => console.error(error));
report.write('id,total\\n');
report.end();
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { createReadStream } from 'node:fs';
const openInput = (path: string) => {
  const input = createReadStream(path, 'utf8');
  return input;
};
export function count(path: string) {
  let total = 0;
  openInput(path).on('data', (chunk) => { total += chunk.length; });
}
`,
      errors: [
        {
          messageId: 'unhandled',
          line: 9,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import { createReadStream } from 'node:fs';
const openInput = (path: string) => {
  const input = createReadStream(path, 'utf8');
  return input;
};
export function count(path: string) {
  let total = 0;
  openInput(path).on('error', (error) => console.error(error)).on('data', (chunk) => { total += chunk.length; });
}
`,
            },
          ],
        },
      ],
    },
  ],
});

runBothWays('no-ignored-write: value flow', noIgnoredWrite, {
  valid: [
    // Writes held back until the file opened, replayed as they are: the chunks are in memory already.
    `
var fs = require('fs');
function Writer(path) {
  this.path = path;
  this._queue = [];
}
Writer.prototype.open = function () {
  var me = this;
  me._out = fs.createWriteStream(me.path);
  me._out.on('error', function (error) { me.emit('error', error); });
  me._out.on('open', function () {
    me._queue.forEach(function (chunk) { me._out.write(chunk); });
    me._queue = null;
  });
};
module.exports = Writer;
`,
    // Assigned later, but not a stream: a batch with its own write().
    `
class Batch { rows: string[] = []; write(row: string) { this.rows.push(row); } }
let batch: Batch | null = null;
export function begin() { batch = new Batch(); }
export function fill(rows: string[]) { for (const row of rows) batch!.write(row); }
`,
  ],
  invalid: [
    // `let gz; … gz = zlib.createGzip()`: the later assignment makes it a stream.
    {
      code: `
import fs from 'node:fs';
import zlib from 'node:zlib';
let gzip: zlib.Gzip;
export function start(path: string) {
  gzip = zlib.createGzip();
  gzip.pipe(fs.createWriteStream(path));
}
export function flush(lines: string[]) {
  for (const line of lines) gzip.write(line + '\\n');
}
`,
      errors: [{ messageId: 'ignoredWrite', data: { name: 'gzip', context: 'loop' }, line: 10 }],
    },
    // Elements of a list the caller passed, not a queue of the object's own: still unbounded.
    {
      code: `
var fs = require('fs');
function Export(path) {
  this._out = fs.createWriteStream(path);
  this._out.on('error', function (error) { console.error(error); });
}
Export.prototype.rows = function (rows) {
  var self = this;
  rows.forEach(function (row) { self._out.write(row); });
};
module.exports = Export;
`,
      errors: [{ messageId: 'ignoredWrite', data: { name: 'self._out', context: "'forEach()' callback" }, line: 9 }],
    },
    // A field set in the constructor, written in a loop in another method.
    {
      code: `
import fs from 'node:fs';
export class CsvExport {
  private out;
  constructor(path: string) { this.out = fs.createWriteStream(path); }
  rows(rows: string[][]) {
    for (const row of rows) this.out.write(row.join(',') + '\\n');
  }
}
`,
      errors: [{ messageId: 'ignoredWrite', data: { name: 'this.out', context: 'loop' }, line: 7 }],
    },
  ],
});
