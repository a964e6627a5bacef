import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import type { JavaScriptSourceType } from './linting.js';
import { withoutBom } from './linting.js';

/** Set by `npm run test:reliability`: every file and many more generated programs. */
export const fullRun = process.env.RELIABILITY === 'full';

export interface CorpusFile {
  /** Absolute path. */
  path: string;
  /** Path shown in failures. */
  name: string;
  /** For JavaScript: how espree must parse it. TypeScript files have none. */
  sourceType?: JavaScriptSourceType;
}

const repositoryRoot = new URL('../../', import.meta.url).pathname;
const cacheRoot = process.env.NODE_STREAMS_CACHE ?? join(homedir(), '.cache', 'node-streams');
const edgeCorpusRoot = join(cacheRoot, 'edge-corpus');

/** Installs the edge-case corpus if it is not cached yet (a few seconds, from the npm registry). */
function ensureEdgeCorpus(): string {
  const complete = (folder: string) => existsSync(join(edgeCorpusRoot, folder, '.complete'));
  const folders = existsSync(edgeCorpusRoot) ? readdirSync(edgeCorpusRoot) : [];
  if (folders.length < 5 || !folders.every(complete)) {
    execFileSync(process.execPath, [join(repositoryRoot, 'scripts/fetch-edge-corpus.mjs')], { stdio: 'ignore' });
  }
  return edgeCorpusRoot;
}

function filesUnder(directory: string, wanted: RegExp): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : filesUnder(path, wanted);
      return wanted.test(name) ? [path] : [];
    });
}

function packageFolder(root: string, prefix: string): string {
  const folder = readdirSync(root).find((name) => name.startsWith(`${prefix}@`));
  if (!folder) throw new Error(`${prefix} is missing from ${root}`);
  return join(root, folder, 'package');
}

/**
 * test262's syntax tests (scripts and modules, including those that must not parse) and the
 * TypeScript sources and declarations of type-heavy packages.
 */
export function edgeCorpus(): { javascript: CorpusFile[]; typescript: CorpusFile[] } {
  const root = ensureEdgeCorpus();
  const test262 = packageFolder(root, 'test262-parser-tests');
  const javascript = ['pass', 'pass-explicit', 'early', 'fail'].flatMap((folder) =>
    filesUnder(join(test262, folder), /\.js$/).map((path) => ({
      path,
      name: relative(root, path),
      sourceType: path.endsWith('.module.js') ? ('module' as const) : ('script' as const),
    })),
  );
  const sources = ['rxjs', 'zod', '@tanstack__react-query'].flatMap((prefix) =>
    filesUnder(join(packageFolder(root, prefix), 'src'), /\.(ts|tsx)$/).filter((path) => !path.endsWith('.d.ts')),
  );
  const declarations = filesUnder(packageFolder(root, 'type-fest'), /\.d\.ts$/);
  const typescript = [...sources, ...declarations].map((path) => ({ path, name: relative(root, path) }));
  return { javascript, typescript };
}

/** Every `step`-th file: a fixed sample, the same on every run. */
export function everyNth<T>(items: T[], step: number): T[] {
  return items.filter((_, index) => index % step === 0);
}

export function readSource(file: CorpusFile): string {
  return withoutBom(readFileSync(file.path, 'utf8'));
}

interface RealCorpus {
  filesDirectory: string;
  files: { path: string; sourceType: 'module' | 'commonjs' }[];
}

/**
 * The benchmark's real-code corpus (stream-heavy npm packages, scripts/corpus.mjs), built if
 * needed. Null while that script does not exist in this checkout.
 */
export async function realCorpus(): Promise<CorpusFile[] | null> {
  const script = join(repositoryRoot, 'scripts/corpus.mjs');
  if (!existsSync(script)) return null;
  const { ensureCorpus } = (await import(script)) as { ensureCorpus(): RealCorpus };
  const corpus = ensureCorpus();
  return corpus.files.map((file) => ({
    path: join(corpus.filesDirectory, file.path),
    name: `real-corpus/${file.path}`,
    sourceType: file.sourceType,
  }));
}
