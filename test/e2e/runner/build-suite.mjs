// Bundles the mocha suite for the extension host: one CommonJS file per test file, plus the entry.
import { build } from 'esbuild';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repositoryRoot } from './run-pass.mjs';

const suiteDirectory = join(repositoryRoot, 'test', 'e2e', 'suite');
export const outputDirectory = join(repositoryRoot, 'test', 'e2e', 'out');

export async function buildSuite() {
  const entries = [join(suiteDirectory, 'index.ts')];
  for (const entry of await readdir(suiteDirectory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.test.ts')) entries.push(join(entry.parentPath, entry.name));
  }
  await rm(outputDirectory, { recursive: true, force: true });
  await mkdir(outputDirectory, { recursive: true });
  await writeFile(join(outputDirectory, 'package.json'), '{ "type": "commonjs" }\n');
  await build({
    entryPoints: entries,
    outdir: outputDirectory,
    outbase: suiteDirectory,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    // Both come from the host: vscode is the editor's API, mocha is resolved from the repository.
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}
