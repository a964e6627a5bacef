// The ESLint pieces the benchmark drives, and the built plugin (what users install).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const { Linter, ESLint } = require('eslint');
// Not exported by ESLint: the config array its CLI normalizes once and reuses for every file.
export const { FlatConfigArray } = require(join(dirname(require.resolve('eslint/package.json')), 'lib', 'config', 'flat-config-array.js'));
export const pluginPath = join(repositoryRoot, 'rules', 'dist', 'index.js');
export const plugin = require(pluginPath);
