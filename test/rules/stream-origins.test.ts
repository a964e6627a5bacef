import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { probe } from '../support/probe.js';

describe('library models', () => {
  it('knows the streams popular packages return, as they are imported', () => {
    assert.deepEqual(
      probe(`
        const busboy = require('busboy');
        import got from 'got';
        import { parse } from 'csv-parse';
        const archiver = require('archiver');
        const tar = require('tar');
        const { from: copyFrom, to: copyTo } = require('pg-copy-streams');
        const fs = require('graceful-fs');
        const split = require('split2');
        import FormData from 'form-data';
        import { createWebSocketStream } from 'ws';
        probe(busboy({ headers: req.headers }));
        probe(got.stream('https://example.com'));
        probe(parse({ columns: true }));
        probe(archiver('zip'));
        probe(tar.c({ gzip: true }, ['dist']));
        probe(tar.c({ gzip: true, file: 'dist.tgz' }, ['dist']));
        probe(copyFrom('COPY t FROM STDIN'));
        probe(copyTo('COPY t TO STDOUT'));
        probe(fs.createWriteStream('out.log'));
        probe(split());
        probe(new FormData());
        probe(createWebSocketStream(socket));
      `),
      [
        '- writable',
        '- duplex',
        '- duplex',
        '- duplex',
        '- readable',
        '- -',
        '- writable',
        '- readable',
        '- writable',
        '- duplex',
        '- readable',
        '- duplex',
      ],
    );
  });

  it('knows streams on results, callbacks and listeners of library calls', () => {
    assert.deepEqual(
      probe(`
        import fetch from 'node-fetch';
        import axios from 'axios';
        import { request } from 'undici';
        import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
        import { Client } from 'ssh2';
        import Busboy from 'busboy';
        import spawn from 'cross-spawn';
        async function main(conn, s3) {
          const response = await fetch(url);
          probe(response.body);
          const { data } = await axios.get(url, { responseType: 'stream' });
          probe(data);
          const { data: json } = await axios.get(url);
          probe(json);
          const { body } = await request(url);
          probe(body);
          const { Body } = await s3.send(new GetObjectCommand({ Bucket, Key }));
          probe(Body);
          conn.exec('uptime', (error, channel) => probe(channel));
          const parser = Busboy({ headers });
          parser.on('file', (name, file, info) => { probe(file); probe(info); });
          const child = spawn('npm', ['test']);
          probe(child.stdout);
        }
      `),
      ['- readable', '- readable', '- -', '- readable', '- readable', '- duplex', '- readable', '- -', '- readable'],
    );
  });

  it('knows the methods of cloud SDK objects only in files that import the SDK', () => {
    const code = (imports: string) => `
      ${imports}
      const storage = new Storage();
      probe(storage.bucket('b').file('f').createReadStream());
      probe(storage.bucket('b').file('f').createWriteStream({ resumable: false }));
    `;
    assert.deepEqual(probe(code(`import { Storage } from '@google-cloud/storage';`)), ['- readable', '- writable']);
    assert.deepEqual(probe(code(`import { Storage } from './storage.js';`)), ['- -', '- -']);
  });

  it('adds the streams of shared settings, for packages and for the project’s own helper modules', () => {
    const settings = {
      'node-streams': {
        streams: {
          'log-shipper': { openShipper: { kind: 'writable', canFail: true }, broken: { kind: 'river' } },
          './src/lib/streams': { openExport: 'readable' },
          'not-a-table': 42,
        },
      },
    };
    assert.deepEqual(
      probe(
        `
          import { openShipper, broken } from 'log-shipper';
          import { openExport } from '../lib/streams.js';
          const helpers = require('../lib/streams');
          probe(openShipper());
          probe(broken());
          probe(openExport());
          probe(helpers.openExport());
        `,
        { filename: '/project/src/routes/export.ts', cwd: '/project', settings },
      ),
      ['- writable', '- -', '- readable', '- readable'],
    );
    // Without the settings, nothing of these is known.
    assert.deepEqual(
      probe(`import { openShipper } from 'log-shipper'; probe(openShipper());`, { filename: '/project/src/a.ts', cwd: '/project' }),
      ['- -'],
    );
  });
});

describe('request handlers', () => {
  it('knows handlers exported to be mounted elsewhere, by their names and the framework or the HTTP API they use', () => {
    assert.deepEqual(
      probe(`
        const express = require('express');
        module.exports = function upload(req, res, next) { probe(req); probe(res); };
        exports.download = async (request, response) => probe(response);
      `),
      ['- readable', '- writable', '- writable'],
    );
    assert.deepEqual(
      probe(`
        export function report(req, res) {
          res.setHeader('Content-Type', 'text/csv');
          probe(res);
        }
        export function notHttp(req, res) { probe(res); }
      `),
      ['- writable', '- -'],
    );
  });

  it('knows middleware handed to unknown routers of a framework file, and no other callback', () => {
    assert.deepEqual(
      probe(`
        import express from 'express';
        import { createRouter } from './router.js';
        const router = createRouter();
        router.use((req, res, next) => { probe(req); probe(res); });
        router.get('/', (req, res) => probe(res));
        app.route('/files').get((req, res) => probe(res));
      `),
      ['- readable', '- writable', '- -', '- -'],
    );
    assert.deepEqual(
      probe(`
        import express from 'express';
        const app = express();
        app.route('/files').get((req, res) => probe(res)).post((req, res) => probe(req));
      `),
      ['- writable', '- readable'],
    );
  });

  it("knows koa's ctx.req and ctx.res and fastify's raw objects, not the wrappers", () => {
    assert.deepEqual(
      probe(`
        import Koa from 'koa';
        const app = new Koa();
        app.use(async (ctx, next) => { probe(ctx.req); probe(ctx.res); probe(ctx.body); });
        app.use(async (res) => probe(res));
      `),
      ['- readable', '- writable', '- -', '- -'],
    );
    assert.deepEqual(
      probe(`
        import Fastify from 'fastify';
        const fastify = Fastify();
        fastify.get('/', async (request, reply) => { probe(request.raw); probe(reply.raw); probe(request); probe(reply); });
        fastify.post('/', async (req, res) => probe(res));
      `),
      ['- readable', '- writable', '- -', '- -', '- -'],
    );
    assert.deepEqual(probe(`function f(ctx, request) { probe(ctx.req); probe(request.raw); }`), ['- -', '- -']);
  });
});

describe('usage, narrowing and call sites', () => {
  it('takes a value of unknown origin for the stream it is used as', () => {
    assert.deepEqual(
      probe(`
        const fs = require('fs');
        function archive(source, sink, log, query) {
          source.pipe(fs.createWriteStream('copy'));
          probe(source);
          sink.write('header');
          sink.end();
          probe(sink);
          log.on('data', (line) => console.log(line));
          probe(log);
          query.on('row', save).on('end', done);
          probe(query);
        }
      `),
      ['- readable', '- writable', '- readable', '- -'],
    );
  });

  it('never takes look-alikes from non-stream libraries for streams', () => {
    assert.deepEqual(
      probe(`
        import { of, map } from 'rxjs';
        import { execa } from 'execa';
        const fs = require('fs');
        const numbers = of(1, 2).pipe(map((n) => n * 2));
        numbers.pipe(fs.createWriteStream('x'));
        probe(numbers);
        const child = execa('ls');
        child.pipe(fs.createWriteStream('y'));
        probe(child);
      `),
      ['- -', '- -'],
    );
  });

  it('narrows a value by instanceof', () => {
    assert.deepEqual(
      probe(`
        import { Readable, Writable } from 'node:stream';
        function send(body, out) {
          if (body instanceof Readable) probe(body);
          probe(body);
          out instanceof Writable && probe(out);
          return body instanceof Readable ? probe(body) : null;
        }
      `),
      ['- readable', '- -', '- writable', '- readable'],
    );
  });

  it('knows a parameter that every call in the module passes a stream', () => {
    assert.deepEqual(
      probe(`
        const fs = require('fs');
        function save(out, name) { probe(out); probe(name); }
        save(fs.createWriteStream('a'), 'a');
        save(process.stdout, 'b');
        const copy = (input) => probe(input);
        copy(fs.createReadStream('a'));
        copy(getInput());
        export function shared(out) { probe(out); }
        shared(fs.createWriteStream('c'));
      `),
      ['- writable', '- -', '- -', '- -'],
    );
  });

  it('reads JSDoc stream types in plain JavaScript', () => {
    assert.deepEqual(
      probe(
        `
          /**
           * @param {import('node:stream').Writable} out
           * @param {?stream.Readable} input
           * @param {ReadableStream} web
           */
          function copy(out, input, web) { probe(out); probe(input); probe(web); }
          /** @returns {Readable} */
          function open() {}
          probe(open());
        `,
        'probe.js',
      ),
      ['- writable', '- readable', '- -', '- readable'],
    );
  });
});
