import assert from 'node:assert/strict';
import { Linter, type Rule } from 'eslint';
import * as typescriptParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { rememberLintContext, resolveQualifiedName, streamKindOf } from '../../rules/src/analysis/index.js';

export interface ProbeOptions {
  filename?: string;
  /** ESLint shared settings, as a user's config gives them. */
  settings?: Record<string, unknown>;
  cwd?: string;
}

/**
 * Runs the analysis on every `probe(expression)` of a snippet and returns its answers, in order:
 * the qualified name and the stream kind of each probed expression.
 */
export function probe(code: string, filenameOrOptions: string | ProbeOptions = {}): string[] {
  const { filename = 'probe.ts', settings = {}, cwd } =
    typeof filenameOrOptions === 'string' ? { filename: filenameOrOptions } : filenameOrOptions;
  const answers: string[] = [];
  const probeRule: TSESLint.RuleModule<'answer'> = {
    meta: { type: 'problem', messages: { answer: '{{answer}}' }, schema: [] },
    defaultOptions: [],
    create(context) {
      rememberLintContext(context);
      return {
        'CallExpression[callee.name="probe"]'(node: TSESTree.CallExpression) {
          const target = node.arguments[0];
          const name = resolveQualifiedName(context.sourceCode, target) ?? '-';
          const kind = streamKindOf(context.sourceCode, target) ?? '-';
          answers.push(`${name} ${kind}`);
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat', ...(cwd ? { cwd } : {}) });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: { parser: typescriptParser as Linter.Parser },
        plugins: { probe: { rules: { probe: probeRule as unknown as Rule.RuleModule } } },
        rules: { 'probe/probe': 'error' },
        settings,
      },
    ],
    filename,
  );
  assert.deepEqual(messages.filter((message) => message.fatal), []);
  return answers;
}
