import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartPolicy } from '../../client/src/restart-policy.js';

describe('RestartPolicy', () => {
  it('restarts up to the limit within the window, then stops and says how to start again', () => {
    let now = 0;
    const policy = new RestartPolicy(2, 60_000, () => now);
    assert.deepEqual(
      [policy.onCrash(), policy.onCrash()].map((decision) => decision.restart),
      [true, true],
    );
    now += 1;
    const stopped = policy.onCrash();
    assert.equal(stopped.restart, false);
    assert.match(stopped.message, /3 times in 1 minutes and will not be restarted.*Restart Server/);
  });

  it('forgets crashes older than the window', () => {
    let now = 0;
    const policy = new RestartPolicy(1, 1000, () => now);
    assert.equal(policy.onCrash().restart, true);
    now = 1000;
    assert.equal(policy.onCrash().restart, true);
    assert.equal(policy.onCrash().restart, false);
  });

  it('starts a fresh count after a restart asked for by the user', () => {
    const policy = new RestartPolicy(1, 60_000, () => 0);
    policy.onCrash();
    assert.equal(policy.onCrash().restart, false);
    policy.reset();
    const decision = policy.onCrash();
    assert.equal(decision.restart, true);
    assert.match(decision.message, /restarting \(1 of 1 restarts allowed in 1 minutes\)/);
  });
});
