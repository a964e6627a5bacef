import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/**
 * The code that may run before `target` on the way to it, up to `scope`: the earlier statements of
 * each statement list that holds it, the test of an `if`, `?:` or `switch` it sits in, the callee
 * and earlier arguments of a call, earlier declarators and sequence items. Each entry is a whole
 * subtree (a branch of an earlier `if` may or may not have run); innermost first.
 */
export function codeBefore(target: TSESTree.Node, scope: TSESTree.Node): TSESTree.Node[] {
  const earlier: TSESTree.Node[] = [];
  for (let child: TSESTree.Node = target, parent = target.parent; parent && child !== scope; child = parent, parent = parent.parent) {
    earlier.push(...childrenRunBefore(parent, child).reverse());
  }
  return earlier;
}

/** The children of `parent` that run before `child` does. */
function childrenRunBefore(parent: TSESTree.Node, child: TSESTree.Node): TSESTree.Node[] {
  switch (parent.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.StaticBlock:
      return before(parent.body, child);
    case AST_NODE_TYPES.SwitchCase:
      return before(parent.consequent, child);
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return child === parent.test ? [] : [parent.test];
    case AST_NODE_TYPES.SwitchStatement:
      return child === parent.discriminant ? [] : [parent.discriminant];
    case AST_NODE_TYPES.VariableDeclaration:
      return before(parent.declarations, child);
    case AST_NODE_TYPES.SequenceExpression:
      return before(parent.expressions, child);
    case AST_NODE_TYPES.CallExpression:
      return child === parent.callee ? [] : [parent.callee, ...before(parent.arguments, child)];
    case AST_NODE_TYPES.MemberExpression:
      return child === parent.property ? [parent.object] : [];
    default:
      return [];
  }
}

function before(list: readonly TSESTree.Node[], child: TSESTree.Node): TSESTree.Node[] {
  const index = list.indexOf(child);
  return index < 0 ? [] : list.slice(0, index);
}
