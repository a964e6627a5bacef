// node-streams-lint as CI runs it: the built CLI in a scratch project, exit codes and output. Most
// tests call it in this process (loading ESLint once); a few run the bin as a user's shell does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';

const bin = join(process.cwd(), 'rules/bin/node-streams-lint.js');
const rulesPackage = JSON.parse(readFileSync('rules/package.json', 'utf8')) as { version: string };

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

const { runCli } = createRequire(import.meta.url)('../../rules/dist/cli.js') as {
  runCli(argv: string[], environment: { cwd: string; stdout(text: string): void; stderr(text: string): void; interactive: boolean }): Promise<number>;
};

async function lintIn(cwd: string, ...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    interactive: false,
  });
  return { status, stdout, stderr };
}

function lint(...args: string[]): Promise<Run> {
  return lintIn(process.cwd(), ...args);
}

/** A scratch project with these files; the CLI runs in it as a user's shell would. */
function project(files: Record<string, string>): (...args: string[]) => Promise<Run> {
  const directory = mkdtempSync(join(tmpdir(), 'node-streams-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, name)), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
  return (...args: string[]) => lintIn(directory, ...args);
}

/** The files of `--format json` output that have problems, by path in the scratch project, with their rules. */
function problems(stdout: string): Record<string, (string | null)[]> {
  const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null }[] }[];
  return Object.fromEntries(
    results
      .filter((result) => result.messages.length > 0)
      .map((result) => [result.filePath.replace(/^.*node-streams-cli-[^/]+\//, ''), result.messages.map((message) => message.ruleId)]),
  );
}

const unhandled = "const fs = require('fs');\nfs.createReadStream(process.argv[2]).pipe(process.stdout);\n";
const clean = "const fs = require('fs');\nmodule.exports = () => fs.createReadStream('x');\n";

describe('node-streams-lint', () => {
  it('prints the problems of examples/ and exits 1', async () => {
    const run = await lint('examples');
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /download\.js/);
    assert.match(run.stdout, /node-streams\/no-unhandled-error/);
    const demo = await lint('--exit-zero', 'examples');
    assert.equal(demo.status, 0, demo.stderr);
    assert.equal(demo.stdout, run.stdout);
  });

  it('writes JSON and SARIF', async () => {
    const json = JSON.parse((await lint('--format', 'json', 'examples/echo-server.js')).stdout);
    assert.equal(json[0].messages[0].ruleId, 'node-streams/no-unhandled-error');
    const sarif = JSON.parse((await lint('--format', 'sarif', 'examples/echo-server.js')).stdout);
    assert.equal(sarif.version, '2.1.0');
    const [run] = sarif.runs;
    assert.equal(run.results[0].ruleId, 'node-streams/no-unhandled-error');
    assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'examples/echo-server.js');
    assert.equal(run.tool.driver.rules[run.results[0].ruleIndex].id, 'node-streams/no-unhandled-error');
    assert.match(run.tool.driver.rules[0].helpUri, /no-unhandled-error/);
  });

  it('writes GitHub Actions annotations', async () => {
    const run = await project({ 'src/a,b.js': unhandled })('--format', 'github');
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^::error file=src\/a%2Cb\.js,line=2,col=1,endLine=2,endColumn=\d+,title=node-streams\/no-unhandled-error::.+$/m);
  });

  it('ends the stylish output with the docs link of each rule that reported, once', async () => {
    const run = await project({ 'a.js': unhandled, 'b.js': unhandled })();
    assert.equal(run.status, 1, run.stderr);
    const links = run.stdout.match(/^ {2}node-streams\/no-unhandled-error +https:\S+no-unhandled-error\S*$/gm);
    assert.equal(links?.length, 1, run.stdout);
    assert.ok(run.stdout.trimEnd().endsWith(links[0].trim()));
  });

  it('exits 0 on clean code, and 2 on a bad option', async () => {
    const run = project({ 'clean.js': clean });
    const passed = await run('--format', 'json');
    assert.equal(passed.status, 0);
    assert.deepEqual(problems(passed.stdout), {});
    const bad = await run('--format', 'nonsense');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown format/);
    for (const value of ['many', '-3', '1.5']) {
      const badNumber = await run(`--max-warnings=${value}`);
      assert.equal(badNumber.status, 2, value);
      assert.match(badNumber.stderr, /--max-warnings takes a whole number/);
    }
  });

  it('exits 2 with a clear message for a path or a pattern that matches nothing', async () => {
    const run = project({ 'src/clean.js': clean });
    for (const [pattern, said] of [
      ['scr', /no files match 'scr'/],
      ['src/**/*.tsx', /no files match 'src\/\*\*\/\*\.tsx'/],
    ] as const) {
      const missing = await run(pattern);
      assert.equal(missing.status, 2, pattern);
      assert.match(missing.stderr, said);
      assert.equal(missing.stdout, '');
    }
  });

  it('prints its version and its help on stdout', async () => {
    const version = await lint('--version');
    assert.equal(version.status, 0);
    assert.equal(version.stdout, `${rulesPackage.version}\n`);
    const help = await lint('--help');
    assert.equal(help.status, 0);
    for (const option of ['--quiet', '--ignore-pattern', '--max-warnings', '--cache', '--concurrency', '--use-project-config', 'github']) {
      assert.ok(help.stdout.includes(option), option);
    }
  });

  it("leaves out what .gitignore and --ignore-pattern leave out", async () => {
    const run = project({
      '.gitignore': '# build output\ndist/\n/coverage\n*.generated.js\n!keep.generated.js\n',
      'dist/bundle.js': unhandled,
      'packages/a/dist/bundle.js': unhandled,
      'coverage/report.js': unhandled,
      'src/coverage/check.js': unhandled,
      'src/table.generated.js': unhandled,
      'src/keep.generated.js': unhandled,
      'src/vendor/old.js': unhandled,
      'src/main.js': unhandled,
    });
    const linted = await run('--format', 'json', '--ignore-pattern', 'src/vendor/**');
    assert.equal(linted.status, 1, linted.stderr);
    assert.deepEqual(Object.keys(problems(linted.stdout)).sort(), ['src/coverage/check.js', 'src/keep.generated.js', 'src/main.js']);
  });

  describe('in a project with its own ESLint config', () => {
    const files = {
      'eslint.config.mjs': "export default [{ ignores: ['generated/**'] }, { files: ['**/*.js'], rules: {} }];\n",
      'generated/api.js': unhandled,
      'src/main.js': unhandled,
    };

    it("says that it does not use the config, and honours the config's ignores", async () => {
      const linted = await project(files)('--format', 'json');
      assert.equal(linted.status, 1, linted.stderr);
      assert.match(linted.stderr, /eslint\.config\.mjs found: linting with the embedded recommended config, not with it.*--use-project-config/);
      assert.deepEqual(Object.keys(problems(linted.stdout)), ['src/main.js']);
    });

    it('lints with the config when asked to, and says so', async () => {
      const linted = await project(files)('--use-project-config', '--format', 'json');
      assert.equal(linted.status, 0, linted.stderr);
      assert.match(linted.stderr, /linting with the project's ESLint config, eslint\.config\.mjs/);
      assert.deepEqual(problems(linted.stdout), {});
    });
  });

  it("lets other tools' eslint-disable comments be, and reports unused ones only when asked", async () => {
    const run = project({
      'src/main.js': [
        '/* eslint-disable import/no-commonjs */',
        "const fs = require('fs'); // eslint-disable-line unicorn/prefer-node-protocol",
        '// eslint-disable-next-line @typescript-eslint/no-floating-promises, node-streams/no-unhandled-error',
        'fs.createReadStream(process.argv[2]).pipe(process.stdout);',
        '// eslint-disable-next-line no-console',
        'console.log(fs);',
        '',
      ].join('\n'),
    });
    const quiet = await run('--format', 'json');
    assert.equal(quiet.status, 0, quiet.stdout);
    assert.deepEqual(problems(quiet.stdout), {});
    const asked = await run('--format', 'json', '--report-unused-disable-directives');
    const messages = (JSON.parse(asked.stdout) as { messages: { message: string }[] }[])[0].messages.map((each) => each.message);
    assert.ok(messages.length > 0 && messages.every((message) => /^Unused eslint-disable directive/.test(message)), messages.join('\n'));
  });

  it("parses each file as Node runs it, and tries the other module kind before reporting a parse error", async () => {
    const run = project({
      'package.json': '{ "name": "legacy" }\n',
      // A legacy octal escape: a syntax error in an ES module, fine in CommonJS.
      'lib/octal.js': `const banner = '\\251 2009';\n${unhandled}`,
      // ES module syntax in a CommonJS package (compiled by some tool before it runs).
      'lib/esm.js': "import fs from 'fs';\nexport const cat = () => fs.createReadStream('a').pipe(process.stdout);\n",
      'modern/package.json': '{ "type": "module" }\n',
      'modern/octal.js': `const banner = '\\251 2009';\n${unhandled}`,
      'modern/top-level-await.js': "import fs from 'fs';\nawait fs.promises.access('a');\nfs.createReadStream('a').pipe(process.stdout);\n",
      'broken.js': 'const = 1;\n',
    });
    const linted = await run('--format', 'json');
    assert.deepEqual(problems(linted.stdout), {
      'broken.js': [null],
      'lib/esm.js': ['node-streams/no-unhandled-error'],
      'lib/octal.js': ['node-streams/no-unhandled-error'],
      'modern/octal.js': ['node-streams/no-unhandled-error'],
      'modern/top-level-await.js': ['node-streams/no-unhandled-error'],
    });
  });

  it('reports errors only with --quiet, and fails on more warnings than --max-warnings', async () => {
    const run = project({
      'eslint.config.mjs': [
        "import nodeStreams from " + JSON.stringify(join(process.cwd(), 'rules/dist/index.mjs')) + ';',
        "export default [{ plugins: { 'node-streams': nodeStreams }, rules: { 'node-streams/no-unhandled-error': 'warn', 'node-streams/prefer-pipeline': 'error' } }];",
        '',
      ].join('\n'),
      'warned.js': unhandled.replace('.pipe(process.stdout)', '.resume()'),
    });
    const warned = await run('--use-project-config', '--format', 'json');
    assert.equal(warned.status, 0, warned.stderr);
    assert.deepEqual(problems(warned.stdout), { 'warned.js': ['node-streams/no-unhandled-error'] });
    const quiet = await run('--use-project-config', '--format', 'json', '--quiet');
    assert.deepEqual(problems(quiet.stdout), {});
    const strict = await run('--use-project-config', '--max-warnings', '0');
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /1 warnings, more than the maximum of 0/);
  });

  it('lints again from its cache, and in worker threads, with the same results', async () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`src/file${index}.js`, index % 2 ? unhandled : clean]));
    const run = project(files);
    const plain = await run('--format', 'json');
    const first = await run('--format', 'json', '--cache');
    const cached = await run('--format', 'json', '--cache');
    const threaded = await run('--format', 'json', '--concurrency', '2');
    assert.equal(plain.status, 1, plain.stderr);
    const expected = problems(plain.stdout);
    assert.equal(Object.keys(expected).length, 3);
    for (const other of [first, cached, threaded]) {
      assert.equal(other.status, 1, other.stderr);
      assert.deepEqual(problems(other.stdout), expected);
    }
  });

  it('runs as a bin: lints TypeScript with the strict config, and exits 2 on a bad option', () => {
    const directory = mkdtempSync(join(tmpdir(), 'node-streams-'));
    cpSync('examples/static-server.js', join(directory, 'server.ts'));
    const lintBin = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '.'], { encoding: 'utf8', cwd: directory });
    const recommended = lintBin();
    const strict = lintBin('--config', 'strict');
    assert.equal(recommended.status, 0, recommended.stdout);
    assert.equal(strict.status, 1);
    assert.match(strict.stdout, /node-streams\/prefer-pipeline/);
    const bad = lintBin('--format', 'nonsense');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown format 'nonsense'/);
  });
});
