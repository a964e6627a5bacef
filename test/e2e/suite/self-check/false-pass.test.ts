/**
 * Run only by `npm run test:e2e -- --self-check`, which expects this pass to FAIL: it proves that a
 * failed assertion and an extension host that dies are both reported as failures, never as a pass.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';

describe('the runner itself', () => {
  it('reports a failed assertion', () => {
    assert.equal(1 + 1, 3);
  });

  it('reports an extension host that dies (the workbench then says exit code 0)', () => {
    process.kill(process.pid, 'SIGKILL');
  });
});
