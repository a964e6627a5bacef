import type { TSESTree } from '@typescript-eslint/utils';
import {
  hasNonStreamSource,
  holdsResource,
  isPipeCall,
  isReleasedOnClientAbort,
  isServerResponse,
  outermostPipeCall,
  pipeChainOf,
  relayOf,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import { pipelineFormsFor, rewriteAsPipeline } from '../fixes/pipeline-rewrite.js';

type MessageIds = 'pipedIntoResponse' | 'relayedIntoResponse' | 'convertToPipeline' | 'convertToAwaitPipeline';

export default createRule<[], MessageIds>({
  name: 'no-leak-on-client-abort',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow piping a file, socket or upstream stream into an HTTP response with nothing to destroy it when the client goes away',
      level: 'expert',
      topic: 'http integration',
      recommended: 'strict',
    },
    hasSuggestions: true,
    messages: {
      pipedIntoResponse:
        "When the client goes away, '{{source}}' stays open: '.pipe()' only unpipes it from the response. Use 'pipeline()', or destroy it on the response's 'close'.",
      relayedIntoResponse:
        "When the client goes away, this relay leaves '{{source}}' open: nothing destroys it on 'close'. Use 'pipeline()', or destroy it on the response's 'close'.",
      convertToPipeline: "Rewrite the chain with 'pipeline(…, callback)', which destroys every stage on abort.",
      convertToAwaitPipeline: "Rewrite the chain with 'await pipeline(…)' from 'node:stream/promises'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        if (isPipeCall(node)) {
          if (outermostPipeCall(node) !== node) return;
          const chain = pipeChainOf(node);
          const responseIndex = chain.stages.findIndex((stage, index) => index > 0 && isServerResponse(sourceCode, stage));
          if (responseIndex < 0 || hasNonStreamSource(sourceCode, chain)) return;
          const sources = chain.stages.slice(0, responseIndex);
          const holding = sources.find((stage) => holdsResource(sourceCode, stage));
          if (!holding || isReleasedOnClientAbort(sourceCode, chain.stages[responseIndex], sources)) return;
          const pipeIntoResponse = chain.pipeCalls[responseIndex - 1];
          const method = pipeIntoResponse.callee as TSESTree.MemberExpression;
          // The rewrite takes the whole chain; a chain that goes on past the response is left alone.
          const rewritable = responseIndex === chain.stages.length - 1;
          context.report({
            loc: { start: method.property.loc.start, end: pipeIntoResponse.loc.end },
            messageId: 'pipedIntoResponse',
            data: { source: sourceCode.getText(holding) },
            suggest: rewritable
              ? pipelineFormsFor(sourceCode, chain).map((form) => ({
                  messageId: form === 'await' ? 'convertToAwaitPipeline' : 'convertToPipeline',
                  fix: (fixer) => rewriteAsPipeline(sourceCode, fixer, chain, form),
                }))
              : [],
          });
          return;
        }
        const relay = relayOf(sourceCode, node);
        if (!relay) return;
        const response = relay.writes.find((write) => isServerResponse(sourceCode, write.destination))?.destination;
        if (!response || !holdsResource(sourceCode, relay.source)) return;
        if (isReleasedOnClientAbort(sourceCode, response, [relay.source])) return;
        context.report({ node, messageId: 'relayedIntoResponse', data: { source: sourceCode.getText(relay.source) } });
      },
    };
  },
});
