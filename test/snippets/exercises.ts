/**
 * What each snippet must do when it runs: the names it defines, and a run that calls them against
 * temporary files or servers on 127.0.0.1 and asserts the effect. One entry per snippet; a snippet
 * without one fails the library test.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable, Writable, type Duplex, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { gunzipSync, gzipSync } from 'node:zlib';

export interface Exercise {
  /** The names the snippet defines that the run calls. */
  exports: string[];
  /** Calls them; `directory` is an empty temporary folder, `modulePath` the snippet's file. */
  run(api: Record<string, unknown>, directory: string, modulePath: string): Promise<void>;
}

/** Types one exercise's view of the snippet's names. */
function exercise<Api>(exports: (keyof Api & string)[], run: (api: Api, directory: string, modulePath: string) => Promise<void>): Exercise {
  return { exports, run: (api, directory, modulePath) => run(api as Api, directory, modulePath) };
}

type NodeCallback<T = void> = (error: Error | null, value?: T) => void;

/** Calls a callback-style function and settles with what it calls back. */
function callbackResult<T>(call: (callback: NodeCallback<T>) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => call((error, value) => (error ? reject(error) : resolve(value))));
}

async function collect<T = unknown>(stream: NodeJS.ReadableStream | Readable): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item as T);
  return items;
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closed(server: Server): Promise<void> {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function fetchRaw(url: string, options: { method?: string; headers?: Record<string, string | number>; body?: Buffer | Readable } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    outgoing.on('error', reject);
    if (options.body instanceof Readable) options.body.pipe(outgoing);
    else outgoing.end(options.body);
  });
}

const missing = (directory: string) => join(directory, 'no-such-folder', 'file');

export const exercises: Record<string, Exercise> = {
  'stream-read-file': exercise<{ countBytes(path: string, callback: NodeCallback<number>): void }>(
    ['countBytes'],
    async ({ countBytes }, directory) => {
      const path = join(directory, 'data.bin');
      writeFileSync(path, randomBytes(200_000));
      assert.equal(await callbackResult<number>((callback) => countBytes(path, callback)), 200_000);
      await assert.rejects(callbackResult((callback) => countBytes(missing(directory), callback)), { code: 'ENOENT' });
    },
  ),

  'stream-read-lines': exercise<{ countNonEmptyLines(path: string): Promise<number> }>(
    ['countNonEmptyLines'],
    async ({ countNonEmptyLines }, directory) => {
      const path = join(directory, 'lines.txt');
      writeFileSync(path, 'first\n\nsecond\r\n   \nthird');
      assert.equal(await countNonEmptyLines(path), 3);
      await assert.rejects(countNonEmptyLines(missing(directory)), { code: 'ENOENT' });
    },
  ),

  'stream-http-get': exercise<{ fetchText(url: string, callback: NodeCallback<string>): void }>(
    ['fetchText'],
    async ({ fetchText }) => {
      const server = createServer((incoming, response) => {
        if (incoming.url === '/hello') response.end('héllo wörld');
        else if (incoming.url === '/big') response.end(Buffer.alloc(2 * 1024 * 1024, 'x'));
        else response.writeHead(404).end('no');
      });
      const base = await listen(server);
      try {
        const get = (path: string) => callbackResult<string>((callback) => fetchText(`${base}${path}`, callback));
        assert.equal(await get('/hello'), 'héllo wörld');
        await assert.rejects(get('/nothing'), /answered 404/);
        await assert.rejects(get('/big'), /larger than 1048576 bytes/);
      } finally {
        await closed(server);
      }
      await assert.rejects(callbackResult((callback) => fetchText(base, callback)), { code: 'ECONNREFUSED' });
    },
  ),

  'stream-write-file': exercise<{ saveReport(path: string, title: string, rows: string[], callback: NodeCallback): void }>(
    ['saveReport'],
    async ({ saveReport }, directory) => {
      const path = join(directory, 'report.md');
      await callbackResult((callback) => saveReport(path, 'Sales', ['north 3', 'south 5'], callback));
      assert.equal(readFileSync(path, 'utf8'), '# Sales\nnorth 3\nsouth 5\n');
      await assert.rejects(callbackResult((callback) => saveReport(missing(directory), 'x', [], callback)), { code: 'ENOENT' });
    },
  ),

  'stream-readable-from': exercise<{ writeNumbers(path: string, count: number): Promise<void> }>(
    ['writeNumbers'],
    async ({ writeNumbers }, directory) => {
      const path = join(directory, 'numbers.txt');
      await writeNumbers(path, 5000);
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      assert.equal(lines.length, 5000);
      assert.deepEqual([lines[0], lines[4999]], ['1', '5000']);
    },
  ),

  'stream-copy-file': exercise<{ copyFile(source: string, destination: string, callback: NodeCallback): void }>(
    ['copyFile'],
    async ({ copyFile }, directory) => {
      const source = join(directory, 'source.bin');
      const content = randomBytes(1_000_000);
      writeFileSync(source, content);
      await callbackResult((callback) => copyFile(source, join(directory, 'copy.bin'), callback));
      assert.ok(readFileSync(join(directory, 'copy.bin')).equals(content));
      await assert.rejects(callbackResult((callback) => copyFile(missing(directory), join(directory, 'x'), callback)), { code: 'ENOENT' });
    },
  ),

  'stream-transform-class': exercise<{ UpperCase: new () => Transform }>(['UpperCase'], async ({ UpperCase }) => {
    const text = Buffer.from('streams für alle');
    // Cut inside the two bytes of 'ü': the decoder must join them.
    const cut = text.indexOf(Buffer.from('ü')) + 1;
    const output = await collect<Buffer>(Readable.from([text.subarray(0, cut), text.subarray(cut)]).pipe(new UpperCase()));
    assert.equal(Buffer.concat(output).toString('utf8'), 'STREAMS FÜR ALLE');
  }),

  'stream-transform-options': exercise<{ sizeLimit(maxBytes: number): Transform }>(['sizeLimit'], async ({ sizeLimit }) => {
    const passed: Buffer[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, callback) => (passed.push(chunk), callback()) });
    await pipeline(Readable.from([Buffer.from('12345'), Buffer.from('678')]), sizeLimit(10), sink);
    assert.equal(Buffer.concat(passed).toString(), '12345678');
    await assert.rejects(
      pipeline(Readable.from([Buffer.alloc(6), Buffer.alloc(6)]), sizeLimit(10), new Writable({ write: (_chunk, _encoding, callback) => callback() })),
      /more than 10 bytes/,
    );
  }),

  'stream-pipeline-callback': exercise<{ gzipFile(source: string, destination: string, callback: NodeCallback): void }>(
    ['gzipFile'],
    async ({ gzipFile }, directory) => {
      const source = join(directory, 'log.txt');
      writeFileSync(source, 'line\n'.repeat(10_000));
      await callbackResult((callback) => gzipFile(source, `${source}.gz`, callback));
      assert.equal(gunzipSync(readFileSync(`${source}.gz`)).toString(), 'line\n'.repeat(10_000));
      const failed = join(directory, 'missing.gz');
      await assert.rejects(callbackResult((callback) => gzipFile(join(directory, 'missing.txt'), failed, callback)), { code: 'ENOENT' });
      assert.equal(existsSync(failed), false, 'the partial output is removed');
    },
  ),

  'stream-pipeline-await': exercise<{ gunzipFile(source: string, destination: string): Promise<void> }>(
    ['gunzipFile'],
    async ({ gunzipFile }, directory) => {
      const source = join(directory, 'data.gz');
      writeFileSync(source, gzipSync('hello '.repeat(1000)));
      await gunzipFile(source, join(directory, 'data.txt'));
      assert.equal(readFileSync(join(directory, 'data.txt'), 'utf8'), 'hello '.repeat(1000));
      writeFileSync(source, 'not gzip at all');
      await assert.rejects(gunzipFile(source, join(directory, 'bad.txt')), (error: Error) => {
        assert.match(error.message, /Could not decompress .*data\.gz/);
        assert.equal((error.cause as NodeJS.ErrnoException).code, 'Z_DATA_ERROR');
        return true;
      });
    },
  ),

  'stream-finished': exercise<{ hashFile(path: string, callback: NodeCallback<string>): void }>(
    ['hashFile'],
    async ({ hashFile }, directory) => {
      const path = join(directory, 'data.bin');
      const content = randomBytes(300_000);
      writeFileSync(path, content);
      const digest = await callbackResult<string>((callback) => hashFile(path, callback));
      assert.equal(digest, createHash('sha256').update(content).digest('hex'));
      await assert.rejects(callbackResult((callback) => hashFile(missing(directory), callback)), { code: 'ENOENT' });
    },
  ),

  'stream-write-drain': exercise<{ writeRows(path: string, rows: Iterable<string>): Promise<void> }>(
    ['writeRows'],
    async ({ writeRows }, directory) => {
      const path = join(directory, 'rows.csv');
      let produced = 0;
      function* rows() {
        for (; produced < 50_000; produced++) yield `${produced},${'x'.repeat(40)}`;
      }
      await writeRows(path, rows());
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      assert.equal(lines.length, 50_000);
      assert.equal(lines[49_999], `49999,${'x'.repeat(40)}`);
      await assert.rejects(writeRows(missing(directory), ['a']), { code: 'ENOENT' });
    },
  ),

  'stream-pause-resume': exercise<{ relay(source: Readable, destination: Writable): Promise<void> }>(
    ['relay'],
    async ({ relay }) => {
      const chunks = Array.from({ length: 200 }, (_, index) => Buffer.alloc(1024, index % 256));
      const source = Readable.from(chunks, { objectMode: false });
      let pauses = 0;
      source.on('pause', () => pauses++);
      const received: Buffer[] = [];
      // A slow destination with a small buffer: the relay must wait for it.
      const destination = new Writable({
        highWaterMark: 4096,
        write(chunk: Buffer, _encoding, callback) {
          received.push(chunk);
          setImmediate(callback);
        },
      });
      await relay(source, destination);
      assert.ok(Buffer.concat(received).equals(Buffer.concat(chunks)));
      assert.ok(pauses > 10, `the source was paused ${pauses} times`);

      const failing = new Readable({ read() { this.destroy(new Error('disk gone')); } });
      const target = new Writable({ write: (_chunk, _encoding, callback) => callback() });
      await assert.rejects(relay(failing, target), /disk gone/);
      assert.ok(target.destroyed, 'the destination is destroyed with the source');
    },
  ),

  'stream-readable-class': exercise<{ PagedReader: new (fetchPage: (page: number) => Promise<unknown[]>) => Readable }>(
    ['PagedReader'],
    async ({ PagedReader }) => {
      const pages = [[1, 2, 3], [4, 5], [6]];
      const requested: number[] = [];
      const reader = new PagedReader(async (page) => {
        requested.push(page);
        await delay(1);
        return pages[page - 1] ?? [];
      });
      assert.deepEqual(await collect(reader), [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(requested, [1, 2, 3, 4]);
      const failing = new PagedReader(() => Promise.reject(new Error('service down')));
      await assert.rejects(collect(failing), /service down/);
    },
  ),

  'stream-writable-class': exercise<{ FileSink: new (path: string) => Writable }>(['FileSink'], async ({ FileSink }, directory) => {
    const path = join(directory, 'sink.txt');
    await pipeline(Readable.from(['first ', 'second ', 'third']), new FileSink(path));
    assert.equal(readFileSync(path, 'utf8'), 'first second third');
    await assert.rejects(pipeline(Readable.from(['x']), new FileSink(missing(directory))), { code: 'ENOENT' });
  }),

  'stream-duplex-class': exercise<{ Responder: new (respond: (message: unknown) => unknown) => Duplex }>(
    ['Responder'],
    async ({ Responder }) => {
      const responder = new Responder((message) => ({ doubled: (message as number) * 2 }));
      const answers: unknown[] = [];
      // A slow reader: the writer is held whenever the reader is behind.
      const reader = new Writable({
        objectMode: true,
        highWaterMark: 1,
        write(answer, _encoding, callback) {
          answers.push(answer);
          setTimeout(callback, 1);
        },
      });
      await pipeline(Readable.from(Array.from({ length: 100 }, (_, index) => index)), responder, reader);
      assert.equal(answers.length, 100);
      assert.deepEqual(answers.slice(0, 3), [{ doubled: 0 }, { doubled: 2 }, { doubled: 4 }]);
      assert.deepEqual(answers[99], { doubled: 198 });
    },
  ),

  'stream-transform-batch': exercise<{ Batcher: new (size: number, maxWaitMs?: number) => Transform }>(
    ['Batcher'],
    async ({ Batcher }) => {
      assert.deepEqual(await collect(Readable.from([1, 2, 3, 4, 5, 6, 7]).pipe(new Batcher(3))), [[1, 2, 3], [4, 5, 6], [7]]);
      const batcher = new Batcher(10, 30);
      batcher.write('alone');
      const [first] = (await once(batcher, 'data')) as unknown[];
      assert.deepEqual(first, ['alone'], 'a partial batch leaves after maxWaitMs');
      batcher.write('later');
      batcher.destroy();
      await once(batcher, 'close');
    },
  ),

  'stream-json-lines': exercise<{ parseJsonLines(): Transform }>(['parseJsonLines'], async ({ parseJsonLines }) => {
    const text = Buffer.from('{"name":"Zoë"}\n{"n":2}\n\n[3]');
    // Chunks cut inside a line and inside the two bytes of 'ë'.
    const cut = text.indexOf(Buffer.from('ë')) + 1;
    const chunks = [text.subarray(0, cut), text.subarray(cut, cut + 7), text.subarray(cut + 7)];
    assert.deepEqual(await collect(Readable.from(chunks).pipe(parseJsonLines())), [{ name: 'Zoë' }, { n: 2 }, [3]]);
    await assert.rejects(collect(Readable.from([Buffer.from('{"ok":1}\n{oops}\n')]).compose(parseJsonLines())), /Not a line of JSON: \{oops\}/);
  }),

  'stream-compose': exercise<{ gzipLines(gzipped: Readable): NodeJS.ReadableStream }>(['gzipLines'], async ({ gzipLines }) => {
    const gzipped = gzipSync('alpha\nbeta\r\ngamma');
    const halves = [gzipped.subarray(0, 10), gzipped.subarray(10)];
    assert.deepEqual(await collect(gzipLines(Readable.from(halves))), ['alpha', 'beta\r', 'gamma']);
    await assert.rejects(collect(gzipLines(Readable.from([Buffer.from('plain text')]))), { code: 'Z_DATA_ERROR' });
    const failing = new Readable({ read() { this.destroy(new Error('source failed')); } });
    await assert.rejects(collect(gzipLines(failing)), /source failed/);
  }),

  'stream-duplex-from': exercise<{ commandStage(command: string, args: string[]): Duplex }>(['commandStage'], async ({ commandStage }) => {
    const run = async (command: string, args: string[]) => {
      const output: Buffer[] = [];
      await pipeline(Readable.from([Buffer.from('hello '), Buffer.from('streams')]), commandStage(command, args), async (chunks: AsyncIterable<Buffer>) => {
        for await (const chunk of chunks) output.push(chunk);
      });
      return Buffer.concat(output).toString();
    };
    assert.equal(await run('tr', ['a-z', 'A-Z']), 'HELLO STREAMS');
    await assert.rejects(run('no-such-command-here', []), { code: 'ENOENT' });
    await assert.rejects(run('sh', ['-c', 'cat; exit 3']), /sh failed: exit code 3/);
    await assert.rejects(run('sh', ['-c', 'cat; kill -TERM $$']), /sh failed: SIGTERM/);
  }),

  'stream-high-water-mark': exercise<{ copyLargeFile(source: string, destination: string): Promise<void> }>(
    ['copyLargeFile'],
    async ({ copyLargeFile }, directory) => {
      const content = randomBytes(3 * 1024 * 1024 + 7);
      writeFileSync(join(directory, 'big.bin'), content);
      await copyLargeFile(join(directory, 'big.bin'), join(directory, 'copy.bin'));
      assert.ok(readFileSync(join(directory, 'copy.bin')).equals(content));
    },
  ),

  'stream-cork': exercise<{ sendMessage(stream: Writable, header: string, body: string): void }>(['sendMessage'], async ({ sendMessage }) => {
    const calls: string[][] = [];
    const socketLike = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        calls.push([chunk.toString()]);
        callback();
      },
      writev(entries, callback) {
        calls.push(entries.map(({ chunk }) => (chunk as Buffer).toString()));
        callback();
      },
    });
    sendMessage(socketLike, 'HEADER\n', 'body');
    assert.deepEqual(calls, [], 'nothing leaves before the next tick');
    await new Promise((resolve) => process.nextTick(resolve));
    assert.deepEqual(calls, [['HEADER\n', 'body']], 'both writes leave in one writev()');
  }),

  'stream-writev': exercise<{ batchWriter(sendBatch: (items: unknown[]) => Promise<void>): Writable }>(
    ['batchWriter'],
    async ({ batchWriter }) => {
      const batches: unknown[][] = [];
      const writer = batchWriter(async (items) => {
        batches.push(items);
        await delay(2);
      });
      await pipeline(Readable.from(Array.from({ length: 50 }, (_, index) => ({ id: index }))), writer);
      assert.deepEqual(batches.flat(), Array.from({ length: 50 }, (_, index) => ({ id: index })));
      assert.ok(batches.length < 50 && batches.some((batch) => batch.length > 1), `batches: ${batches.map((batch) => batch.length).join(' ')}`);
      const failing = batchWriter(() => Promise.reject(new Error('database down')));
      await assert.rejects(pipeline(Readable.from([{ id: 1 }]), failing), /database down/);
    },
  ),

  'stream-pipeline-generator': exercise<{
    filterLines(source: string, destination: string, keep: (line: string) => boolean, timeoutMs?: number): Promise<void>;
  }>(['filterLines'], async ({ filterLines }, directory) => {
    const source = join(directory, 'app.log');
    writeFileSync(source, Array.from({ length: 200_000 }, (_, index) => (index % 4 === 0 ? `ERROR ${index}` : `info ${index}`)).join('\n'));
    await filterLines(source, join(directory, 'errors.log'), (line) => line.startsWith('ERROR'));
    const kept = readFileSync(join(directory, 'errors.log'), 'utf8').trimEnd().split('\n');
    assert.equal(kept.length, 50_000);
    assert.deepEqual([kept[0], kept[49_999]], ['ERROR 0', 'ERROR 199996']);
    // 2.6 MB cannot pass in 1 ms: the signal stops the pipeline and every stream in it.
    await assert.rejects(filterLines(source, join(directory, 'late.log'), () => true, 1), { name: 'AbortError' });
  }),

  'stream-http-file-server': exercise<{ createFileServer(root: string): Server }>(['createFileServer'], async ({ createFileServer }, directory) => {
    const root = join(directory, 'public');
    await mkdir(join(root, 'folder'), { recursive: true });
    writeFileSync(join(root, 'hello.txt'), 'hello '.repeat(10_000));
    writeFileSync(join(directory, 'secret.txt'), 'secret');
    const server = createFileServer(root);
    const base = await listen(server);
    try {
      const zipped = await fetchRaw(`${base}/hello.txt`, { headers: { 'accept-encoding': 'gzip, br' } });
      assert.equal(zipped.status, 200);
      assert.equal(zipped.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(zipped.body).toString(), 'hello '.repeat(10_000));
      const plain = await fetchRaw(`${base}/hello.txt`);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.body.toString(), 'hello '.repeat(10_000));
      assert.equal((await fetchRaw(`${base}/nothing.txt`)).status, 404);
      assert.equal((await fetchRaw(`${base}/folder`)).status, 404);
      assert.equal((await fetchRaw(`${base}/..%2fsecret.txt`)).status, 403);
    } finally {
      await closed(server);
    }
  }),

  'stream-http-upload': exercise<{ createUploadServer(directory: string, maxBytes?: number): Server }>(
    ['createUploadServer'],
    async ({ createUploadServer }, directory) => {
      const server = createUploadServer(directory, 100_000);
      const base = await listen(server);
      try {
        const body = randomBytes(80_000);
        const created = await fetchRaw(base, { method: 'PUT', body });
        assert.equal(created.status, 201);
        assert.ok(readFileSync(join(directory, created.body.toString().trim())).equals(body));
        assert.equal((await fetchRaw(base, { method: 'PUT', body: randomBytes(100_001) })).status, 413);
        assert.equal((await fetchRaw(base, { method: 'POST', body })).status, 405);
        // No content-length, and the body still coming: the limit is found while streaming.
        async function* slowBody() {
          yield randomBytes(60_000);
          yield randomBytes(60_000);
          await delay(200);
          yield randomBytes(10);
        }
        const cut = await fetchRaw(base, { method: 'PUT', body: Readable.from(slowBody()), headers: { 'transfer-encoding': 'chunked' } });
        assert.equal(cut.status, 413);
        assert.deepEqual(readdirSync(directory), [created.body.toString().trim()], 'the partial upload is removed');
      } finally {
        await closed(server);
      }
    },
  ),

  'stream-http-proxy': exercise<{ createProxy(target: string): Server }>(['createProxy'], async ({ createProxy }) => {
    const target = createServer(async (incoming, response) => {
      const chunks = await collect<Buffer>(incoming);
      response.writeHead(207, { 'x-seen-host': incoming.headers.host ?? '' });
      response.end(Buffer.concat(chunks).toString().toUpperCase());
    });
    const targetUrl = await listen(target);
    const proxy = createProxy(targetUrl);
    const proxyUrl = await listen(proxy);
    try {
      const answer = await fetchRaw(`${proxyUrl}/echo`, { method: 'POST', body: Buffer.from('through the proxy '.repeat(5000)) });
      assert.equal(answer.status, 207);
      assert.equal(answer.headers['x-seen-host'], new URL(targetUrl).host);
      assert.equal(answer.body.toString(), 'THROUGH THE PROXY '.repeat(5000));
      await closed(target);
      const failed = await fetchRaw(`${proxyUrl}/echo`);
      assert.equal(failed.status, 502);
    } finally {
      if (target.listening) await closed(target);
      await closed(proxy);
    }
  }),

  'stream-throughput-tap': exercise<{ throughputTap(label: string, stallMs?: number, log?: (message: string) => void): Transform }>(
    ['throughputTap'],
    async ({ throughputTap }) => {
      const messages: string[] = [];
      async function* source() {
        yield Buffer.alloc(1000);
        await delay(150);
        yield Buffer.alloc(500);
      }
      const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
      await pipeline(source(), throughputTap('upload', 40, (message) => messages.push(message)), sink);
      assert.ok(messages.some((message) => message.startsWith('upload: no data for 40 ms, 1000 bytes so far')), messages.join('\n'));
      const summary = messages.at(-1) ?? '';
      assert.match(summary, /^upload: 1500 bytes in 2 chunks, \d+\.\d\d s, [\d.]+ MiB\/s, longest wait (\d+) ms$/);
      assert.ok(Number(/longest wait (\d+)/.exec(summary)?.[1]) >= 100, summary);
    },
  ),

  'stream-debug-trace': exercise<{ traceStream(name: string, stream: Readable | Writable, log?: (message: string) => void): void }>(
    ['traceStream'],
    async ({ traceStream }, _directory, modulePath) => {
      const lines: string[] = [];
      const source = Readable.from(['a', 'b']);
      const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
      traceStream('source', source, (message) => lines.push(message));
      traceStream('sink', sink, (message) => lines.push(message));
      await pipeline(source, sink);
      await delay(5);
      for (const expected of ['source: resume (buffered 1, flowing true)', 'source: end (buffered 0, flowing true)', 'sink: finish (buffered 0, needs drain false)', 'source: close, no error', 'sink: close, no error']) {
        assert.ok(lines.includes(expected), `missing '${expected}' in\n${lines.join('\n')}`);
      }
      const failing = new Readable({ read() { this.destroy(new Error('disk gone')); } });
      traceStream('failing', failing, (message) => lines.push(message));
      const errors: Error[] = [];
      failing.on('error', (error) => errors.push(error));
      failing.resume();
      await new Promise((resolve) => failing.on('close', resolve));
      assert.equal(errors.length, 1, 'the error still reaches the listeners of the program');
      assert.ok(lines.includes('failing: close, failed: disk gone'), lines.join('\n'));
      // The default logger writes only when NODE_DEBUG names its section.
      const script = `const m = await import(${JSON.stringify(modulePath)}); const { Readable } = await import('node:stream');
        const s = Readable.from(['x']); (m.traceStream ?? m.default.traceStream)('demo', s); s.resume();`;
      const loader = modulePath.endsWith('.mts') ? ['--import', 'tsx'] : [];
      const run = (debug: string) =>
        spawnSync(process.execPath, [...loader, '--input-type=module', '-e', script], { env: { ...process.env, NODE_DEBUG: debug }, encoding: 'utf8' });
      assert.match(run('streams').stderr, /STREAMS \d+: demo: end/);
      assert.doesNotMatch(run('').stderr, /demo/);
    },
  ),
};
