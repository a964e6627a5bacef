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

type MessageIds = 'unpipedAndLeft' | 'headReadAndLeft' | 'resumeAfterUnpipe' | 'destroyAfterUnpipe';

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
      unpipedAndLeft:
        "unpipe() pauses '{{stream}}', and nothing reads, drains or destroys it afterwards: {{held}} Call {{stream}}.resume() to drain it, or {{stream}}.destroy().",
      headReadAndLeft:
        "{{reader}}() reads only the first bytes of '{{stream}}' and leaves it open: its file descriptor or socket stays held until the process ends. Destroy it once the answer is in (in a finally, so a failure releases it too).",
      resumeAfterUnpipe: 'Drain the request with {{stream}}.resume() after unpipe().',
      destroyAfterUnpipe: 'Destroy {{stream}} after unpipe().',
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
            messageId: 'unpipedAndLeft',
            data: {
              stream: text,
              held: request
                ? "the client's upload never completes and its socket and buffers stay held, once per request."
                : 'its file descriptor or socket stays held until the process ends.',
            },
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
