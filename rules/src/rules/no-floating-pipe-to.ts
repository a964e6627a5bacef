import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import { isPromiseHandled, propertyName, skipTransparent } from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import { isInAsyncFunction } from '../fixes/pipeline-rewrite.js';

type MessageIds = 'floatingPipeTo' | 'addAwait' | 'addCatch';

export default createRule<[], MessageIds>({
  name: 'no-floating-pipe-to',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the promise of a web stream\'s pipeTo() to be awaited, returned or caught',
      level: 'expert',
      topic: 'advanced piping',
      recommended: 'strict',
    },
    hasSuggestions: true,
    messages: {
      floatingPipeTo: "The promise of '{{source}}.pipeTo()' is not awaited or caught: a failure crashes the process.",
      addAwait: 'Await the promise.',
      addCatch: 'Catch the rejection and log it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        const callee = skipTransparent(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'pipeTo') return;
        if (node.arguments.length === 0 || isPromiseHandled(sourceCode, node)) return;
        const standalone = node.parent?.type === AST_NODE_TYPES.ExpressionStatement;
        const suggestions: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
        if (isInAsyncFunction(node)) {
          suggestions.push({ messageId: 'addAwait', fix: (fixer) => fixer.insertTextBefore(node, 'await ') });
        }
        if (standalone) {
          suggestions.push({
            messageId: 'addCatch',
            fix: (fixer) => fixer.insertTextAfter(node, '.catch((error) => console.error(error))'),
          });
        }
        context.report({
          node,
          messageId: 'floatingPipeTo',
          data: { source: sourceCode.getText(callee.object) },
          suggest: suggestions,
        });
      },
    };
  },
});
