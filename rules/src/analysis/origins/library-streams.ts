import type { StreamKind } from '../stream-kind.js';

/** What one export of a library hands out, as `library-streams.ts` and the settings describe it. */
export interface StreamModel {
  kind: StreamKind;
  /** False for streams with no I/O of their own, whose unhandled failure is not worth a report. */
  canFail: boolean;
  /** The library listens for the stream's errors itself (always, or when it is given a callback). */
  errorsHandled?: boolean | 'withCallback';
  /** Where the stream is; the value of calling or constructing the export when absent. */
  from?: {
    /** This property of the (awaited) result: `(await fetch(url)).body`. */
    property?: string;
    /** The export is a command object handed to `client.send(…)`, whose result has the property. */
    sent?: boolean;
    /** The export is a method name, called on any object of a file that imports the package. */
    method?: boolean;
    /** The stream is this parameter of the callback given as the call's last argument. */
    callbackParameter?: number;
    /** The stream is this parameter of the listener for `event` on the result. */
    event?: string;
    parameter?: number;
  };
  /** Given no function argument, the stream has no code of its own that could fail (a PassThrough). */
  inertWithoutFunction?: boolean;
  /** Only when an object argument has these properties with these values. */
  when?: Record<string, string>;
  /** Not when an object argument has this property (`tar.c({ file })` returns a promise). */
  unless?: string;
}

/**
 * What popular npm packages hand out that is a Node stream, one entry per export. Each was read in
 * the package's own code or declarations (versions in the comments). The keys are the module as
 * code imports it and the export's path in it, `default` for the module itself; users add theirs
 * through `settings['node-streams'].streams`, in the same shape.
 *
 * `from` says where the stream is: the value of calling or constructing the export (the default),
 * a property of the (awaited) result, a parameter of the callback the export is given, a
 * parameter of a listener on the result, or a method of any object in a file that imports the
 * package. `canFail: false` marks streams that have no I/O of their own; `errorsHandled` marks
 * streams whose errors the library already listens for and hands on.
 */
export const libraryStreams: Record<string, Record<string, StreamModel | readonly StreamModel[]>> = {
  // HTTP clients.
  got: {
    // got 14: `got.stream()` is a Request (a Duplex) that emits 'error' on failure.
    stream: { kind: 'duplex', canFail: true },
    'stream.get': { kind: 'duplex', canFail: true },
    'stream.post': { kind: 'duplex', canFail: true },
    'stream.put': { kind: 'duplex', canFail: true },
  },
  axios: {
    // The response body is a Node IncomingMessage when asked for with `responseType: 'stream'`.
    default: { kind: 'readable', canFail: true, from: { property: 'data' }, when: { responseType: 'stream' } },
    get: { kind: 'readable', canFail: true, from: { property: 'data' }, when: { responseType: 'stream' } },
    post: { kind: 'readable', canFail: true, from: { property: 'data' }, when: { responseType: 'stream' } },
    request: { kind: 'readable', canFail: true, from: { property: 'data' }, when: { responseType: 'stream' } },
  },
  request: {
    // request 2: a Duplex; given a callback, the library passes the error to it instead.
    default: { kind: 'duplex', canFail: true, errorsHandled: 'withCallback' },
    get: { kind: 'duplex', canFail: true, errorsHandled: 'withCallback' },
    post: { kind: 'duplex', canFail: true, errorsHandled: 'withCallback' },
  },
  'node-fetch': {
    // node-fetch 2 and 3: `response.body` is a Node PassThrough.
    default: { kind: 'readable', canFail: true, from: { property: 'body' } },
  },
  undici: {
    // undici 7: `request()` resolves to `{ body }`, a BodyReadable; `pipeline()` is a Duplex.
    request: { kind: 'readable', canFail: true, from: { property: 'body' } },
    pipeline: { kind: 'duplex', canFail: true },
  },
  // CSV.
  'csv-parse': {
    default: { kind: 'duplex', canFail: true },
    parse: { kind: 'duplex', canFail: true },
  },
  'csv-stringify': {
    default: { kind: 'duplex', canFail: true },
    stringify: { kind: 'duplex', canFail: true },
  },
  csv: {
    parse: { kind: 'duplex', canFail: true },
    stringify: { kind: 'duplex', canFail: true },
    transform: { kind: 'duplex', canFail: true },
  },
  'csv-parser': { default: { kind: 'duplex', canFail: true } },
  'fast-csv': {
    parse: { kind: 'duplex', canFail: true },
    format: { kind: 'duplex', canFail: true },
    parseFile: { kind: 'duplex', canFail: true },
    parseStream: { kind: 'duplex', canFail: true },
  },
  // Archives.
  archiver: {
    // archiver 7: a Transform fed by `append()`/`file()`; emits 'error' (and 'warning').
    default: { kind: 'duplex', canFail: true },
    create: { kind: 'duplex', canFail: true },
  },
  tar: {
    // tar 6/7 (node-tar): minipass streams; with a `file` option they return a promise instead.
    c: { kind: 'readable', canFail: true, unless: 'file' },
    create: { kind: 'readable', canFail: true, unless: 'file' },
    x: { kind: 'writable', canFail: true, unless: 'file' },
    extract: { kind: 'writable', canFail: true, unless: 'file' },
    t: { kind: 'writable', canFail: true, unless: 'file' },
  },
  'tar-stream': {
    // tar-stream 3 (streamx): `pack()` is read, `extract()` is written.
    pack: { kind: 'readable', canFail: true },
    extract: { kind: 'writable', canFail: true },
  },
  'tar-fs': {
    pack: { kind: 'readable', canFail: true },
    extract: { kind: 'writable', canFail: true },
  },
  yauzl: {
    // yauzl 3: `zipfile.openReadStream(entry, (err, readStream) => …)`.
    openReadStream: { kind: 'readable', canFail: true, from: { method: true, callbackParameter: 1 } },
  },
  yazl: {
    // yazl 3: `zipfile.outputStream` is a PassThrough the zip is written into.
    ZipFile: { kind: 'readable', canFail: false, from: { property: 'outputStream' } },
  },
  unzipper: {
    // unzipper 0.12: Parse is a Transform of entries, Extract a Writable that writes files.
    Parse: { kind: 'duplex', canFail: true },
    ParseOne: { kind: 'duplex', canFail: true },
    Extract: { kind: 'writable', canFail: true },
  },
  // Multipart parsers.
  busboy: {
    // busboy 1: a Writable; each file is a Readable that is destroyed on a truncated form.
    default: [
      { kind: 'writable', canFail: true },
      { kind: 'readable', canFail: true, from: { event: 'file', parameter: 1 } },
    ],
  },
  multiparty: {
    // multiparty 4: with a 'part' listener, each part is a Readable the caller must consume.
    Form: { kind: 'readable', canFail: true, from: { event: 'part', parameter: 0 } },
  },
  // Cloud SDKs.
  '@google-cloud/storage': {
    // storage 7: `bucket.file(name).createReadStream()` / `.createWriteStream()`.
    createReadStream: { kind: 'readable', canFail: true, from: { method: true } },
    createWriteStream: { kind: 'writable', canFail: true, from: { method: true } },
  },
  '@aws-sdk/client-s3': {
    // v3: `(await client.send(new GetObjectCommand(…))).Body` is an IncomingMessage in Node.
    GetObjectCommand: { kind: 'readable', canFail: true, from: { property: 'Body', sent: true } },
  },
  'aws-sdk': {
    // v2: `s3.getObject(params).createReadStream()`.
    createReadStream: { kind: 'readable', canFail: true, from: { method: true } },
  },
  // Databases.
  'pg-query-stream': { default: { kind: 'readable', canFail: true } },
  'pg-copy-streams': {
    // pg-copy-streams 7: `from` is written (COPY FROM STDIN), `to` is read, `both` is both.
    from: { kind: 'writable', canFail: true },
    to: { kind: 'readable', canFail: true },
    both: { kind: 'duplex', canFail: true },
  },
  mysql2: {
    // `connection.query(sql).stream()`: a Readable of rows.
    stream: { kind: 'readable', canFail: true, from: { method: true } },
  },
  mysql: { stream: { kind: 'readable', canFail: true, from: { method: true } } },
  mongodb: {
    // mongodb 6: `cursor.stream()` is a Readable of documents.
    stream: { kind: 'readable', canFail: true, from: { method: true } },
  },
  // Remote shells and containers.
  ssh2: {
    // ssh2 1: `conn.exec(cmd, (err, stream) => …)` and `conn.shell(…)` hand a Duplex channel.
    exec: { kind: 'duplex', canFail: true, from: { method: true, callbackParameter: 1 } },
    shell: { kind: 'duplex', canFail: true, from: { method: true, callbackParameter: 1 } },
  },
  dockerode: {
    // dockerode 4/5: `container.logs({ follow: true }, (err, stream) => …)`, `attach`, `exec.start`.
    logs: { kind: 'readable', canFail: true, from: { method: true, callbackParameter: 1 } },
    attach: { kind: 'duplex', canFail: true, from: { method: true, callbackParameter: 1 } },
  },
  // Documents.
  pdfkit: {
    // pdfkit: a Readable of generated bytes with no I/O of its own.
    default: { kind: 'readable', canFail: false },
  },
  sharp: {
    // sharp: a Duplex that fails on input it cannot decode.
    default: { kind: 'duplex', canFail: true },
  },
  // WebSockets.
  ws: {
    createWebSocketStream: { kind: 'duplex', canFail: true },
  },
  // Loggers' destinations.
  pino: {
    // pino 9: `pino.destination()` is a SonicBoom, which emits 'error' when a write fails.
    destination: { kind: 'writable', canFail: true },
  },
  'sonic-boom': {
    default: { kind: 'writable', canFail: true },
    SonicBoom: { kind: 'writable', canFail: true },
  },
  'rotating-file-stream': {
    createStream: { kind: 'writable', canFail: true },
  },
  // fs look-alikes.
  'graceful-fs': {
    createReadStream: { kind: 'readable', canFail: true },
    createWriteStream: { kind: 'writable', canFail: true },
  },
  'fs-extra': {
    createReadStream: { kind: 'readable', canFail: true },
    createWriteStream: { kind: 'writable', canFail: true },
  },
  memfs: {
    // memfs: an in-memory fs whose streams still fail on a missing file.
    createReadStream: { kind: 'readable', canFail: true, from: { method: true } },
    createWriteStream: { kind: 'writable', canFail: true, from: { method: true } },
  },
  // Stream toolkits.
  minipass: {
    default: { kind: 'duplex', canFail: false },
    Minipass: { kind: 'duplex', canFail: false },
  },
  split2: { default: { kind: 'duplex', canFail: true } },
  through2: {
    // through2 4: given no transform function, the stream passes its chunks through as they are,
    // with no code that could fail (a stream filled with `push()` for a caller).
    default: { kind: 'duplex', canFail: true, inertWithoutFunction: true },
    obj: { kind: 'duplex', canFail: true, inertWithoutFunction: true },
  },
  pumpify: {
    // pumpify: one Duplex that takes every inner stream's error as its own.
    default: { kind: 'duplex', canFail: true },
    obj: { kind: 'duplex', canFail: true },
  },
  duplexify: {
    default: { kind: 'duplex', canFail: true },
    obj: { kind: 'duplex', canFail: true },
  },
  'stream-json': { parser: { kind: 'duplex', canFail: true } },
  JSONStream: {
    parse: { kind: 'duplex', canFail: true },
    stringify: { kind: 'duplex', canFail: true },
  },
  'form-data': {
    // form-data 4: a CombinedStream that re-emits the errors of the streams appended to it.
    default: { kind: 'readable', canFail: true },
  },
  // Child processes: cross-spawn is `child_process.spawn`, and its result's stdio are streams.
  'cross-spawn': {
    default: [
      { kind: 'readable', canFail: true, from: { property: 'stdout' } },
      { kind: 'readable', canFail: true, from: { property: 'stderr' } },
      { kind: 'writable', canFail: true, from: { property: 'stdin' } },
    ],
    spawn: [
      { kind: 'readable', canFail: true, from: { property: 'stdout' } },
      { kind: 'readable', canFail: true, from: { property: 'stderr' } },
      { kind: 'writable', canFail: true, from: { property: 'stdin' } },
    ],
  },
};

/**
 * Packages whose values have `.pipe()`, `.on('data')` or `write()` without being Node streams, or
 * whose streams belong to the library's own runner (gulp's tasks):
 * usage is no evidence for them. `*` is every export.
 */
export const notStreamLibraries: Record<string, readonly string[] | '*'> = {
  rxjs: '*',
  'rxjs/operators': '*',
  highland: '*',
  // execa 9: the result is a promise-like subprocess whose `.pipe()` pipes subprocesses.
  execa: '*',
  zx: '*',
  // React 18/19: the result of `renderToPipeableStream` has `pipe(destination)` and `abort()`.
  'react-dom/server': ['renderToPipeableStream'],
  // An EventEmitter that reports through `done()`; its 'httpUploadProgress' is no stream event.
  '@aws-sdk/lib-storage': ['Upload'],
  'tus-js-client': '*',
  // gulp's file streams go back to its task system, which listens for their end and errors.
  gulp: '*',
  'vinyl-fs': '*',
  // A command whose `.pipe()` starts ffmpeg and returns the output stream.
  'fluent-ffmpeg': '*',
  zod: '*',
  effect: '*',
  'fp-ts': '*',
  ix: '*',
  kefir: '*',
  baconjs: '*',
  most: '*',
  xstream: '*',
  // exceljs: the streaming writer writes into the stream it is given and reports through `commit()`.
  exceljs: '*',
  readline: '*',
  ws: ['default', 'WebSocket', 'WebSocketServer', 'Server'],
  // send 1: a SendStream (a legacy Stream) whose own `pipe(res)` opens the file, emits 'error' only
  // to listeners it has (else answers the request itself) and closes the file when res finishes.
  send: ['default'],
  // scramjet 4: its streams' own `pipe()` (scramjet-core's PromiseTransformStream) forwards every
  // error to the destination, so a chain of them fails as one like pipeline().
  scramjet: '*',
  'scramjet-core': '*',
};
