// `npm start`, the demo: one line says what it shows, then the CLI lints examples/ with the
// embedded default config (exit 0: the bugs there are planted on purpose).
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
console.log('examples/ holds stream bugs planted on purpose; these are the ones the recommended config reports:');
const lint = spawnSync(process.execPath, [join(repositoryRoot, 'rules', 'bin', 'node-streams-lint.js'), '--exit-zero', 'examples'], {
  cwd: repositoryRoot,
  stdio: 'inherit',
});
process.exit(lint.status ?? 1);
