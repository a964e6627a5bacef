// Figures 3 and 5: the built language server over stdio, as an editor drives it: open-to-diagnostics
// cold (process start included) and warm, re-lint after one-character edits, its memory over many
// edits; and `Linter.verify` on the same texts in this process, the cost the server cannot avoid.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { FlatConfigArray, Linter, plugin, repositoryRoot } from './eslint-internals.mjs';
import { oneCharacterChanges, oneCharacterEdits } from './edits.mjs';
import { LanguageServerProcess } from './lsp-client.mjs';
import { latencySummary, ratio, round, summarize } from './statistics.mjs';

export const serverPath = join(repositoryRoot, 'server', 'out', 'server.js');
const require = createRequire(import.meta.url);
const javascriptFiles = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];
const typescriptFiles = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];
const warmUpEdits = 5;
// The server lints the last state of a burst of edits closer than 25 ms; a person's keystrokes
// are further apart, and each of ours should be linted.
const pauseBetweenEditsMs = 30;

/** The config the server lints with by default (rules/src/embedded-config.ts, `recommended`). */
function serverEquivalentConfig() {
  return [
    { files: javascriptFiles, languageOptions: { ecmaVersion: 'latest', parserOptions: { ecmaFeatures: { jsx: true } } } },
    { files: typescriptFiles, languageOptions: { parser: require('@typescript-eslint/parser') } },
    { files: [...javascriptFiles, ...typescriptFiles], plugins: { 'node-streams': plugin }, rules: plugin.configs.recommended.rules },
    { rules: {} },
  ];
}

/**
 * Real corpus files of about each size that mention streams and lint without a parse error under
 * the server's config (which reads `.js` as a module).
 */
export function chooseRealFiles(corpus, sizes) {
  const linter = new Linter({ cwd: corpus.filesDirectory });
  const config = serverEquivalentConfig();
  return sizes.map((size) => {
    const candidates = corpus.files
      .filter((file) => file.path.endsWith('.js'))
      .sort((a, b) => Math.abs(a.lines - size) - Math.abs(b.lines - size) || (a.path < b.path ? -1 : 1));
    for (const file of candidates) {
      const text = readFileSync(join(corpus.filesDirectory, file.path), 'utf8');
      if (!/stream|\.pipe\(/i.test(text)) continue;
      const messages = linter.verify(text, config, { filename: join(corpus.filesDirectory, file.path) });
      if (!messages.some((message) => message.fatal)) return { size, path: file.path, lines: file.lines, text };
    }
    throw new Error(`no corpus file of about ${size} lines`);
  });
}

export async function measureServer(corpus, { sizes, edits, coldStarts, warmOpens, memoryEdits }) {
  if (!existsSync(serverPath)) return { missing: `${serverPath} does not exist (npm run build builds it when server/src/server.ts exists)` };
  const chosen = chooseRealFiles(corpus, sizes);
  const folder = mkdtempSync(join(tmpdir(), 'node-streams-bench-server-'));
  try {
    const documents = chosen.map((file) => {
      const path = join(folder, `lines-${file.size}.js`);
      writeFileSync(path, file.text);
      return { ...file, uri: pathToFileURL(path).href };
    });
    const rootUri = pathToFileURL(folder).href;
    const cold = await measureColdStarts(documents, rootUri, coldStarts);
    const server = await LanguageServerProcess.start(serverPath, rootUri);
    try {
      const results = [];
      for (const document of documents) {
        await openAndWait(server, document.uri, document.text);
        const warm = await measureWarmOpens(server, folder, document, warmOpens);
        const editLatency = await measureEdits(server, document, edits);
        const raw = measureRawVerify(document, edits);
        results.push({
          lines: document.lines,
          file: document.path,
          coldOpenMilliseconds: summarize(cold.get(document.uri)),
          warmOpenMilliseconds: summarize(warm),
          edit: editLatency,
          rawVerify: raw,
          editP95OverRawVerifyP95: ratio(editLatency.p95, raw.plainConfig.p95),
        });
      }
      const memory = await measureMemory(server, documents.find((document) => document.size === 1000) ?? documents[0], memoryEdits);
      return { files: results, memory };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function openAndWait(server, uri, text, languageId) {
  const start = performance.now();
  const published = server.diagnosticsFor(uri, 1);
  await server.open(uri, text, 1, languageId);
  const { at, diagnostics } = await published;
  return { milliseconds: at - start, diagnostics };
}

/** A new server process per sample: spawn, initialize, open, first diagnostics. */
async function measureColdStarts(documents, rootUri, starts) {
  const samples = new Map(documents.map((document) => [document.uri, []]));
  for (let run = 0; run < starts; run += 1) {
    for (const document of documents) {
      const start = performance.now();
      const server = await LanguageServerProcess.start(serverPath, rootUri);
      const published = server.diagnosticsFor(document.uri, 1);
      await server.open(document.uri, document.text);
      const { at } = await published;
      samples.get(document.uri).push(at - start);
      await server.stop();
    }
  }
  return samples;
}

/** The same text opened under new names in the running server. */
async function measureWarmOpens(server, folder, document, opens) {
  const samples = [];
  for (let index = 0; index < opens; index += 1) {
    const directory = join(folder, `copy-${index}`);
    mkdirSync(directory, { recursive: true });
    const uri = pathToFileURL(join(directory, `lines-${document.size}.js`)).href;
    samples.push((await openAndWait(server, uri, document.text)).milliseconds);
    await server.close(uri);
  }
  return samples;
}

/** Edit to diagnostics of that version, one edit at a time; the version counter lives on the document. */
async function measureEdits(server, document, edits) {
  const changes = oneCharacterChanges(document.text, warmUpEdits + edits);
  const samples = [];
  for (const [index, change] of changes.entries()) {
    const milliseconds = await editAndWait(server, document, change);
    if (index >= warmUpEdits) samples.push(milliseconds);
  }
  return latencySummary(samples);
}

async function editAndWait(server, document, change) {
  const since = performance.now() - (document.lastEdit ?? 0);
  if (since < pauseBetweenEditsMs) await new Promise((resolve) => setTimeout(resolve, pauseBetweenEditsMs - since));
  document.version = (document.version ?? 1) + 1;
  const published = server.diagnosticsFor(document.uri, document.version);
  const start = performance.now();
  document.lastEdit = start;
  await server.change(document.uri, document.version, change);
  const { at } = await published;
  return at - start;
}

/**
 * The same edited texts through `Linter.verify` here: with a plain config array as the server
 * passes it, with the array normalized once, with no rules, and espree's parse alone. The steps
 * between them are what could be cached per document.
 */
function measureRawVerify(document, edits) {
  const espree = require('espree');
  const texts = oneCharacterEdits(document.text, warmUpEdits + edits);
  const filename = join(tmpdir(), `lines-${document.size}.js`);
  const linter = new Linter({ cwd: tmpdir() });
  const plain = serverEquivalentConfig();
  const prepared = new FlatConfigArray(plain, { basePath: tmpdir() });
  prepared.normalizeSync();
  const floor = new FlatConfigArray([plain[0]], { basePath: tmpdir() });
  floor.normalizeSync();
  const steps = {
    plainConfig: (text) => linter.verify(text, plain, { filename }),
    preparedConfig: (text) => linter.verify(text, prepared, { filename }),
    noRules: (text) => linter.verify(text, floor, { filename }),
    espreeParse: (text) => espree.parse(text, { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, tokens: true, comment: true, ecmaFeatures: { jsx: true } }),
  };
  const samples = Object.fromEntries(Object.keys(steps).map((name) => [name, []]));
  texts.forEach((text, index) => {
    for (const [name, step] of Object.entries(steps)) {
      const start = performance.now();
      step(text);
      if (index >= warmUpEdits) samples[name].push(performance.now() - start);
    }
  });
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, latencySummary(values)]));
}

/** RSS after the document's edits reach `total`, and at half-way: growth there would be a leak. */
async function measureMemory(server, document, total) {
  const changes = oneCharacterChanges(document.text, total);
  const done = () => (document.version ?? 1) - 1;
  const residentAt = done() >= Math.floor(total / 2) ? { half: server.residentMegabytes() } : {};
  for (const change of changes.slice(done())) {
    await editAndWait(server, document, change);
    if (done() === Math.floor(total / 2)) residentAt.half = server.residentMegabytes();
  }
  residentAt.end = server.residentMegabytes();
  return {
    lines: document.lines,
    edits: done(),
    residentMegabytesAtHalf: residentAt.half,
    residentMegabytes: residentAt.end,
    growthOverSecondHalfMegabytes: round(residentAt.end - residentAt.half),
  };
}

/**
 * Type-aware re-lint through the server: a file of the TypeScript project is linted twice per
 * version, quickly without types and then with them; the second diagnostics are the typed ones.
 */
export async function measureServerTypeAware(project, { edits }) {
  if (!existsSync(serverPath)) return { missing: 'no built server' };
  const server = await LanguageServerProcess.start(serverPath, pathToFileURL(project.root).href);
  try {
    const path = project.files[Math.floor(project.files.length / 2)];
    const document = { uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8'), version: 1 };
    const start = performance.now();
    const typed = server.diagnosticsFor(document.uri, 1, { count: 2, timeoutMs: 120_000 });
    await server.open(document.uri, document.text, 1, 'typescript');
    const first = (await typed).at - start;
    const samples = [];
    for (const [index, change] of oneCharacterChanges(document.text, warmUpEdits + edits).entries()) {
      const since = performance.now() - (document.lastEdit ?? 0);
      if (since < pauseBetweenEditsMs) await new Promise((resolve) => setTimeout(resolve, pauseBetweenEditsMs - since));
      document.version += 1;
      const published = server.diagnosticsFor(document.uri, document.version, { count: 2 });
      const editStart = performance.now();
      document.lastEdit = editStart;
      await server.change(document.uri, document.version, change);
      const { at } = await published;
      if (index >= warmUpEdits) samples.push(at - editStart);
    }
    return { firstTypedDiagnosticsMilliseconds: round(first), editToTypedDiagnostics: latencySummary(samples) };
  } finally {
    await server.stop();
  }
}
