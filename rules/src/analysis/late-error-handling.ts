import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { listenerCallOf } from './event-listeners.js';
import { resolveQualifiedName } from './module-bindings.js';
import { errorConsumingFunctions, sameStreamMethods } from './stream-api.js';
import { errorForwardingMethods } from './stream-flow.js';
import { codeBefore, descendantsOf, isFunction, synchronousArrayMethods, propertyName, skipTransparent, type FunctionNode, type SourceCode } from './syntax/index.js';

/**
 * Why code runs only after the current turn of the event loop: an `await` before it, or a
 * callback that something calls later (a timer, a promise reaction, another event, a Node-style
 * completion callback).
 */
export type Deferral =
  | { kind: 'await'; node: TSESTree.AwaitExpression | TSESTree.ForOfStatement }
  | { kind: 'timer' | 'promise' | 'completion'; call: TSESTree.CallExpression }
  | { kind: 'event'; call: TSESTree.CallExpression; event: string };

/** Where a stream's errors are first taken care of, when that happens only after a deferral. */
export interface LateErrorHandling {
  /** The `'error'` listener, `pipeline()`/`events.once()` call or `for await` loop. */
  site: TSESTree.Node;
  deferral: Deferral;
}

type Timing = { kind: 'now' } | { kind: 'later'; deferral: Deferral } | { kind: 'unknown' };

const now: Timing = { kind: 'now' };
const unknown: Timing = { kind: 'unknown' };

const timerFunctions = new Set(['setTimeout', 'setImmediate', 'setInterval', 'queueMicrotask', 'process.nextTick']);

/** A Node-style completion callback names its first parameter for the error it may receive. */
const completionErrorNames = /^(err|error|er)$/;

/**
 * The place where the errors of a stream that can fail on its own are first handled, when every
 * such place runs only after an `await` or in a callback that runs later, and nothing hands the
 * stream to other code before then. `variable` holds the stream from `start` (the end of its
 * creation, or the start of the function it is a parameter of) in `owner`.
 */
export function lateErrorHandlingOf(
  sourceCode: SourceCode,
  variable: TSESLint.Scope.Variable,
  owner: FunctionNode | TSESTree.Program,
  start: number,
): LateErrorHandling | null {
  let first: LateErrorHandling | null = null;
  for (const reference of variable.references) {
    if (!reference.isRead() || reference.identifier.range[0] < start) continue;
    const use = useOf(sourceCode, reference.identifier as TSESTree.Identifier);
    if (use.kind === 'plain') continue;
    const timing = timingOf(sourceCode, use.node, owner, start);
    if (timing.kind !== 'later') return null;
    if (use.kind === 'handoff') continue;
    if (!first || use.node.range[0] < first.site.range[0]) first = { site: use.node, deferral: timing.deferral };
  }
  return first;
}

/**
 * Whether `node` surely runs in the same turn as the moment `start` in `owner` (no `await`, timer,
 * promise reaction or other event in between): a handler placed there comes in time.
 */
export function runsInSameTurn(sourceCode: SourceCode, node: TSESTree.Node, owner: FunctionNode | TSESTree.Program, start: number): boolean {
  return timingOf(sourceCode, node, owner, start).kind === 'now';
}

type StreamUse =
  | { kind: 'plain' }
  | { kind: 'handler'; node: TSESTree.Node }
  | { kind: 'handoff'; node: TSESTree.Node };

/**
 * What one read of the stream does: handles its errors, uses it without taking care of them
 * (a method call, a property, a pipe into it), or hands it to code we cannot follow.
 */
function useOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): StreamUse {
  let node: TSESTree.Node = identifier;
  while (node.parent && skipTransparent(node.parent) === skipTransparent(node) && node.parent !== node) {
    if (
      node.parent.type !== AST_NODE_TYPES.TSNonNullExpression &&
      node.parent.type !== AST_NODE_TYPES.TSAsExpression &&
      node.parent.type !== AST_NODE_TYPES.ChainExpression
    ) {
      break;
    }
    node = node.parent;
  }
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === node) {
    return parent.await ? { kind: 'handler', node: parent } : { kind: 'plain' };
  }
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
    return chainedMethodUse(parent);
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== node) {
    const name = resolveQualifiedName(sourceCode, parent.callee);
    if (name && errorConsumingFunctions.has(name)) return { kind: 'handler', node: parent };
    const callee = skipTransparent(parent.callee);
    // `source.pipe(stream)`: pipe() leaves the destination's errors to it.
    if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'pipe') return { kind: 'plain' };
  }
  return { kind: 'handoff', node };
}

/** `s.on('data', f).on('error', g)`, `s.resume()`, `s.toArray()`: the first registration or consumer of errors in a chain. */
function chainedMethodUse(member: TSESTree.MemberExpression): StreamUse {
  let current: TSESTree.MemberExpression = member;
  for (;;) {
    const call = current.parent;
    const method = propertyName(current);
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== current || !method) return { kind: 'plain' };
    if (errorForwardingMethods.has(method)) return { kind: 'handler', node: call };
    if (listenerCallOf(call)?.event === 'error') return { kind: 'handler', node: call };
    if (!sameStreamMethods.has(method)) return { kind: 'plain' };
    const next = call.parent;
    if (next?.type !== AST_NODE_TYPES.MemberExpression || next.object !== call) return { kind: 'plain' };
    current = next;
  }
}

/**
 * When `node` runs, relative to the moment the stream exists: in the same turn, later, or we
 * cannot tell (a callback handed to code we do not know, a function declared and called elsewhere).
 */
function timingOf(sourceCode: SourceCode, node: TSESTree.Node, owner: FunctionNode | TSESTree.Program, start: number): Timing {
  // The functions between the owner and the node, outermost first.
  const path: FunctionNode[] = [];
  for (let current = node.parent; current && current !== owner; current = current.parent) {
    if (isFunction(current)) path.unshift(current);
  }
  let scope: FunctionNode | TSESTree.Program = owner;
  let from = start;
  for (const fn of [...path, null]) {
    const target = fn ?? node;
    const awaited = awaitBefore(sourceCode, scope, target, from);
    if (awaited) return { kind: 'later', deferral: { kind: 'await', node: awaited } };
    if (!fn) return now;
    const timing = callbackTiming(fn);
    if (timing.kind !== 'now') return timing;
    scope = fn;
    from = fn.body.range[0];
  }
  return now;
}

/** How a function given to a call runs: before the call returns, later, or we cannot tell. */
function callbackTiming(fn: FunctionNode): Timing {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === fn) return now;
  if (parent?.type === AST_NODE_TYPES.NewExpression) {
    return parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Promise' ? now : unknown;
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.Expression)) {
    return unknown;
  }
  const callee = skipTransparent(parent.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
  const calleeName =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression && skipTransparent(callee.object).type === AST_NODE_TYPES.Identifier
        ? `${(skipTransparent(callee.object) as TSESTree.Identifier).name}.${method}`
        : null;
  if (method && synchronousArrayMethods.has(method)) return now;
  if (calleeName && timerFunctions.has(calleeName)) return later({ kind: 'timer', call: parent });
  if (method === 'then' || method === 'catch' || method === 'finally') return later({ kind: 'promise', call: parent });
  const listener = listenerCallOf(parent);
  if (listener && listener.listener === fn) return later({ kind: 'event', call: parent, event: listener.event });
  const [first] = fn.params;
  if (parent.arguments.at(-1) === fn && first?.type === AST_NODE_TYPES.Identifier && completionErrorNames.test(first.name)) {
    return later({ kind: 'completion', call: parent });
  }
  return unknown;
}

function later(deferral: Deferral): Timing {
  return { kind: 'later', deferral };
}

/**
 * An `await` of `scope`'s own code that may run after `from` and before `target`: in code that
 * runs before it (an earlier statement, the test of the `if` that holds it), or the `for await`
 * loop around it.
 */
function awaitBefore(
  sourceCode: SourceCode,
  scope: FunctionNode | TSESTree.Program,
  target: TSESTree.Node,
  from: number,
): TSESTree.AwaitExpression | TSESTree.ForOfStatement | null {
  if (scope.type !== AST_NODE_TYPES.Program && !scope.async) return null;
  for (let child: TSESTree.Node = target, parent = target.parent; parent && child !== scope; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.ForOfStatement && parent.await && parent.body === child && parent.range[0] >= from) {
      return parent;
    }
  }
  for (const earlier of codeBefore(target, scope)) {
    if (earlier.range[0] < from || isFunction(earlier)) continue;
    const found = awaitWithin(sourceCode, earlier);
    if (found) return found;
  }
  return null;
}

/** An `await` in this code, outside nested functions. */
function awaitWithin(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.AwaitExpression | TSESTree.ForOfStatement | null {
  for (const each of [node, ...descendantsOf(sourceCode, node, { intoFunctions: false })]) {
    if (isFunction(each) && each !== node) continue;
    if (each.type === AST_NODE_TYPES.AwaitExpression) return each;
    if (each.type === AST_NODE_TYPES.ForOfStatement && each.await) return each;
  }
  return null;
}
