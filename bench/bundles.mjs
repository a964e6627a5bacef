// Figure 5 (sizes): what users download: the plugin, the server and the client bundles, and the
// VSIX when it can be packaged.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repositoryRoot } from './eslint-internals.mjs';

const bundles = {
  plugin: 'rules/dist/index.js',
  server: 'server/out/server.js',
  client: 'client/out/extension.js',
};

export function measureBundles({ packageVsix }) {
  const sizes = {};
  for (const [name, path] of Object.entries(bundles)) {
    const absolute = join(repositoryRoot, path);
    sizes[name] = existsSync(absolute)
      ? { path, kilobytes: kilobytes(statSync(absolute).size), gzipKilobytes: kilobytes(gzipSync(readFileSync(absolute)).length) }
      : { path, missing: 'not built' };
  }
  if (packageVsix) sizes.vsix = vsixSize();
  return sizes;
}

/** Packages the extension with vsce into a temporary folder; the reason when it cannot. */
function vsixSize() {
  const folder = mkdtempSync(join(tmpdir(), 'node-streams-vsix-'));
  try {
    const out = join(folder, 'node-streams.vsix');
    const result = spawnSync(process.execPath, [join(repositoryRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', out], {
      cwd: repositoryRoot,
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (result.status !== 0 || !existsSync(out)) {
      const reason = `${result.stderr}${result.stdout}`.split('\n').find((line) => /error/i.test(line)) ?? `exit ${result.status}`;
      return { missing: `vsce package failed: ${reason.trim()}` };
    }
    return { kilobytes: kilobytes(statSync(out).size) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function kilobytes(bytes) {
  return Math.round(bytes / 102.4) / 10;
}
