import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { SourceCode } from '../analysis/syntax/index.js';

/**
 * Whether replacing `node` with `replacement` would make it repeat an operand beside it in the same
 * `||`, `&&`, `??` chain or the other branch of a `?:`: `this.readableHighWaterMark ||
 * this._readableState.highWaterMark` would become `x || x`, which keeps no meaning of the fallback.
 * A fix must not write that; the author has to decide what the fallback was for.
 */
export function repeatsSiblingOperand(sourceCode: SourceCode, node: TSESTree.Node, replacement: string): boolean {
  const wanted = normalized(replacement);
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression) continue;
    let siblings: TSESTree.Node[];
    if (parent.type === AST_NODE_TYPES.LogicalExpression) siblings = [parent.left, parent.right];
    else if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child) siblings = [parent.test, parent.consequent, parent.alternate];
    else return false;
    if (siblings.some((sibling) => sibling !== child && operandsOf(sibling).some((operand) => normalized(sourceCode.getText(operand)) === wanted))) {
      return true;
    }
  }
  return false;
}

/** The operands of a logical chain, or the expression itself. */
function operandsOf(node: TSESTree.Node): TSESTree.Node[] {
  return node.type === AST_NODE_TYPES.LogicalExpression ? [...operandsOf(node.left), ...operandsOf(node.right)] : [node];
}

const normalized = (text: string) => text.replace(/\s+/g, '').replace(/\?\./g, '.').replace(/^\((.*)\)$/, '$1');
