// ARCHITECTURE.md's table of packages is the rule for imports between them: this test reads it
// and checks every relative import of the tree against it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Each package of the table, in its order, with the packages it may import. */
function allowedImports(): Map<string, Set<string>> {
  const table = new Map<string, Set<string>>();
  const text = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');
  for (const [, packages, allowed] of text.matchAll(/^\| (`[a-z]+\/`(?:, `[a-z]+\/`)*) \| ([^|]+) \|/gm)) {
    const names = [...packages.matchAll(/`([a-z]+)\/`/g)].map((match) => match[1]);
    const targets = allowed.includes('all of the above')
      ? [...table.keys(), ...[...allowed.matchAll(/`([a-z]+)\/`/g)].map((match) => match[1])]
      : [...allowed.matchAll(/`([a-z]+)\/`/g)].map((match) => match[1]);
    for (const name of names) table.set(name, new Set(targets));
  }
  return table;
}

const skipped = /(^|\/)(node_modules|dist|out|fixtures|workspace|snapshots)(\/|$)|^test\/bugs\/|^rules\/types\//;

/** The packages other packages import by name, through their `exports`. */
const packagesByName = new Map([['eslint-plugin-node-streams', 'rules']]);

function sourceFiles(directory: string): string[] {
  return readdirSync(join(root, directory)).flatMap((name) => {
    const path = join(directory, name);
    if (skipped.test(path)) return [];
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(name) ? [path] : [];
  });
}

it('ARCHITECTURE.md lists every package, each importing only packages listed above it', () => {
  const table = allowedImports();
  assert.deepEqual([...table.keys()], ['rules', 'protocol', 'snippets', 'server', 'client', 'scripts', 'test', 'bench']);
  const order = [...table.keys()];
  for (const [name, allowed] of table) {
    if (name === 'scripts' || name === 'test' || name === 'bench') continue; // tooling, on top of the product
    for (const target of allowed) assert.ok(order.indexOf(target) < order.indexOf(name), `${name} may import ${target}, which is not below it`);
  }
});

it('every import between packages, relative or by package name, is one the table allows', () => {
  const table = allowedImports();
  const wrong: string[] = [];
  for (const name of table.keys()) {
    for (const file of sourceFiles(name)) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from\s+|import\(\s*|require\(\s*)['"]([^'"]+)['"]/g)) {
        const target = specifier.startsWith('.')
          ? relative(root, normalize(join(root, dirname(file), specifier))).split('/')[0]
          : packagesByName.get(specifier.split('/')[0]);
        if (target === undefined) continue;
        if (target !== name && table.has(target) && !table.get(name)!.has(target)) wrong.push(`${file} imports ${specifier}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});
