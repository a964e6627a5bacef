import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { StreamKind } from '../stream-kind.js';
import { isFunction, skipTransparent } from '../syntax/index.js';

/**
 * The kind a read of a variable is narrowed to by an enclosing `instanceof` check: `x` in
 * `if (x instanceof Readable) x.pipe(out)`, `x instanceof Writable && x.end()` or
 * `x instanceof Duplex ? x : null`. `classKind` says which classes are streams.
 */
export function narrowedStreamKind(
  read: TSESTree.Identifier,
  variable: TSESLint.Scope.Variable,
  classKind: (node: TSESTree.Node) => StreamKind | null,
): StreamKind | null {
  for (let current: TSESTree.Node = read; current.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    let test: TSESTree.Node | null = null;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === current) test = parent.test;
    else if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.consequent === current) test = parent.test;
    else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && parent.right === current) {
      test = parent.left;
    }
    const kind = test && instanceofKind(test, variable, classKind);
    if (kind) return kind;
    if (isFunction(parent)) return null;
  }
  return null;
}

/** `x instanceof C`, also as one operand of `&&`. */
function instanceofKind(
  test: TSESTree.Node,
  variable: TSESLint.Scope.Variable,
  classKind: (node: TSESTree.Node) => StreamKind | null,
): StreamKind | null {
  const target = skipTransparent(test);
  if (target.type === AST_NODE_TYPES.LogicalExpression && target.operator === '&&') {
    return instanceofKind(target.left, variable, classKind) ?? instanceofKind(target.right, variable, classKind);
  }
  if (target.type !== AST_NODE_TYPES.BinaryExpression || target.operator !== 'instanceof') return null;
  const subject = skipTransparent(target.left);
  if (subject.type !== AST_NODE_TYPES.Identifier) return null;
  const isSameVariable = variable.references.some((reference) => reference.identifier === subject);
  return isSameVariable ? classKind(target.right) : null;
}
