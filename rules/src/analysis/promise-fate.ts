import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { propertyName, type SourceCode } from './syntax/index.js';

/**
 * Whether someone takes care of a promise's rejection: it is awaited, returned, caught, given a
 * rejection handler, handed on, or explicitly discarded with `void`.
 */
export function isPromiseHandled(sourceCode: SourceCode, node: TSESTree.Node, seen = new Set<TSESTree.Node>()): boolean {
  if (seen.has(node)) return true;
  seen.add(node);
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
      return false;
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return isPromiseHandled(sourceCode, parent, seen);
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === node
        ? true
        : isPromiseHandled(sourceCode, parent, seen);
    case AST_NODE_TYPES.SequenceExpression:
      return parent.expressions.at(-1) === node ? isPromiseHandled(sourceCode, parent, seen) : false;
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node ? isChainedCallHandled(sourceCode, parent, seen) : true;
    case AST_NODE_TYPES.VariableDeclarator:
      return isVariableHandled(sourceCode, parent, seen);
    default:
      return true;
  }
}

function isChainedCallHandled(sourceCode: SourceCode, member: TSESTree.MemberExpression, seen: Set<TSESTree.Node>): boolean {
  const call = member.parent;
  const method = propertyName(member);
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return true;
  if (method === 'catch') return true;
  if (method === 'then' && call.arguments.length >= 2) return true;
  if (method === 'then' || method === 'finally') return isPromiseHandled(sourceCode, call, seen);
  return true;
}

function isVariableHandled(sourceCode: SourceCode, declarator: TSESTree.VariableDeclarator, seen: Set<TSESTree.Node>): boolean {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return true;
  const variable = sourceCode.getDeclaredVariables(declarator)[0];
  if (!variable) return true;
  const reads = variable.references.filter((reference) => reference.isRead());
  return reads.some((reference) => isPromiseHandled(sourceCode, reference.identifier, seen));
}
