/**
 * The packages as a user gets them: `npm run pack` writes them into artifacts/, and each is
 * installed from its tarball into a scratch project outside the clone, with nothing but the
 * registry, following the install steps of its README. CI-only (`npm run test:install`): it
 * downloads from the registry into an npm cache under ~/.cache/node-streams.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LanguageClient } from '../server/lsp-client.js';

const root = resolve(import.meta.dirname, '../..');
const artifacts = join(root, 'artifacts');
const pluginTarball = join(artifacts, 'eslint-plugin-node-streams-0.1.0.tgz');
const serverTarball = join(artifacts, 'node-streams-language-server-0.1.0.tgz');
const scratch = mkdtempSync(join(tmpdir(), 'node-streams-install-'));

const npmEnv: NodeJS.ProcessEnv = {
  ...process.env,
  npm_config_cache: join(homedir(), '.cache/node-streams/npm'),
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  // The scratch projects are outside any workspace of the clone.
  npm_config_workspaces: 'false',
};

function run(file: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(file, args, { cwd, env: npmEnv, encoding: 'utf8', timeout: 300_000 });
}

/** npm's warnings but the one that says a dry run has no registry login, which is not the package's. */
function npmWarnings(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^npm warn/i.test(line) && !/requires you to be logged in/.test(line));
}

function succeed(file: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = run(file, args, cwd);
  assert.equal(result.status, 0, `${file} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result;
}

interface CodeBlock {
  info: string;
  text: string;
}

/** The fenced code blocks of a README, with their info strings (`sh`, `js eslint.config.js`). */
function codeBlocks(readme: string): CodeBlock[] {
  return [...readme.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map((match) => ({ info: match[1].trim(), text: match[2] }));
}

/** The README block written as a file of that name. */
function fileBlock(blocks: CodeBlock[], fileName: string): string {
  const block = blocks.find((each) => each.info.split(/\s+/)[1] === fileName);
  assert.ok(block, `the README has no block for ${fileName}`);
  return block.text;
}

/** The README's `npm install` lines, with the tarball standing in for the published package. */
function installCommands(blocks: CodeBlock[], packageName: string, tarball: string): string[][] {
  return blocks
    .filter((block) => block.info === 'sh')
    .flatMap((block) => block.text.split('\n'))
    .filter((line) => line.startsWith('npm install '))
    .map((line) => line.replace(/#.*/, '').trim().split(/\s+/).map((word) => (word === packageName ? tarball : word)));
}

function directorySize(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(path).reduce((sum, name) => sum + directorySize(join(path, name)), 0);
}

/** Every installed copy of a package, nested ones included. */
function installedCopies(nodeModules: string, name: string): string[] {
  const found: string[] = [];
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory)) {
      if (entry.startsWith('.')) continue;
      const packages = entry.startsWith('@') ? readdirSync(join(directory, entry)).map((inner) => `${entry}/${inner}`) : [entry];
      for (const packageName of packages) {
        const path = join(directory, packageName);
        if (packageName === name) found.push(path);
        if (existsSync(join(path, 'node_modules'))) visit(join(path, 'node_modules'));
      }
    }
  };
  visit(nodeModules);
  return found;
}

const buggy = "const fs = require('fs');\nfs.createReadStream(process.argv[2]).pipe(process.stdout);\n";

before(() => {
  assert.ok(existsSync(pluginTarball) && existsSync(serverTarball), 'run npm run pack first (npm run test:install does)');
});
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('eslint-plugin-node-streams from its tarball', () => {
  const project = join(scratch, 'plain-js');
  const readme = readFileSync(join(root, 'rules/README.md'), 'utf8');
  const blocks = codeBlocks(readme);

  before(() => {
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'plain-js', private: true }, null, 2));
    writeFileSync(join(project, 'src/cat.js'), buggy);
    const commands = installCommands(blocks, 'eslint-plugin-node-streams', pluginTarball);
    assert.ok(commands.length > 0, 'the README says how to install');
    // A plain JavaScript project runs the first install line only; the TypeScript ones come later.
    succeed('npm', commands[0].slice(1), project);
  });

  it('publishes with no warning', () => {
    const published = succeed('npm', ['publish', '--dry-run', pluginTarball], project);
    assert.deepEqual(npmWarnings(published.stderr), []);
  });

  it('adds itself and no other package: no TypeScript and no second ESLint, within 5 MB', () => {
    const nodeModules = join(project, 'node_modules');
    const manifest = JSON.parse(readFileSync(join(nodeModules, 'eslint-plugin-node-streams/package.json'), 'utf8'));
    assert.deepEqual(manifest.dependencies ?? {}, {});
    assert.deepEqual(installedCopies(nodeModules, 'typescript'), []);
    assert.deepEqual(installedCopies(nodeModules, 'eslint'), [join(nodeModules, 'eslint')]);
    const size = directorySize(join(nodeModules, 'eslint-plugin-node-streams'));
    assert.ok(size <= 5 * 1024 * 1024, `the plugin takes ${size} bytes`);
    for (const file of ['README.md', 'LICENSE', 'dist/index.js', 'dist/index.mjs', 'dist/index.d.ts', 'docs/no-unhandled-error.md']) {
      assert.ok(existsSync(join(nodeModules, 'eslint-plugin-node-streams', file)), `${file} is missing from the package`);
    }
  });

  for (const configFile of ['eslint.config.mjs', 'eslint.config.cjs']) {
    it(`lints with ESLint and the README's ${configFile}`, () => {
      writeFileSync(join(project, configFile), fileBlock(blocks, configFile));
      const linted = run('npx', ['eslint', '--format', 'json', 'src'], project);
      rmSync(join(project, configFile));
      assert.equal(linted.status, 1, linted.stderr);
      const [result] = JSON.parse(linted.stdout);
      assert.deepEqual(
        result.messages.map((message: { ruleId: string }) => message.ruleId),
        ['node-streams/no-unhandled-error'],
      );
    });
  }

  it('runs node-streams-lint, and says that a mistyped path matches nothing', () => {
    const linted = run('npx', ['node-streams-lint', 'src'], project);
    assert.equal(linted.status, 1, linted.stderr);
    assert.match(linted.stdout, /node-streams\/no-unhandled-error/);
    const mistyped = run('npx', ['node-streams-lint', 'scr'], project);
    assert.equal(mistyped.status, 2);
    assert.match(mistyped.stderr, /no files match 'scr'/);
  });

  it("type-checks the README's eslint.config.ts (defineConfig) and // @ts-check CommonJS config with tsc", () => {
    for (const command of installCommands(blocks, 'eslint-plugin-node-streams', pluginTarball).slice(1)) {
      succeed('npm', command.slice(1), project);
    }
    writeFileSync(join(project, 'eslint.config.ts'), fileBlock(blocks, 'eslint.config.ts'));
    writeFileSync(join(project, 'eslint.config.cjs'), fileBlock(blocks, 'eslint.config.cjs'));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, allowJs: true, checkJs: true, types: ['node'] },
        files: ['eslint.config.ts', 'eslint.config.cjs'],
      }),
    );
    const checked = run('npx', ['tsc', '-p', '.'], project);
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    // The TypeScript parser is now installed: the CLI lints .ts files too.
    writeFileSync(join(project, 'src/cat.ts'), buggy.replace("const fs = require('fs');", "import fs from 'node:fs';"));
    const linted = run('npx', ['node-streams-lint', '--format', 'json', 'src/cat.ts'], project);
    assert.equal(linted.status, 1, linted.stderr);
    assert.equal(JSON.parse(linted.stdout)[0].messages[0].ruleId, 'node-streams/no-unhandled-error');
  });
});

describe('node-streams-language-server from its tarball', () => {
  const empty = join(scratch, 'empty');
  const readme = readFileSync(join(root, 'server/README.md'), 'utf8');

  it('publishes with no warning', () => {
    mkdirSync(empty, { recursive: true });
    const published = succeed('npm', ['publish', '--dry-run', serverTarball], empty);
    assert.deepEqual(npmWarnings(published.stderr), []);
  });

  it('runs with npx in an empty folder and lints over stdio', async (t) => {
    mkdirSync(empty, { recursive: true });
    // The README's command, with the tarball standing in for the published package.
    assert.match(readme, /npx node-streams-language-server --stdio/);
    const help = succeed('npx', ['--yes', `--package=${serverTarball}`, 'node-streams-language-server', '--help'], empty);
    assert.match(help.stdout, /--stdio/);
    const client = await LanguageClient.start(
      { command: { file: 'npx', args: ['--yes', `--package=${serverTarball}`, 'node-streams-language-server'], cwd: empty, env: npmEnv } },
      t,
    );
    for (const [name, text, language] of [
      ['cat.js', buggy, 'javascript'],
      ['cat.mts', buggy.replace("const fs = require('fs');", "import fs from 'node:fs';"), 'typescript'],
    ] as const) {
      const uri = pathToFileURL(join(empty, name)).href;
      client.open(uri, text, language);
      assert.deepEqual((await client.diagnostics(uri)).map((each) => each.code), ['node-streams/no-unhandled-error'], name);
    }
    assert.equal(await client.shutdown(), 0);
  });
});
