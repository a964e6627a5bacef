// Writes the three installable artifacts into artifacts/: the plugin and the language server as npm
// tarballs, and the VS Code extension as a .vsix (for the Marketplace and Open VSX).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
const destination = 'artifacts';
rmSync(destination, { recursive: true, force: true });
mkdirSync(destination);

const run = (command, args, cwd = '.') => execFileSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });

// One production build serves all three: the packages' own prepack (the same build) is skipped.
run(process.execPath, ['scripts/build.mjs', '--production']);
for (const folder of ['rules', 'server']) {
  run('npm', ['pack', '--ignore-scripts', '--pack-destination', `../${destination}`], folder);
}
run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--out', `${destination}/node-streams.vsix`]);
