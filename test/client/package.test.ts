// The packaged extension, as the Marketplace would ship it: only what runs, and it runs alone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, it } from 'node:test';
import yauzl from 'yauzl';
import { LanguageClient } from '../server/lsp-client.js';

let directory: string;
let entries: string[];

/** Unzips the .vsix (a zip file) and returns the names of its entries. */
async function unzip(file: string, into: string): Promise<string[]> {
  const zip = await promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open)(file, { lazyEntries: true });
  const openStream = promisify(zip.openReadStream.bind(zip));
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject).on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      const target = join(into, entry.fileName);
      mkdirSync(dirname(target), { recursive: true });
      openStream(entry)
        .then((stream) => pipeline(stream, createWriteStream(target)))
        .then(() => zip.readEntry(), reject);
    });
    zip.readEntry();
  });
  return names;
}

before(async () => {
  directory = mkdtempSync(join(tmpdir(), 'node-streams-vsix-'));
  const vsix = join(directory, 'node-streams.vsix');
  // The tests run after `npm run build`; packaging the same bundles needs no second build.
  const packaged = spawnSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--out', vsix], {
    encoding: 'utf8',
  });
  assert.equal(packaged.status, 0, packaged.stderr + packaged.stdout);
  entries = await unzip(vsix, join(directory, 'unpacked'));
});
after(() => rmSync(directory, { recursive: true, force: true }));

it('ships the bundles, snippets, walkthrough and TypeScript, and no sources or tests', () => {
  const files = entries.filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));
  for (const required of [
    'package.json',
    // vsce stores these two under lower-case names.
    'readme.md',
    'changelog.md',
    'LICENSE.txt',
    'client/out/extension.js',
    'client/out/trace-graph.js',
    'client/out/stream-tracer.cjs',
    'server/out/server.js',
    'server/out/node_modules/typescript/lib/typescript.js',
    'server/out/node_modules/typescript/lib/lib.es2022.d.ts',
  ]) {
    assert.ok(files.includes(required), `${required} is missing from the package`);
  }
  assert.ok(files.some((name) => name.startsWith('snippets/') && name.endsWith('.json')));
  const unexpected = files.filter(
    (name) => /(^|\/)(src|test|rules|bench|examples)\//.test(name) || name.endsWith('.ts') && !name.endsWith('.d.ts') || name.endsWith('.map'),
  );
  assert.deepEqual(unexpected, []);
});

it('lints TypeScript from the unpacked package alone', async (t) => {
  const server = join(directory, 'unpacked/extension/server/out/server.js');
  const client = await LanguageClient.start({ serverPath: server }, t);
  const uri = 'file:///project/copy.ts';
  client.open(uri, "import fs from 'node:fs';\nconst input: fs.ReadStream = fs.createReadStream('a');\ninput.resume();\n", 'typescript');
  assert.deepEqual((await client.diagnostics(uri)).map((each) => each.code), ['node-streams/no-unhandled-error']);
  assert.equal(await client.shutdown(), 0);
});
