// The real-code corpus: pinned stream-heavy npm packages (bench/corpus.json), fetched into a
// cache folder outside the repository, with their own JavaScript copied to `files/` for linting.
//
//   node scripts/corpus.mjs           builds the corpus if needed, prints its size
//   node scripts/corpus.mjs --path    prints only the folder of the copied files
//   node scripts/corpus.mjs --json    prints the manifest (every file with its source type)
//
// In code: `const corpus = ensureCorpus();` then lint `corpus.filesDirectory`; each entry of
// `corpus.files` says whether its file is an ES module or CommonJS (`corpusConfigs`).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as espree from 'espree';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const defaultListPath = join(repositoryRoot, 'bench', 'corpus.json');
const javaScriptExtensions = new Set(['.js', '.cjs', '.mjs']);

/** The pinned package list and the patterns that choose each package's own code. */
export function readCorpusList(listPath = defaultListPath) {
  const text = readFileSync(listPath, 'utf8');
  return { ...JSON.parse(text), hash: hashOf(text) };
}

/** A list made in code (`{ exclude, packages }`), with the hash that names its cache folder. */
export function corpusList(list) {
  return { ...list, hash: hashOf(JSON.stringify({ exclude: list.exclude, packages: list.packages })) };
}

function hashOf(text) {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Caches live outside the clone, so that a fresh clone and CI reuse them. */
export function cacheRoot() {
  return process.env.NODE_STREAMS_CACHE ?? join(homedir(), '.cache', 'node-streams');
}

export function corpusDirectory(list = readCorpusList()) {
  return join(cacheRoot(), `corpus-${list.hash}`);
}

/**
 * Builds the corpus once (the folder name holds the list's hash) and returns its manifest:
 * `{ directory, filesDirectory, packages, files: [{ path, sourceType, lines }], skipped, totals }`,
 * with `path` relative to `filesDirectory`, in `/` form.
 */
export function ensureCorpus({ listPath = defaultListPath, list = readCorpusList(listPath), log = () => {} } = {}) {
  const directory = corpusDirectory(list);
  const manifestPath = join(directory, 'manifest.json');
  if (!existsSync(manifestPath)) buildCorpus(list, directory, log);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return { ...manifest, directory, filesDirectory: join(directory, 'files') };
}

/**
 * Flat config objects that lint the corpus as its authors wrote it, for ESLint run with
 * `cwd: corpus.filesDirectory` (or `Linter` given that `cwd`): each file with its source type, and
 * the packages' own `eslint-disable` comments ignored (they name rules that are not loaded here).
 */
export function corpusConfigs(corpus) {
  const commonjs = corpus.files.filter((file) => file.sourceType === 'commonjs').map((file) => file.path);
  return [
    {
      files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    },
    { files: commonjs, languageOptions: { sourceType: 'commonjs' } },
  ];
}

// Built in a temporary folder and renamed into place, so that two processes building at once (the
// benchmark and a test) never see half a corpus.
function buildCorpus(list, directory, log) {
  const building = `${directory}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    log(`fetching ${list.packages.length} packages into ${building}`);
    installPackages(list.packages, building);
    const manifest = copyOwnCode(list, building);
    rmSync(join(building, 'node_modules'), { recursive: true, force: true });
    writeFileSync(join(building, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
    try {
      renameSync(building, directory);
    } catch (error) {
      // Another process finished first; its corpus is the same one.
      if (!existsSync(join(directory, 'manifest.json'))) throw error;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

// Only each package's own code is linted, so each pinned tarball is fetched and unpacked alone:
// no dependency tree to resolve (a hundred SDKs' peer and nested ranges do not resolve together).
function installPackages(packages, folder) {
  const tarballs = join(folder, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const specs = packages.map((pkg) => `${pkg.name}@${pkg.version}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = spawnSync(npm, ['pack', '--json', '--loglevel=error', '--pack-destination', tarballs, ...specs], {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    shell: process.platform === 'win32',
  });
  if (packed.status !== 0) throw new Error(`npm pack of the corpus failed (exit ${packed.status})`);
  for (const { name, filename } of JSON.parse(packed.stdout)) {
    const packageRoot = join(folder, 'node_modules', ...name.split('/'));
    mkdirSync(packageRoot, { recursive: true });
    // A tarball holds one top folder (usually `package/`), whatever its name.
    const unpacked = spawnSync('tar', ['-xzf', join(tarballs, filename), '-C', packageRoot, '--strip-components=1'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (unpacked.status !== 0) throw new Error(`unpacking ${filename} failed (exit ${unpacked.status})`);
  }
  rmSync(tarballs, { recursive: true, force: true });
}

function copyOwnCode(list, folder) {
  const exclude = list.exclude.map(globToRegExp);
  const packages = [];
  const files = [];
  const skipped = [];
  for (const pkg of list.packages) {
    const packageRoot = join(folder, 'node_modules', ...pkg.name.split('/'));
    const installed = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
    if (installed.version !== pkg.version) throw new Error(`${pkg.name}: installed ${installed.version}, pinned ${pkg.version}`);
    const include = (pkg.include ?? ['**']).map(globToRegExp);
    let packageFiles = 0;
    let packageLines = 0;
    for (const path of listJavaScript(packageRoot)) {
      if (!include.some((pattern) => pattern.test(path)) || exclude.some((pattern) => pattern.test(path))) continue;
      const text = readFileSync(join(packageRoot, path), 'utf8');
      const corpusPath = `${pkg.name}/${path}`;
      const sourceType = sourceTypeOf(packageRoot, path);
      const reason = looksMinified(text) ? 'minified' : parseError(text, sourceType);
      if (reason) {
        skipped.push({ path: corpusPath, reason });
        continue;
      }
      const target = join(folder, 'files', ...corpusPath.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
      const lines = countLines(text);
      files.push({ path: corpusPath, sourceType, lines });
      packageFiles += 1;
      packageLines += lines;
    }
    packages.push({ name: pkg.name, version: pkg.version, files: packageFiles, lines: packageLines });
  }
  const lines = files.reduce((sum, file) => sum + file.lines, 0);
  return { hash: list.hash, packages, files, skipped, totals: { packages: packages.length, files: files.length, lines } };
}

/** Paths relative to the package root, in `/` form, sorted, without nested dependencies. */
function listJavaScript(root, directory = root) {
  return readdirSync(directory, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listJavaScript(root, path);
      if (!entry.isFile() || !javaScriptExtensions.has(extname(entry.name))) return [];
      return [relative(root, path).split(sep).join('/')];
    });
}

/** As Node decides: by extension, else by the `type` of the nearest package.json in the package. */
function sourceTypeOf(packageRoot, path) {
  if (path.endsWith('.mjs')) return 'module';
  if (path.endsWith('.cjs')) return 'commonjs';
  for (let directory = dirname(join(packageRoot, path)); ; directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      const { type } = JSON.parse(readFileSync(manifest, 'utf8'));
      if (type !== undefined || directory === packageRoot) return type === 'module' ? 'module' : 'commonjs';
    }
    if (directory === packageRoot) return 'commonjs';
  }
}

// A bundle squeezed onto few long lines is nobody's source; linting it measures nothing useful.
function looksMinified(text) {
  const lines = text.split('\n');
  return lines.some((line) => line.length > 2000) && text.length / lines.length > 150;
}

function parseError(text, sourceType) {
  try {
    espree.parse(text, { ecmaVersion: 'latest', sourceType });
    return undefined;
  } catch (error) {
    return `does not parse as ${sourceType}: ${error.message}`;
  }
}

function countLines(text) {
  if (text.length === 0) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function globToRegExp(glob) {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index];
    if (glob.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (glob.startsWith('**', index)) {
      source += '.*';
      index += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const corpus = ensureCorpus({ log: (message) => console.error(message) });
  if (process.argv.includes('--path')) console.log(corpus.filesDirectory);
  else if (process.argv.includes('--json')) console.log(JSON.stringify(corpus, null, 1));
  else {
    const { packages, files, lines } = corpus.totals;
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(`corpus: ${packages} packages, ${files} files, ${lines} lines in ${corpus.filesDirectory} (${seconds} s)`);
    if (corpus.skipped.length > 0) console.log(`skipped ${corpus.skipped.length} files: ${corpus.skipped.map((file) => `${file.path} (${file.reason})`).join('; ')}`);
  }
}
