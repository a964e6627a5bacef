import { spawnSync } from 'node:child_process';

export interface NodeRun {
  /** The exit code; 13 when a top-level await never settles (Node's own "hang" exit). */
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs an ES module in a fresh Node process. A stream program that hangs on a promise empties
 * the event loop and Node exits with 13, so no test has to wait for a clock to tell a hang.
 */
export function runModule(code: string): NodeRun {
  const result = spawnSync(process.execPath, ['--input-type=module', '--eval', code], {
    encoding: 'utf8',
    // Only a safety net for a broken program; no assertion depends on it.
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Node's exit code for a top-level await that can never settle. */
export const unsettledAwaitStatus = 13;
