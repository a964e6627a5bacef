import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { resolveQualifiedName } from './module-bindings.js';
import { errorConsumingFunctions, listenerMethods, sameStreamMethods } from './stream-api.js';
import { findVariableOf, propertyName, skipTransparent, staticString, type SourceCode } from './syntax/index.js';

/** What happens to a stream value: who handles its errors, where it goes, how it is used. */
export interface StreamFate {
  /** An `'error'` listener, `pipeline()`/`finished()`, `events.once`, `for await`, `compose`. */
  errorHandled: boolean;
  /** Returned, yielded, passed on, stored or exported: the caller owns it. */
  escapes: boolean;
  /** Read, written, piped or listened to as a stream (not only used through other APIs). */
  usedAsStream: boolean;
  /** `this.pipe(…)` calls that read from it. */
  pipeSources: TSESTree.CallExpression[];
  /** `other.pipe(this)` calls that write into it. */
  pipeDestinations: TSESTree.CallExpression[];
  /** Every method called on it, chained calls included. */
  methodCalls: TSESTree.CallExpression[];
}

const streamUseMethods = new Set(['pipe', 'write', 'end', 'read', 'resume', 'unpipe', 'cork', 'uncork']);

/**
 * Readable methods that consume the stream and pass its error on: `compose()` to the composed
 * stream, the iterator helpers (`map`, `toArray`, …) to the stream or promise they return.
 */
const errorForwardingMethods = new Set([
  'compose',
  'iterator',
  'map',
  'filter',
  'flatMap',
  'drop',
  'take',
  'forEach',
  'toArray',
  'some',
  'find',
  'every',
  'reduce',
  'asIndexedPairs',
]);
const streamEvents = new Set(['data', 'end', 'readable', 'finish', 'drain', 'close', 'error', 'pipe']);

export function emptyFate(): StreamFate {
  return {
    errorHandled: false,
    escapes: false,
    usedAsStream: false,
    pipeSources: [],
    pipeDestinations: [],
    methodCalls: [],
  };
}

/** Follows the value of `node` (a creation, or one read of a variable) to everywhere it goes. */
export function followStream(sourceCode: SourceCode, node: TSESTree.Node): StreamFate {
  const fate = emptyFate();
  followValue(sourceCode, node, fate, new Set());
  return fate;
}

/** Follows every read of a variable that holds a stream. */
export function followVariable(sourceCode: SourceCode, variable: TSESLint.Scope.Variable): StreamFate {
  const fate = emptyFate();
  followVariableInto(sourceCode, variable, fate, new Set());
  return fate;
}

function followVariableInto(
  sourceCode: SourceCode,
  variable: TSESLint.Scope.Variable,
  fate: StreamFate,
  seen: Set<unknown>,
): void {
  if (seen.has(variable)) return;
  seen.add(variable);
  if (isExported(variable)) fate.escapes = true;
  for (const reference of variable.references) {
    if (reference.isRead()) followValue(sourceCode, reference.identifier, fate, seen);
  }
}

function isExported(variable: TSESLint.Scope.Variable): boolean {
  const declaredInExport = variable.defs.some((definition) => {
    const statement = definition.type === 'Variable' ? definition.node.parent : definition.node;
    return statement?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
  });
  return (
    declaredInExport ||
    variable.references.some((reference) => reference.identifier.parent?.type === AST_NODE_TYPES.ExportSpecifier)
  );
}

function followValue(sourceCode: SourceCode, node: TSESTree.Node, fate: StreamFate, seen: Set<unknown>): void {
  const parent = node.parent;
  if (!parent) return;
  switch (parent.type) {
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
      if (parent.type !== AST_NODE_TYPES.ConditionalExpression || parent.test !== node) {
        followValue(sourceCode, parent, fate, seen);
      }
      return;
    case AST_NODE_TYPES.SequenceExpression:
      if (parent.expressions.at(-1) === node) followValue(sourceCode, parent, fate, seen);
      return;
    case AST_NODE_TYPES.MemberExpression:
      if (parent.object === node) followMethodCall(sourceCode, parent, fate, seen);
      return;
    case AST_NODE_TYPES.CallExpression:
      if (parent.callee !== node) followArgument(sourceCode, parent, node, fate, seen);
      return;
    case AST_NODE_TYPES.VariableDeclarator:
      if (parent.init === node) followDeclarator(sourceCode, parent, fate, seen);
      return;
    case AST_NODE_TYPES.AssignmentExpression:
      if (parent.right === node) followAssignment(sourceCode, parent, fate, seen);
      return;
    case AST_NODE_TYPES.ForOfStatement:
      if (parent.right === node) {
        // `for await` rethrows the stream's error inside the loop.
        fate.errorHandled = true;
        fate.usedAsStream = true;
      }
      return;
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.SwitchStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return;
    default:
      // Returned, yielded, exported, put in an array or object, handed to `new`, stored in a field:
      // somebody else owns it now.
      fate.escapes = true;
  }
}

function followMethodCall(
  sourceCode: SourceCode,
  member: TSESTree.MemberExpression,
  fate: StreamFate,
  seen: Set<unknown>,
): void {
  const call = member.parent;
  const method = propertyName(member);
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || !method) {
    // A property read (`s.readable`, `s.bytesWritten`) or a method handed on (`s.write.bind(s)`).
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee !== member) fate.escapes = true;
    return;
  }
  fate.methodCalls.push(call);
  if (streamUseMethods.has(method)) fate.usedAsStream = true;
  if (listenerMethods.has(method)) noteListener(call, fate);
  if (errorForwardingMethods.has(method)) {
    fate.errorHandled = true;
    fate.usedAsStream = true;
  }
  if (method === 'pipe') {
    fate.pipeSources.push(call);
    return;
  }
  if (sameStreamMethods.has(method)) followValue(sourceCode, call, fate, seen);
}

function noteListener(call: TSESTree.CallExpression, fate: StreamFate): void {
  const event = staticString(call.arguments[0]);
  // A computed event name may well be 'error': better silent than wrong.
  if (event === null || event === 'error') fate.errorHandled = true;
  if (event === null || streamEvents.has(event)) fate.usedAsStream = true;
}

function followArgument(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  argument: TSESTree.Node,
  fate: StreamFate,
  seen: Set<unknown>,
): void {
  const callee = skipTransparent(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'pipe' && call.arguments[0] === argument) {
    // `src.pipe(this)` returns this stream, so a chained `.on('error')` is its own.
    fate.pipeDestinations.push(call);
    fate.usedAsStream = true;
    followValue(sourceCode, call, fate, seen);
    return;
  }
  const name = resolveQualifiedName(sourceCode, call.callee);
  if (name && errorConsumingFunctions.has(name)) {
    fate.errorHandled = true;
    fate.usedAsStream = true;
    return;
  }
  fate.escapes = true;
}

function followDeclarator(
  sourceCode: SourceCode,
  declarator: TSESTree.VariableDeclarator,
  fate: StreamFate,
  seen: Set<unknown>,
): void {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) {
    fate.escapes = true;
    return;
  }
  const variable = sourceCode.getDeclaredVariables(declarator).find((each) => each.name === (declarator.id as TSESTree.Identifier).name);
  if (variable) followVariableInto(sourceCode, variable, fate, seen);
}

function followAssignment(
  sourceCode: SourceCode,
  assignment: TSESTree.AssignmentExpression,
  fate: StreamFate,
  seen: Set<unknown>,
): void {
  if (assignment.left.type !== AST_NODE_TYPES.Identifier) {
    fate.escapes = true;
    return;
  }
  const variable = findVariableOf(sourceCode, assignment.left);
  if (variable) followVariableInto(sourceCode, variable, fate, seen);
  else fate.escapes = true;
  followValue(sourceCode, assignment, fate, seen);
}
