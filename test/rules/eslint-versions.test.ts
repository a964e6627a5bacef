import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

// The plugin claims ESLint 9 and 10: lint the examples with both, through the published package.
const requireHere = createRequire(import.meta.url);
const plugin = requireHere('eslint-plugin-node-streams');

const engines = {
  'ESLint 9': requireHere('eslint-v9') as typeof import('eslint'),
  'ESLint 10': requireHere('eslint') as typeof import('eslint'),
};

describe('ESLint versions', () => {
  for (const [label, eslint] of Object.entries(engines)) {
    it(`${label} reports the examples the same way`, async () => {
      const engine = new eslint.ESLint({
        overrideConfigFile: true,
        overrideConfig: [plugin.configs.all],
      });
      const results = await engine.lintFiles(['examples/*.js', 'examples/*.mjs']);
      const reported = results.flatMap((result) =>
        result.messages.map((message) => `${result.filePath.split('/').pop()}:${message.line}:${message.column} ${message.ruleId}`),
      );
      assert.ok(reported.length > 0);
      assert.ok(reported.every((entry) => entry.includes('node-streams/')), reported.join('\n'));
      assert.ok(reported.some((entry) => entry.startsWith('echo-server.js:5:34 node-streams/no-unhandled-error')));
    });
  }

  it('ESLint 9 and 10 agree', async () => {
    const lint = async (eslint: typeof import('eslint')) => {
      const engine = new eslint.ESLint({ overrideConfigFile: true, overrideConfig: [plugin.configs.all] });
      const results = await engine.lintFiles(['examples/*.js', 'examples/*.mjs']);
      return results.map((result) => result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`));
    };
    assert.deepEqual(await lint(engines['ESLint 9']), await lint(engines['ESLint 10']));
  });
});
