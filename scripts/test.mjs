// Runs every test file under test/ (but the real-editor suite) with node's test runner.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
// The real-editor, real-code, install and reliability suites are heavier and have their own npm
// scripts, which CI (.ci/run) runs after npm test.
const skipped = new Set(['node_modules', 'fixtures', 'e2e', 'workspace', 'corpus', 'install', 'reliability', 'reliability.test.ts']);

function findTests(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return skipped.has(name) ? [] : findTests(path);
    return /\.test\.(ts|mjs|js)$/.test(name) && !skipped.has(name) ? [path] : [];
  });
}

const files = (roots.length > 0 ? roots : ['test']).flatMap((root) =>
  statSync(root).isDirectory() ? findTests(root) : [root],
);
// The packages' sources take the plugin through its subpath exports, which resolve to its sources
// under this condition; NODE_OPTIONS hands it to the processes the tests start, too.
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=node-streams-source`.trim() };
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
