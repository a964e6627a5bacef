// The extension ships the server bundle and TypeScript, no other node_modules: the bundle must
// carry ESLint, the plugin and typescript-eslint's parser, and load TypeScript only when needed.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LanguageClient, serverPath } from './lsp-client.js';

const typescript = dirname(fileURLToPath(import.meta.resolve('typescript/package.json')));
let directory: string;
let bundle: string;

before(() => {
  directory = mkdtempSync(join(tmpdir(), 'node-streams-bundle-'));
  mkdirSync(join(directory, 'out'));
  bundle = join(directory, 'out', 'server.js');
  copyFileSync(serverPath, bundle);
  copyFileSync(join(dirname(serverPath), 'package.json'), join(directory, 'out', 'package.json'));
});
after(() => rmSync(directory, { recursive: true, force: true }));

const javascript = "const fs = require('fs');\nfs.createReadStream('a').resume();\n";
const typescriptCode = "import fs from 'node:fs';\nconst input: fs.ReadStream = fs.createReadStream('a');\ninput.resume();\n";

it('lints JavaScript without TypeScript installed at all', async (t) => {
  const client = await LanguageClient.start({ serverPath: bundle }, t);
  client.open('file:///project/a.js', javascript);
  assert.deepEqual((await client.diagnostics('file:///project/a.js')).map((each) => each.code), ['node-streams/no-unhandled-error']);
  assert.equal(await client.shutdown(), 0);
});

it('lints TypeScript with only TypeScript beside the bundle', async (t) => {
  mkdirSync(join(directory, 'node_modules'), { recursive: true });
  symlinkSync(typescript, join(directory, 'node_modules', 'typescript'), 'dir');
  const client = await LanguageClient.start({ serverPath: bundle }, t);
  client.open('file:///project/a.ts', typescriptCode, 'typescript');
  assert.deepEqual((await client.diagnostics('file:///project/a.ts')).map((each) => each.code), ['node-streams/no-unhandled-error']);
  assert.equal(await client.shutdown(), 0);
});
