import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Linter, type Rule } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { codeBefore } from '../../rules/src/analysis/index.js';

/** The source text of what may run before the `target()` call of a function body, innermost first. */
function codeBeforeTarget(code: string): string[] {
  const answers: string[] = [];
  const rule: TSESLint.RuleModule<'answer'> = {
    meta: { type: 'problem', messages: { answer: '' }, schema: [] },
    defaultOptions: [],
    create(context) {
      return {
        'CallExpression[callee.name="target"]'(node: TSESTree.CallExpression) {
          const scope = context.sourceCode.ast.body[0];
          for (const earlier of codeBefore(node, scope)) answers.push(context.sourceCode.getText(earlier));
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  linter.verify(code, [{ plugins: { order: { rules: { before: rule as unknown as Rule.RuleModule } } }, rules: { 'order/before': 'error' } }]);
  return answers;
}

it('lists earlier statements, the if test and earlier arguments, never a sibling branch or later code', () => {
  assert.deepEqual(
    codeBeforeTarget(`
      async function f() {
        a();
        if (b()) { c(); } else { d(); }
        if (e()) {
          g(h(), target(), i());
        } else { j(); }
        k();
      }
    `),
    ['h()', 'g', 'e()', 'if (b()) { c(); } else { d(); }', 'a();'],
  );
});
