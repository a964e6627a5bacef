import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The analysis is layered so that a reader who follows a call only ever goes down: syntax, then
 * names and modules, then Node's stream vocabulary and stream kinds, then types, then where
 * streams come from, then everything that follows values and answers the rules' questions.
 */
const analysisRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../rules/src/analysis');

const layers: [RegExp, number, string][] = [
  [/^syntax\//, 0, 'syntax'],
  [/^module-bindings\.ts$/, 1, 'names and modules'],
  [/^(stream-api|stream-kind)\.ts$/, 2, 'stream vocabulary'],
  [/^stream-types\.ts$/, 3, 'stream types'],
  [/^(stream-sources\.ts$|origins\/)/, 4, 'stream origins'],
];

function layerOf(file: string): { rank: number; name: string } {
  if (file === 'index.ts') return { rank: Infinity, name: 'barrel' };
  for (const [pattern, rank, name] of layers) if (pattern.test(file)) return { rank, name };
  return { rank: 5, name: 'value flow and rule questions' };
}

function analysisFiles(directory = analysisRoot): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return analysisFiles(path);
    return entry.name.endsWith('.ts') ? [relative(analysisRoot, path).replaceAll('\\', '/')] : [];
  });
}

/** The analysis files a file imports, type-only imports included: they tie layers together too. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(analysisRoot, file), 'utf8');
  const targets: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\b[^;]*?from\s+'(\.[^']+)'/gms)) {
    const target = relative(analysisRoot, resolve(analysisRoot, dirname(file), match[1])).replaceAll('\\', '/');
    targets.push(target.replace(/\.js$/, '.ts'));
  }
  return targets;
}

describe('analysis layers', () => {
  const files = analysisFiles();

  it('finds the layers it checks', () => {
    assert.ok(files.includes('syntax/nodes.ts'));
    assert.ok(files.includes('module-bindings.ts'));
    assert.ok(files.includes('stream-sources.ts'));
  });

  it('imports only from its own layer or below', () => {
    const upward: string[] = [];
    for (const file of files) {
      const own = layerOf(file);
      for (const target of importsOf(file)) {
        const resolvedTarget = target.endsWith('.ts') ? target : `${target}/index.ts`;
        const theirs = layerOf(resolvedTarget.replace(/^syntax\/index\.ts$/, 'syntax/index.ts'));
        if (theirs.rank > own.rank) upward.push(`${file} (${own.name}) imports ${target} (${theirs.name})`);
      }
    }
    assert.deepEqual(upward, []);
  });

  it('has no import cycles', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      path.push(file);
      for (const target of graph.get(file) ?? []) visit(target);
      path.pop();
      state.set(file, 'done');
    };
    for (const file of files) visit(file);
    assert.deepEqual(cycles, []);
  });
});
