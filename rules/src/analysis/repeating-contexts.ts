import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveQualifiedName } from './module-bindings.js';
import { persistentListenerMethods } from './stream-api.js';
import {
  findVariableOf,
  isFunction,
  listenerSites,
  propertyName,
  skipTransparent,
  staticString,
  type FunctionNode,
  type SourceCode,
} from './syntax/index.js';

/** Code that runs again and again, as often as its input asks: a loop or a repeating callback. */
export interface RepeatingContext {
  kind: 'loop' | 'iteration' | 'interval' | 'event';
  /** The loop statement, or the callback function. */
  node: TSESTree.Node;
  /** For messages: `loop`, `forEach() callback`, `'data' handler`, `setInterval() callback`. */
  description: string;
}

export interface ListenerRegistration {
  call: TSESTree.CallExpression;
  emitter: TSESTree.Expression;
  event: string;
}

const iterationMethods = new Set(['forEach', 'map', 'flatMap']);

/**
 * Events that fire once per item of a flow, as fast as the source delivers. Per-request and
 * per-connection events are left out: the writable there is usually the request's own.
 */
const repeatingEvents = new Set(['data', 'readable', 'line', 'message']);

/** The innermost repeating context around `node`, up to the first function that is not one. */
export function repeatingContextOf(sourceCode: SourceCode, node: TSESTree.Node): RepeatingContext | null {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isFunction(current)) return repeatingCallback(sourceCode, current);
    if (isLoopBody(current, child) && !isBoundedLoop(current)) {
      return { kind: 'loop', node: current, description: 'loop' };
    }
  }
  return null;
}

function isLoopBody(node: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return node.body === child;
    default:
      return false;
  }
}

/** `for (const x of [a, b])`, `for (let i = 0; i < 3; i++)`: a handful of writes, known here. */
function isBoundedLoop(loop: TSESTree.Node): boolean {
  if (loop.type === AST_NODE_TYPES.ForOfStatement) return isFixedList(loop.right);
  if (loop.type === AST_NODE_TYPES.ForStatement) {
    const test = loop.test;
    return (
      test?.type === AST_NODE_TYPES.BinaryExpression &&
      ['<', '<='].includes(test.operator) &&
      test.right.type === AST_NODE_TYPES.Literal &&
      typeof test.right.value === 'number'
    );
  }
  return false;
}

function isFixedList(node: TSESTree.Node): boolean {
  const target = skipTransparent(node);
  return (
    (target.type === AST_NODE_TYPES.ArrayExpression &&
      target.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement)) ||
    (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string')
  );
}

/** A function handed to `forEach`/`map`, to `setInterval`, or as a listener of a repeating event. */
function repeatingCallback(sourceCode: SourceCode, fn: FunctionNode): RepeatingContext | null {
  for (const call of listenerSites(sourceCode, fn)) {
    const callee = skipTransparent(call.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
    if (method && iterationMethods.has(method) && call.arguments[0] === callbackArgument(call, fn)) {
      if (callee.type === AST_NODE_TYPES.MemberExpression && isFixedList(callee.object)) return null;
      return { kind: 'iteration', node: fn, description: `'${method}()' callback` };
    }
    if (isSetInterval(sourceCode, call.callee) && call.arguments[0] === callbackArgument(call, fn)) {
      return { kind: 'interval', node: fn, description: "'setInterval()' callback" };
    }
    const registration = listenerRegistrationOf(call);
    if (registration && repeatingEvents.has(registration.event) && call.arguments[1] === callbackArgument(call, fn)) {
      return { kind: 'event', node: fn, description: `'${registration.event}' handler` };
    }
  }
  return null;
}

/** The argument of `call` that is `fn` itself or names it. */
function callbackArgument(call: TSESTree.CallExpression, fn: FunctionNode): TSESTree.Node | undefined {
  return call.arguments.find(
    (argument) =>
      argument === fn ||
      (argument.type === AST_NODE_TYPES.Identifier && fn.id?.name === argument.name) ||
      (argument.type === AST_NODE_TYPES.Identifier &&
        fn.parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        fn.parent.id.type === AST_NODE_TYPES.Identifier &&
        fn.parent.id.name === argument.name),
  );
}

function isSetInterval(sourceCode: SourceCode, callee: TSESTree.Node): boolean {
  const target = skipTransparent(callee);
  if (target.type === AST_NODE_TYPES.Identifier && target.name === 'setInterval') {
    const variable = findVariableOf(sourceCode, target);
    return !variable || variable.defs.length === 0;
  }
  return resolveQualifiedName(sourceCode, callee) === 'timers.setInterval';
}

/** `emitter.on('event', listener)` and its synonyms that keep the listener (not `once`). */
export function listenerRegistrationOf(call: TSESTree.CallExpression): ListenerRegistration | null {
  const callee = skipTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee);
  const event = staticString(call.arguments[0]);
  if (!method || !persistentListenerMethods.has(method) || event === null || !call.arguments[1]) return null;
  return { call, emitter: callee.object as TSESTree.Expression, event };
}

/** The function a listener argument is: inline, or declared in the file under that name. */
export function listenerFunctionOf(sourceCode: SourceCode, argument: TSESTree.Node | undefined): FunctionNode | null {
  if (!argument) return null;
  const target = skipTransparent(argument);
  if (isFunction(target)) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, target);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (definition?.type === 'FunctionName') return definition.node as FunctionNode;
  if (definition?.type === 'Variable' && definition.node.init && isFunction(definition.node.init)) {
    return definition.node.init;
  }
  return null;
}
