/** "Convert .pipe() chain to pipeline()", offered on any plain pipe chain, reported or not. */
import type { JSONSchema, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isPipeCall, outermostPipeCall, pipeChainOf } from '../../../rules/src/analysis/pipe-chains.js';
import { pipelineFormsFor, rewriteAsPipeline } from '../../../rules/src/fixes/pipeline-rewrite.js';
import { selectionOf, selectionSchema, touches, type RefactorContext } from './selection.js';

export const convertPipeChain: TSESLint.RuleModule<'toCallback' | 'toAwait', [{ start: number; end: number }]> = {
  defaultOptions: [{ start: 0, end: 0 }],
  meta: {
    type: 'suggestion',
    fixable: 'code',
    schema: selectionSchema as unknown as JSONSchema.JSONSchema4[],
    messages: {
      toCallback: 'Convert .pipe() chain to pipeline()',
      toAwait: 'Convert .pipe() chain to await pipeline()',
    },
  },
  create(context: RefactorContext) {
    const selection = selectionOf(context);
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (!isPipeCall(node) || outermostPipeCall(node) !== node || !touches(selection, node)) return;
        const chain = pipeChainOf(node);
        for (const form of pipelineFormsFor(sourceCode, chain)) {
          context.report({
            node,
            messageId: form === 'await' ? 'toAwait' : 'toCallback',
            fix: (fixer) => rewriteAsPipeline(sourceCode, fixer, chain, form),
          });
        }
      },
    };
  },
};
