import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';

it('npm start opens with one line saying that examples/ holds planted bugs, then lists them', () => {
  const run = spawnSync(process.execPath, ['scripts/start.mjs'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const [first, ...rest] = run.stdout.split('\n');
  assert.match(first, /^examples\/ holds stream bugs planted on purpose/);
  assert.match(rest.join('\n'), /node-streams\/no-unhandled-error/);
});
