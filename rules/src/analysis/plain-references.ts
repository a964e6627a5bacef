import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/**
 * A name or a property path (`out`, `this.file`, `child.stdout`): writing it again in a fix reads
 * the same value, where a call (`input.pipe(out)`) would run again and make another.
 */
export function isPlainReference(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && isPlainReference(node.object);
}
