// One pass of the e2e suite: a fresh workspace and editor state, code-server, a workbench running
// the mocha suite in the extension host, and the verdict from the result file the suite writes.
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCodeServer } from './code-server.mjs';
import { runExtensionTests } from './workbench.mjs';

export const repositoryRoot = new URL('../../..', import.meta.url).pathname.replace(/\/$/, '');
export const testsEntry = join(repositoryRoot, 'test', 'e2e', 'out', 'index.js');

/**
 * A workspace the tests may change freely: the fixtures of test/e2e/workspace plus a copy of
 * examples/. It lives outside the clone, so that no config file of the repository applies to it.
 * Its project/ has its own ESLint config, the plugin installed as a project that uses it would
 * have it (a link to rules/), and a copy of examples/download.js to lint.
 */
export async function prepareWorkspace(parent) {
  const workspace = join(parent, 'workspace');
  await cp(join(repositoryRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  await cp(join(repositoryRoot, 'examples'), join(workspace, 'examples'), { recursive: true });
  await cp(join(repositoryRoot, 'examples', 'download.js'), join(workspace, 'project', 'download.js'));
  await mkdir(join(workspace, 'project', 'node_modules'), { recursive: true });
  await symlink(join(repositoryRoot, 'rules'), join(workspace, 'project', 'node_modules', 'eslint-plugin-node-streams'), 'dir');
  return workspace;
}

/**
 * @param {object} options
 * @param {string} options.pass the folder of test/e2e/suite whose tests run
 * @param {object} options.install from ensureCodeServer()
 * @param {string} options.resultsDirectory logs, result file and screenshot of this pass
 * @param {boolean} [options.trust]
 * @param {string} [options.folder] the workspace; a fresh one by default
 * @param {string} [options.extensionDevelopmentPath]
 * @param {string} [options.extensionTestsPath]
 * @param {Record<string, string>} [options.environment]
 * @returns {Promise<{ ok: boolean, stateDirectory: string, passed: number, failed: number, problems: string[], result?: object }>}
 */
export async function runPass({
  pass,
  install,
  resultsDirectory,
  trust = true,
  folder,
  extensionDevelopmentPath = repositoryRoot,
  extensionTestsPath = testsEntry,
  environment = {},
  timeoutMs = 240_000,
}) {
  await rm(resultsDirectory, { recursive: true, force: true });
  await mkdir(resultsDirectory, { recursive: true });
  const stateDirectory = await mkdtemp(join(tmpdir(), `node-streams-e2e-${pass}-`));
  const resultFile = environment.NODE_STREAMS_E2E_RESULT ?? join(resultsDirectory, 'result.json');
  await rm(resultFile, { force: true });
  const server = await startCodeServer({
    install,
    stateDirectory,
    logFile: join(resultsDirectory, 'code-server.log'),
    trust,
    environment: {
      NODE_STREAMS_E2E_PASS: pass,
      NODE_STREAMS_E2E_RESULT: resultFile,
      NODE_STREAMS_E2E_ARTIFACTS: resultsDirectory,
      ...environment,
    },
  });
  const problems = [];
  let exitCode;
  try {
    exitCode = await runExtensionTests({
      server,
      folder: folder ?? (await prepareWorkspace(stateDirectory)),
      extensionDevelopmentPath,
      extensionTestsPath,
      profileDirectory: join(stateDirectory, 'chromium'),
      logFile: join(resultsDirectory, 'workbench.log'),
      screenshotFile: join(resultsDirectory, 'last-screen.png'),
      timeoutMs,
    });
  } catch (error) {
    problems.push(error.message);
  } finally {
    await server.stop();
  }
  const result = existsSync(resultFile) ? JSON.parse(await readFile(resultFile, 'utf8')) : undefined;
  problems.push(...verdictProblems(exitCode, result));
  if (problems.length === 0) await rm(stateDirectory, { recursive: true, force: true });
  else problems.push(`editor state kept in ${stateDirectory}; logs in ${resultsDirectory}`);
  return { ok: problems.length === 0, stateDirectory, passed: result?.passed ?? 0, failed: result?.failed ?? 0, problems, result };
}

/** Why a pass does not count as passed; empty when it does. */
export function verdictProblems(exitCode, result) {
  const problems = [];
  if (!result) problems.push('the tests entry wrote no result file (it did not start, or the extension host died at once)');
  else {
    if (result.error) problems.push(`the tests entry failed: ${result.error}`);
    else if (!result.finished) {
      problems.push(`the suite did not finish: the extension host died${result.running ? ` during "${result.running}"` : ''}`);
    }
    if (result.failed > 0) problems.push(`${result.failed} test(s) failed`);
    if (result.finished && result.passed + result.failed === 0) problems.push('no test ran');
  }
  if (exitCode !== undefined && exitCode !== 0) problems.push(`the workbench reported exit code ${exitCode}`);
  return problems;
}

/** Prints each test of a pass, the errors of the failed ones and the pass's problems. */
export function printPass(name, outcome, write = console.log) {
  for (const test of outcome.result?.tests ?? []) {
    const mark = test.state === 'passed' ? '✔' : '✘';
    write(`  ${mark} ${test.title} (${test.durationMs} ms)`);
    if (test.error) write(indent(test.error, '      '));
  }
  for (const problem of outcome.problems) write(`  ✘ ${name}: ${problem}`);
}

function indent(text, prefix) {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
