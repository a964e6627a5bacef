/**
 * The tests entry VS Code loads in the extension host (`extensionTestsPath`). It runs one pass of
 * the mocha suite (the files in the folder named by NODE_STREAMS_E2E_PASS) and writes the outcome
 * to the result file named by NODE_STREAMS_E2E_RESULT after every test. The runner counts a pass
 * only from that file: the workbench reports exit code 0 when the extension host dies.
 */
import Mocha from 'mocha';
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export interface ResultFile {
  pass: string;
  /** Set only when mocha has run to the end. */
  finished: boolean;
  /** The test running when the file was written, to name the culprit if the host dies. */
  running?: string;
  /** Why the entry itself failed, outside any test. */
  error?: string;
  passed: number;
  failed: number;
  tests: TestOutcome[];
}

export async function run(): Promise<void> {
  const resultFile = process.env.NODE_STREAMS_E2E_RESULT;
  if (!resultFile) throw new Error('NODE_STREAMS_E2E_RESULT is not set: the runner names the result file');
  const pass = process.env.NODE_STREAMS_E2E_PASS ?? 'editor';
  const result: ResultFile = { pass, finished: false, passed: 0, failed: 0, tests: [] };
  const save = () => {
    // Written whole, then renamed: the runner never reads half a file.
    writeFileSync(`${resultFile}.partial`, JSON.stringify(result, null, 2));
    renameSync(`${resultFile}.partial`, resultFile);
  };
  save();
  try {
    const failures = await runMocha(pass, result, save);
    if (failures > 0) throw new Error(`${failures} e2e test(s) failed`);
  } catch (error) {
    if (!result.finished) {
      result.error = (error as Error).stack ?? String(error);
      save();
    }
    throw error;
  }
}

async function runMocha(pass: string, result: ResultFile, save: () => void): Promise<number> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 30_000,
    forbidOnly: true,
    forbidPending: true,
    ...(process.env.NODE_STREAMS_E2E_GREP ? { grep: process.env.NODE_STREAMS_E2E_GREP } : {}),
  });
  const directory = join(__dirname, pass);
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(directory, file));
  }
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('test', (test) => {
      result.running = test.fullTitle();
      save();
    });
    runner.on('pass', (test) => {
      result.passed += 1;
      result.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
      save();
    });
    runner.on('fail', (test, error: Error) => {
      result.failed += 1;
      result.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? String(error) });
      save();
    });
  });
  result.running = undefined;
  result.finished = true;
  save();
  return failures;
}
