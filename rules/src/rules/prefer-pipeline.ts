import type { TSESTree } from '@typescript-eslint/utils';
import {
  hasNonStreamSource,
  isChainHandledByHand,
  isFanIn,
  isFanOut,
  isInsidePipeImplementation,
  isPipeCall,
  isStreamPipeChain,
  outermostPipeCall,
  pipeChainOf,
  type PipeChain,
  type SourceCode,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import { pipelineFormsFor, rewriteAsPipeline } from '../fixes/pipeline-rewrite.js';

type MessageIds = 'preferPipeline' | 'convertToPipeline' | 'convertToAwaitPipeline';

export default createRule<[], MessageIds>({
  name: 'prefer-pipeline',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Prefer pipeline() to .pipe() chains, which neither forward errors nor clean up',
      level: 'expert',
      topic: 'advanced piping',
      recommended: 'strict',
    },
    hasSuggestions: true,
    messages: {
      preferPipeline: "When one stage of this '.pipe()' chain fails, the others stay open: descriptors and sockets leak.",
      convertToPipeline: "Rewrite the chain with 'pipeline(…, callback)'.",
      convertToAwaitPipeline: "Rewrite the chain with 'await pipeline(…)' from 'node:stream/promises'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        if (!isPipeCall(node) || outermostPipeCall(node) !== node) return;
        const chain = pipeChainOf(node);
        if (!isStreamPipeChain(sourceCode, chain) || !isPipelineShaped(sourceCode, chain)) return;
        if (isChainHandledByHand(sourceCode, chain)) return;
        const firstPipe = chain.pipeCalls[0].callee as TSESTree.MemberExpression;
        context.report({
          loc: { start: firstPipe.property.loc.start, end: chain.outermost.loc.end },
          messageId: 'preferPipeline',
          suggest: pipelineFormsFor(sourceCode, chain).map((form) => ({
            messageId: form === 'await' ? 'convertToAwaitPipeline' : 'convertToPipeline',
            fix: (fixer) => rewriteAsPipeline(sourceCode, fixer, chain, form),
          })),
        });
      },
    };
  },
});

/**
 * Whether pipeline() could take the chain's place: not for objects that only have a `.pipe()` of
 * their own, several sources into one destination, one source into several, or the body of a
 * `pipe()` implementation.
 */
function isPipelineShaped(sourceCode: SourceCode, chain: PipeChain): boolean {
  return !(
    hasNonStreamSource(sourceCode, chain) ||
    isFanIn(sourceCode, chain) ||
    isFanOut(sourceCode, chain) ||
    isInsidePipeImplementation(sourceCode, chain)
  );
}
