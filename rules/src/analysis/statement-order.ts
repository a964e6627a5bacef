import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, propertyName, skipTransparent } from './syntax/index.js';

/** The statement of a block that holds `node`: the unit that runs in sequence with its siblings. */
export function statementOf(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && !holdsStatements(current.parent) && !isBranch(current) && !isFunction(current.parent)) {
    current = current.parent;
  }
  return current;
}

function holdsStatements(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.BlockStatement ||
    node.type === AST_NODE_TYPES.Program ||
    node.type === AST_NODE_TYPES.StaticBlock ||
    node.type === AST_NODE_TYPES.SwitchCase
  );
}

function statementsOf(node: TSESTree.Node): TSESTree.Node[] {
  if (node.type === AST_NODE_TYPES.SwitchCase) return node.consequent;
  if (
    node.type === AST_NODE_TYPES.BlockStatement ||
    node.type === AST_NODE_TYPES.Program ||
    node.type === AST_NODE_TYPES.StaticBlock
  ) {
    return node.body;
  }
  return [];
}

/** A statement that is the whole branch of an `if` without braces: `if (error) res.end();`. */
function isBranch(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.IfStatement && (parent.consequent === node || parent.alternate === node);
}

/**
 * The statements that run after `statement` when it completes normally, following straight-line
 * code only: the rest of its block, then, when the block is the branch of an `if` or the body of
 * a `try` that did not return, what follows that. Loops, switch cases and functions end the walk,
 * and so does a statement that always leaves (`return`, `throw`, `break`, `continue`).
 */
export function statementsRunningAfter(statement: TSESTree.Node): TSESTree.Node[] {
  if (alwaysLeaves(statement)) return [];
  const following: TSESTree.Node[] = [];
  let current = statement;
  for (;;) {
    const parent = current.parent;
    if (!parent) return following;
    if (holdsStatements(parent)) {
      const body = statementsOf(parent);
      for (const next of body.slice(body.indexOf(current) + 1)) {
        following.push(next);
        if (alwaysLeaves(next)) return following;
      }
      // A switch case falls through or breaks, and the program or a static block ends there.
      if (parent.type !== AST_NODE_TYPES.BlockStatement) return following;
      current = parent;
    } else if (isBranch(current)) {
      current = parent;
    } else if (parent.type === AST_NODE_TYPES.TryStatement && parent.handler !== current) {
      current = parent;
    } else if (parent.type === AST_NODE_TYPES.CatchClause) {
      current = parent.parent;
    } else {
      return following;
    }
  }
}

/** Whether a statement never completes normally, whatever path it takes. */
export function alwaysLeaves(statement: TSESTree.Node): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.some(alwaysLeaves);
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate !== null && alwaysLeaves(statement.consequent) && alwaysLeaves(statement.alternate);
    case AST_NODE_TYPES.ExpressionStatement:
      return isProcessExit(statement.expression);
    default:
      return false;
  }
}

function isProcessExit(expression: TSESTree.Expression): boolean {
  const call = skipTransparent(expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTransparent(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'process' &&
    propertyName(callee) === 'exit'
  );
}
