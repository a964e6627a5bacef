import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import { after, describe, it } from 'node:test';

// The rule tester asks for mocha-like hooks; node's test runner has them under these names.
RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** Plain JavaScript and TypeScript without type information, as most users run the rules. */
export const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
});

/** With the type checker, through typescript-eslint's project service. */
export function typedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: new URL('./fixtures', import.meta.url).pathname,
      },
    },
  });
}

/** Runs the same cases with and without type information: the same rule must report them both ways. */
export function runBothWays<MessageIds extends string, Options extends readonly unknown[]>(
  name: string,
  rule: TSESLint.RuleModule<MessageIds, Options>,
  tests: { valid: (string | ValidTestCase<Options>)[]; invalid: InvalidTestCase<MessageIds, Options>[] },
): void {
  ruleTester.run(name, rule, tests);
  typedRuleTester().run(`${name} with types`, rule, tests);
}
