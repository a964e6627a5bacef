import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { findVariableOf, isSameValue, repeatingContextOf, resolveQualifiedName, skipTransparent, type SourceCode } from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type MessageIds = 'concatPerChunk';

export default createRule<[], MessageIds>({
  name: 'no-buffer-concat-per-chunk',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Buffer.concat() of everything received so far once per chunk, which copies the data over and over',
      level: 'advanced',
      topic: 'performance',
      recommended: 'strict',
    },
    messages: {
      concatPerChunk: "'Buffer.concat([{{total}}, …])' in a {{context}} copies all data so far on each chunk.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      AssignmentExpression(node) {
        if (node.operator !== '=') return;
        const call = skipTransparent(node.right);
        if (call.type !== AST_NODE_TYPES.CallExpression) return;
        const [list] = call.arguments;
        if (list?.type !== AST_NODE_TYPES.ArrayExpression || list.elements.length < 2) return;
        const first = list.elements[0];
        if (!first || first.type === AST_NODE_TYPES.SpreadElement || !isSameValue(sourceCode, first, node.left)) return;
        if (resolveQualifiedName(sourceCode, call.callee) !== 'buffer.Buffer.concat' && !isGlobalBufferConcat(sourceCode, call.callee)) return;
        const repeating = repeatingContextOf(sourceCode, node);
        if (!repeating) return;
        context.report({
          node: call,
          messageId: 'concatPerChunk',
          data: { total: sourceCode.getText(first), context: repeating.description },
        });
      },
    };
  },
});

/** `Buffer.concat` of the global Buffer (not a local class of that name). */
function isGlobalBufferConcat(sourceCode: SourceCode, callee: TSESTree.Node): boolean {
  const target = skipTransparent(callee);
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.object.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, target.object);
  if (variable && variable.defs.length > 0) return false;
  return (
    target.type === AST_NODE_TYPES.MemberExpression &&
    target.object.type === AST_NODE_TYPES.Identifier &&
    target.object.name === 'Buffer' &&
    target.property.type === AST_NODE_TYPES.Identifier &&
    target.property.name === 'concat'
  );
}
