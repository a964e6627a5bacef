import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { probe } from '../support/probe.js';

describe('resolving what a name refers to', () => {
  it('follows require, renames, nested destructuring and node: prefixes', () => {
    assert.deepEqual(
      probe(`
        const fs = require('node:fs');
        const { createReadStream: open, promises: { open: openHandle } } = require('fs');
        const zlib = require('zlib'), gzip = zlib.createGzip;
        probe(fs.createWriteStream);
        probe(open);
        probe(openHandle);
        probe(gzip);
        probe(require('stream').Readable.from);
      `),
      [
        'fs.createWriteStream -',
        'fs.createReadStream -',
        'fs/promises.open -',
        'zlib.createGzip -',
        'stream.Readable.from -',
      ],
    );
  });

  it('follows import forms, readable-stream, and stops at re-assigned or shadowed names', () => {
    assert.deepEqual(
      probe(`
        import * as streams from 'node:stream';
        import events, { once as waitFor } from 'events';
        import { Transform } from 'readable-stream';
        import zlib = require('zlib');
        let later = streams.pipeline;
        later = () => {};
        probe(streams.promises.pipeline);
        probe(events.on);
        probe(waitFor);
        probe(Transform);
        probe(zlib.createGunzip);
        probe(later);
        function inner(streams: unknown) { probe(streams); }
      `),
      [
        'stream/promises.pipeline -',
        'events.on -',
        'events.once -',
        'stream.Transform -',
        'zlib.createGunzip -',
        '- -',
        '- -',
      ],
    );
  });
});

describe('knowing what is a stream without types', () => {
  it('knows factories, classes of the file, well-known streams and child process pipes', () => {
    assert.deepEqual(
      probe(`
        const fs = require('fs');
        const { spawn } = require('child_process');
        const { Duplex } = require('stream');
        class Framer extends Duplex {}
        const MyFramer = Framer;
        const child = spawn('ls');
        const input = fs.createReadStream('x');
        probe(input);
        probe(new MyFramer());
        probe(process.stdout);
        probe(child.stdout);
        probe(child.stdin);
        probe(input.pipe(fs.createWriteStream('y')));
        probe(input.setEncoding('utf8'));
        probe(fs.readFileSync('x'));
      `),
      [
        '- readable',
        '- duplex',
        'process.stdout writable',
        '- readable',
        '- writable',
        '- writable',
        '- readable',
        '- -',
      ],
    );
  });

  it('knows the req and res of express handlers, and nothing of unknown routers', () => {
    assert.deepEqual(
      probe(`
        import express, { Router } from 'express';
        const app = express();
        const router = Router();
        const api = require('express').Router();
        app.get('/', (req, res) => { probe(req); probe(res); });
        router.post('/upload', authenticate, function upload(req, res, next) { probe(res); probe(next); });
        api.use((error, req, res, next) => { probe(error); probe(req); probe(res); });
        const other = createRouter();
        other.get('/', (req, res) => probe(res));
        app.set('view engine', (req, res) => probe(res));
      `),
      ['- readable', '- writable', '- writable', '- -', '- -', '- readable', '- writable', '- -', '- -'],
    );
  });

  it('knows conventional parameters and annotations', () => {
    assert.deepEqual(
      probe(`
        import http from 'node:http';
        import net from 'node:net';
        import type { Writable } from 'node:stream';
        function onRequest(req, res) { probe(req); probe(res); }
        http.createServer(onRequest);
        const server = net.createServer();
        server.on('connection', (socket) => probe(socket));
        function save(out: Writable, other: NodeJS.ReadableStream, web: ReadableStream) {
          probe(out); probe(other); probe(web);
        }
        app.get('/', (req, res) => probe(res));
      `),
      ['- readable', '- writable', '- duplex', '- writable', '- readable', '- -', '- -'],
    );
  });
});
