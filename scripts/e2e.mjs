// The e2e suite in a real VS Code: `npm run test:e2e`. Builds the extension and the suite, installs
// code-server (cached under ~/.cache/node-streams/), and runs each pass in it, driven by Chromium.
//
//   npm run test:e2e                         every pass
//   npm run test:e2e -- --pass editor        one pass: editor, untrusted or ui (repeatable)
//   npm run test:e2e -- --grep "code action" only the tests whose title matches
//   npm run test:e2e -- --self-check         proves that failures and a dead extension host fail the run
//   npm run test:e2e -- --vscode [--vscode-version 1.91.0]   the editor pass in a VS Code downloaded by @vscode/test-electron
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { buildSuite } from '../test/e2e/runner/build-suite.mjs';
import { ensureCodeServer } from '../test/e2e/runner/install.mjs';
import { runUiPass } from '../test/e2e/runner/ui-pass.mjs';
import { prepareWorkspace, printPass, repositoryRoot, runPass, testsEntry, verdictProblems } from '../test/e2e/runner/run-pass.mjs';

const { values: options } = parseArgs({
  options: {
    pass: { type: 'string', multiple: true },
    grep: { type: 'string' },
    'self-check': { type: 'boolean' },
    vscode: { type: 'boolean' },
    'vscode-version': { type: 'string' },
  },
  allowPositionals: false,
});
const resultsRoot = join(repositoryRoot, 'test-results', 'e2e');
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
if (options.grep) process.env.NODE_STREAMS_E2E_GREP = options.grep;

try {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: repositoryRoot, stdio: 'inherit' });
} catch {
  console.error('e2e: the build failed');
  process.exit(1);
}
await buildSuite();

if (options['self-check']) process.exit(await selfCheck());

const passes = options.vscode ? ['editor'] : (options.pass ?? ['editor', 'untrusted', 'ui']);
const install = options.vscode ? undefined : await ensureCodeServer();
let passed = 0;
let failed = 0;
for (const pass of passes) {
  console.log(`e2e pass "${pass}" (${seconds()})`);
  const resultsDirectory = join(resultsRoot, pass);
  const outcome =
    pass === 'editor'
      ? await runEditorPass()
      : pass === 'ui'
        ? await runUiPass({ install, resultsDirectory })
        : await runPass({ pass, install, resultsDirectory, trust: pass !== 'untrusted' });
  if (pass !== 'editor') printPass(pass, outcome);
  if (pass === 'ui') for (const name of readdirSync(resultsDirectory).filter((file) => file.endsWith('.png'))) console.log(`  screenshot: ${join(resultsDirectory, name)}`);
  passed += outcome.passed;
  failed += outcome.failed + (outcome.failed === 0 && !outcome.ok ? 1 : 0);
}
console.log(`e2e finished in ${seconds()}; logs and screenshots in ${resultsRoot}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

/**
 * The main pass goes through @vscode/test-electron's runTests, as on any VS Code extension: with a
 * VS Code it downloads (--vscode), or with the launcher that runs it in code-server here. Either way
 * the verdict comes from the result file, not from the exit code alone.
 */
async function runEditorPass() {
  const resultsDirectory = join(resultsRoot, 'editor');
  const resultFile = join(resultsDirectory, 'result.json');
  rmSync(resultFile, { force: true });
  // Outside the clone, so that no config file of the repository applies to the workspace.
  const workspaceParent = mkdtempSync(join(tmpdir(), 'node-streams-e2e-workspace-'));
  const launcher = join(repositoryRoot, 'test', 'e2e', 'launcher', 'code');
  let exitCode;
  try {
    exitCode = await runTests({
      ...(options.vscode ? { version: options['vscode-version'] ?? 'stable' } : { vscodeExecutablePath: launcher }),
      extensionDevelopmentPath: repositoryRoot,
      extensionTestsPath: testsEntry,
      launchArgs: [await prepareWorkspace(workspaceParent), '--disable-extensions'],
      extensionTestsEnv: {
        NODE_STREAMS_E2E_PASS: 'editor',
        NODE_STREAMS_E2E_RESULT: resultFile,
        NODE_STREAMS_E2E_ARTIFACTS: resultsDirectory,
      },
    });
  } catch (error) {
    // A failed run rejects with its exit code; anything else (a failed download) is worth saying.
    if (!(error instanceof TestRunFailedError)) console.error(`  ✘ editor: ${error.message}`);
    exitCode = error.code ?? 1;
  }
  const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
  const outcome = { result, passed: result?.passed ?? 0, failed: result?.failed ?? 0, problems: verdictProblems(exitCode, result) };
  outcome.ok = outcome.problems.length === 0;
  if (outcome.ok) rmSync(workspaceParent, { recursive: true, force: true });
  // The launcher has printed the tests already; a downloaded VS Code prints only mocha's own output.
  if (options.vscode) printPass('editor', outcome);
  else for (const problem of outcome.problems) console.log(`  ✘ editor: ${problem}`);
  return outcome;
}

/** Runs a pass that must fail, and checks that the runner reports both of its failures. */
async function selfCheck() {
  const outcome = await runPass({ pass: 'self-check', install: await ensureCodeServer(), resultsDirectory: join(resultsRoot, 'self-check'), timeoutMs: 60_000 });
  printPass('self-check', outcome);
  rmSync(outcome.stateDirectory, { recursive: true, force: true });
  const checks = [
    ['the pass is not counted as passed', !outcome.ok],
    ['the failed assertion is counted', outcome.failed === 1],
    ['the dead extension host is named', outcome.problems.some((problem) => problem.includes('reports an extension host that dies'))],
  ];
  for (const [what, holds] of checks) console.log(`${holds ? '✔' : '✘'} self-check: ${what}`);
  return checks.every(([, holds]) => holds) ? 0 : 1;
}
