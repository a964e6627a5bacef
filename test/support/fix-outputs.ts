import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import type { TSESLint } from '@typescript-eslint/utils';

interface InvalidCase {
  code: string;
  output?: string | string[] | null;
  filename?: string;
  errors: readonly { messageId: string; suggestions?: readonly { output: string }[] | null }[];
}

/** Lints `code` with one rule alone, the way the rule tester does. */
function lintWithRule(name: string, rule: TSESLint.RuleModule<string, unknown[]>, code: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.js'],
        languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { test: { rules: { [name]: rule } } } as unknown as Linter.Config['plugins'],
        rules: { [`test/${name}`]: 'error' },
      },
    ],
    'file.js',
  );
}

/**
 * Re-lints every fix and suggestion output of the invalid cases: each must parse, and must have
 * fewer reports of the rule than the code it fixed (the problem it fixed does not come back).
 */
export function checkFixOutputs(
  name: string,
  rule: TSESLint.RuleModule<string, unknown[]>,
  cases: readonly InvalidCase[],
): void {
  describe(`${name}: fix and suggestion outputs`, () => {
    for (const [index, testCase] of cases.entries()) {
      const outputs = [
        ...(typeof testCase.output === 'string' ? [testCase.output] : []),
        ...testCase.errors.flatMap((error) => (error.suggestions ?? []).map((suggestion) => suggestion.output)),
      ];
      for (const [number, output] of outputs.entries()) {
        it(`case ${index + 1}, output ${number + 1} parses and settles the problem`, () => {
          const before = lintWithRule(name, rule, testCase.code);
          const after = lintWithRule(name, rule, output);
          const fatal = after.filter((message) => message.fatal);
          assert.deepEqual(fatal.map((message) => message.message), []);
          assert.ok(after.length < before.length, `still ${after.length} report(s): ${after.map((m) => m.message).join('; ')}`);
        });
      }
    }
  });
}
