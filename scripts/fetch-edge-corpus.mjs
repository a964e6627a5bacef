// Installs the syntax edge-case corpus that the reliability tests lint: parser test suites and
// type-heavy TypeScript that nobody here wrote, from the npm registry, pinned and checked.
// It goes to $HOME/.cache/node-streams/edge-corpus/ (never into the repo) and is fetched once.
// Prints the corpus folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Each package, pinned to a version and the integrity the registry gave for it. */
const packages = [
  // Every syntax test of test262 in parser form: pass/, pass-explicit/, early/ and fail/.
  {
    name: 'test262-parser-tests',
    version: '0.0.5',
    integrity: 'sha512-hg5TBO+rDo/aJy1XgHPIkcChIeLjD0kx/g37LtYmZuPR3WHabRpD1M3iY0m2C3eNk+HAlWiB09Wfc5jd9X8i7A==',
  },
  // TypeScript sources with heavy generics, overloads, namespaces and decorators-free classes.
  {
    name: 'rxjs',
    version: '7.8.2',
    integrity: 'sha512-dhKf903U/PQZY6boNNtAGdWbG85WAbjT/1xYoZIC7FAY0yWapOBQVsVrDl58W86//e1VpMNBtRV4MaXfdMySFA==',
  },
  {
    name: 'zod',
    version: '4.6.7',
    integrity: 'sha512-g8W2D2kU6a8untc053fX1uVBKzM7yqAxW/3zwk83+6RyF2+SKOuV+c0wBDhUwzV1PaGapmZH+rmcUzPf+3CGwg==',
  },
  // Type-level programming at its most extreme, as declaration files.
  {
    name: 'type-fest',
    version: '5.10.0',
    integrity: 'sha512-NoSdpq/WEiAg5sjmBkmV/hfxv6HJH4NqPNrqjtSO5CwRmpsDfaf4begxW34KdJykH/l1yHtwBWQkCRdoXO8mPA==',
  },
  // TSX sources.
  {
    name: '@tanstack/react-query',
    version: '5.108.0',
    integrity: 'sha512-DpMbB8pVorEZcsHRa0Z13KQGfmndqvJbuLy9h+xfP8XpuEZBOxzq+QfXGonQ0fAgRSWhc+QsfoRETSTWxAEAVw==',
  },
];

export const cacheRoot = process.env.NODE_STREAMS_CACHE ?? join(homedir(), '.cache', 'node-streams');
export const corpusRoot = join(cacheRoot, 'edge-corpus');

function folderOf(pkg) {
  return join(corpusRoot, `${pkg.name.replace('/', '__')}@${pkg.version}`);
}

function install(pkg) {
  const folder = folderOf(pkg);
  const done = join(folder, '.complete');
  if (existsSync(done)) return;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'edge-corpus-'));
  try {
    const output = execFileSync(
      'npm',
      ['pack', `${pkg.name}@${pkg.version}`, '--json', '--silent', '--pack-destination', scratch],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const [packed] = JSON.parse(output);
    if (packed.integrity !== pkg.integrity) {
      throw new Error(`${pkg.name}@${pkg.version}: integrity ${packed.integrity}, expected ${pkg.integrity}`);
    }
    execFileSync('tar', ['-xzf', join(scratch, packed.filename), '-C', folder]);
    writeFileSync(done, `${packed.integrity}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const pkg of packages) install(pkg);
  console.log(corpusRoot);
}
