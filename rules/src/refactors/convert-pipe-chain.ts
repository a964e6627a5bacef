/** "Convert .pipe() chain to pipeline()", offered on any plain pipe chain, reported or not. */
import type { TSESTree } from '@typescript-eslint/utils';
import { isPipeCall, outermostPipeCall, pipeChainOf } from '../analysis/pipe-chains.js';
import { pipelineFormsFor, rewriteAsPipeline } from '../fixes/pipeline-rewrite.js';
import { refactorRule, selectionOf, touches } from './selection.js';

export const convertPipeChain = refactorRule(
  { description: 'Rewrites a .pipe() chain as a pipeline() call, reported or not.', level: null },
  { toCallback: 'Convert .pipe() chain to pipeline()', toAwait: 'Convert .pipe() chain to await pipeline()' },
  (context) => {
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
);
