import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import {
  headReadStreamOf,
  isServerRequest,
  isTakenUpAfter,
  isWorthReleasing,
  propertyName,
  skipTransparent,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import { indentOf } from '../fixes/source-text.js';

type MessageIds = 'unpipedRequest' | 'unpipedStream' | 'headReadAndLeft' | 'resumeAfterUnpipe' | 'destroyAfterUnpipe';

export default createRule<[], MessageIds>({
  name: 'no-abandoned-readable',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow a readable that the code stops consuming without destroying, draining or handing it on',
      level: 'intermediate',
      topic: 'flow control',
      recommended: 'strict',
    },
    hasSuggestions: true,
    messages: {
      unpipedRequest:
        "After 'unpipe()', '{{stream}}' stays paused: the client's upload hangs and its socket is held. Call '{{stream}}.resume()' to drain it.",
      unpipedStream:
        "After 'unpipe()', '{{stream}}' stays paused and open: its descriptor or socket is held. Call '{{stream}}.destroy()' once it is not needed.",
      headReadAndLeft:
        "'{{reader}}()' reads only the head of '{{stream}}', left open: its descriptor stays held. Destroy it in a 'finally'.",
      resumeAfterUnpipe: "Drain the request with '{{stream}}.resume()' after 'unpipe()'.",
      destroyAfterUnpipe: "Destroy '{{stream}}' after 'unpipe()'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        const callee = skipTransparent(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'unpipe') {
          const stream = callee.object;
          if (!isWorthReleasing(sourceCode, stream)) return;
          if (isTakenUpAfter(sourceCode, stream, node, node.arguments[0])) return;
          const request = isServerRequest(sourceCode, stream);
          const text = sourceCode.getText(stream);
          const statement = node.parent;
          context.report({
            node,
            messageId: request ? 'unpipedRequest' : 'unpipedStream',
            data: { stream: text },
            suggest:
              statement?.type === AST_NODE_TYPES.ExpressionStatement && statement.expression === node
                ? [
                    {
                      messageId: request ? 'resumeAfterUnpipe' : 'destroyAfterUnpipe',
                      data: { stream: text },
                      fix: (fixer) =>
                        fixer.insertTextAfter(statement, `\n${indentOf(sourceCode, statement)}${text}.${request ? 'resume' : 'destroy'}();`),
                    },
                  ]
                : [],
          });
          return;
        }
        const stream = headReadStreamOf(sourceCode, node);
        if (!stream || !isWorthReleasing(sourceCode, stream) || isTakenUpAfter(sourceCode, stream, node)) return;
        context.report({
          node,
          messageId: 'headReadAndLeft',
          data: { reader: sourceCode.getText(node.callee), stream: sourceCode.getText(stream) },
        });
      },
    };
  },
});
