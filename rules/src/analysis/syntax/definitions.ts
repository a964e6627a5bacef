import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { skipTransparent } from './nodes.js';
import { enclosingFunctionOf } from './walk.js';

/**
 * Definitions and uses of a variable: which values are written to it, and which reads can see
 * which write. Straight-line code is followed in source order; a write inside a branch, a loop or
 * another function does not hide the writes before it.
 */
export interface Definition {
  /** The declarator or the assignment that writes the variable. */
  site: TSESTree.VariableDeclarator | TSESTree.AssignmentExpression;
  /** The value written. */
  value: TSESTree.Expression;
}

interface VariableFlow {
  definitions: Definition[];
  /** Whether every write is one of `definitions`: no destructuring, `+=`, `for…of`, parameter. */
  complete: boolean;
  /** For each read, the definitions that may reach it. */
  reaching: Map<TSESTree.Identifier, Definition[]>;
}

const flows = new WeakMap<TSESLint.Scope.Variable, VariableFlow>();

/** The values written to a variable: its initialiser and every later `name = value`. */
export function definitionsOf(variable: TSESLint.Scope.Variable): { definitions: Definition[]; complete: boolean } {
  return flowOf(variable);
}

/** The definitions that may reach one read of a variable, or null when some write is not known. */
export function definitionsReaching(variable: TSESLint.Scope.Variable, read: TSESTree.Identifier): Definition[] | null {
  const flow = flowOf(variable);
  return flow.complete ? (flow.reaching.get(read) ?? []) : null;
}

/** The reads of a variable that a definition may reach. */
export function readsReachedBy(variable: TSESLint.Scope.Variable, definition: TSESTree.Node): TSESTree.Identifier[] {
  const flow = flowOf(variable);
  const reads: TSESTree.Identifier[] = [];
  for (const [read, definitions] of flow.reaching) {
    if (definitions.some((each) => each.site === definition)) reads.push(read);
  }
  return reads;
}

/** Whether a value written is nothing at all: `null`, `undefined`, `void 0`. */
export function isNothing(node: TSESTree.Node): boolean {
  const target = skipTransparent(node);
  return (
    (target.type === AST_NODE_TYPES.Literal && target.value === null && !('regex' in target)) ||
    (target.type === AST_NODE_TYPES.Identifier && target.name === 'undefined') ||
    (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === 'void')
  );
}

function flowOf(variable: TSESLint.Scope.Variable): VariableFlow {
  const known = flows.get(variable);
  if (known) return known;
  const definitions: Definition[] = [];
  let complete = variable.defs.every((definition) => definition.type === 'Variable' || definition.type === 'FunctionName' || definition.type === 'ClassName');
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    const definition = definitionAt(reference.identifier);
    if (definition) definitions.push(definition);
    else complete = false;
  }
  definitions.sort((a, b) => a.site.range[1] - b.site.range[1]);
  const reaching = new Map<TSESTree.Identifier, Definition[]>();
  for (const reference of variable.references) {
    if (!reference.isRead()) continue;
    reaching.set(reference.identifier as TSESTree.Identifier, reachingAt(reference.identifier, definitions));
  }
  const flow = { definitions, complete, reaching };
  flows.set(variable, flow);
  return flow;
}

function definitionAt(identifier: TSESTree.Node): Definition | null {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id === identifier) {
    // `for (const x of xs)` writes each element, not the initialiser.
    if (parent.parent.parent?.type === AST_NODE_TYPES.ForOfStatement || parent.parent.parent?.type === AST_NODE_TYPES.ForInStatement) return null;
    return parent.init ? { site: parent, value: parent.init } : null;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === identifier && parent.operator === '=') {
    return { site: parent, value: parent.right };
  }
  return null;
}

/**
 * The last definition before `read` in source order, and the ones before it that it may not hide:
 * a definition hides earlier ones only when it runs whenever the read runs, in the same function.
 */
function reachingAt(read: TSESTree.Node, definitions: Definition[]): Definition[] {
  const before = definitions.filter((definition) => definition.site.range[1] <= read.range[0]);
  if (before.length === 0) {
    // A read before any write in source order: a closure or a loop sees whichever ran last.
    return definitions;
  }
  const reaching: Definition[] = [];
  for (let index = before.length - 1; index >= 0; index--) {
    reaching.push(before[index]);
    if (alwaysRunsBefore(before[index].site, read)) break;
  }
  return reaching;
}

/** Whether `site` runs every time before `read`: its statement sits in a block that holds the read, in the same function. */
function alwaysRunsBefore(site: TSESTree.Node, read: TSESTree.Node): boolean {
  let child: TSESTree.Node = site;
  for (let current = site.parent; current; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.StaticBlock:
        return contains(current, read) && sameFunction(site, read);
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.IfStatement:
        if (current.test !== child) return false;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (current.right === child) return false;
        break;
      case AST_NODE_TYPES.SwitchCase:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.TryStatement:
      case AST_NODE_TYPES.CatchClause:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return false;
      default:
        break;
    }
  }
  return false;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function sameFunction(first: TSESTree.Node, second: TSESTree.Node): boolean {
  return enclosingFunctionOf(first) === enclosingFunctionOf(second);
}
