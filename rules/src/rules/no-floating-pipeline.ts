import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  finishedFunctions,
  isPromiseForm,
  isPromiseHandled,
  pipelineFunctions,
  resolveQualifiedName,
  skipTransparent,
  streamCreationOf,
  streamKindOf,
  type SourceCode,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import { isInAsyncFunction } from '../fixes/pipeline-rewrite.js';
import { errorCallbackText } from '../fixes/source-text.js';

type MessageIds = 'missingCallback' | 'floatingPromise' | 'addCallback' | 'addAwait';

const callbackForms = new Set([...pipelineFunctions, ...finishedFunctions].filter((name) => !isPromiseForm(name)));
const promiseForms = new Set([...pipelineFunctions, ...finishedFunctions].filter(isPromiseForm));

export default createRule<[], MessageIds>({
  name: 'no-floating-pipeline',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a callback for pipeline() and finished(), and an await or catch for their promise forms',
      level: 'intermediate',
      topic: 'error handling',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      missingCallback: "'{{name}}()' from 'node:stream' throws 'ERR_INVALID_ARG_TYPE' without a callback as last argument.",
      floatingPromise: "The promise of '{{name}}()' is not awaited or caught: a stream failure crashes the process.",
      addCallback: 'Add a callback that receives the error.',
      addAwait: 'Await the promise.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        const qualified = resolveQualifiedName(sourceCode, node.callee);
        if (!qualified || node.arguments.length === 0) return;
        const name = qualified.split('.').at(-1)!;
        if (callbackForms.has(qualified) && lacksCallback(sourceCode, node)) {
          const last = node.arguments.at(-1)!;
          const callback = errorCallbackText(sourceCode, node);
          context.report({
            node,
            messageId: 'missingCallback',
            data: { name },
            suggest: [
              {
                messageId: 'addCallback',
                fix: (fixer) => fixer.insertTextAfter(last, `, ${callback}`),
              },
            ],
          });
        }
        if (promiseForms.has(qualified) && !isPromiseHandled(sourceCode, node)) {
          context.report({
            node,
            messageId: 'floatingPromise',
            data: { name },
            suggest: isInAsyncFunction(node)
              ? [{ messageId: 'addAwait', fix: (fixer) => fixer.insertTextBefore(node, 'await ') }]
              : [],
          });
        }
      },
    };
  },
});

/**
 * The last argument of the callback form must be the callback. We only speak when it is clearly
 * not a function: a stream, an options object, an array of streams, a literal.
 */
function lacksCallback(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const last = skipTransparent(call.arguments.at(-1)!);
  switch (last.type) {
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.SpreadElement:
      return false;
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
      return true;
    case AST_NODE_TYPES.NewExpression:
      return true;
    case AST_NODE_TYPES.CallExpression:
      return streamCreationOf(sourceCode, last) !== null || streamKindOf(sourceCode, last) !== null;
    default:
      return streamKindOf(sourceCode, last) !== null;
  }
}
