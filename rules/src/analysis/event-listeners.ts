import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { listenerMethods } from './stream-api.js';
import { propertyName, skipTransparent, staticString } from './syntax/index.js';

export interface ListenerCall {
  call: TSESTree.CallExpression;
  /** The emitter, with chained registrations (`s.on('a', f).on('b', g)`) unwound to `s`. */
  emitter: TSESTree.Expression;
  event: string;
  listener: TSESTree.CallExpressionArgument;
}

/** `emitter.on('event', listener)` or any of its synonyms, with a static event name. */
export function listenerCallOf(call: TSESTree.CallExpression): ListenerCall | null {
  const callee = skipTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee);
  const event = staticString(call.arguments[0]);
  const listener = call.arguments[1];
  if (!method || !listenerMethods.has(method) || event === null || !listener) return null;
  return { call, emitter: chainedEmitterOf(callee.object), event, listener };
}

/** `s.on('a', f).once('b', g)` registers on `s`: registrations return their emitter. */
export function chainedEmitterOf(node: TSESTree.Expression): TSESTree.Expression {
  let current = skipTransparent(node) as TSESTree.Expression;
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTransparent(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    const method = propertyName(callee);
    if (!method || !listenerMethods.has(method)) break;
    current = skipTransparent(callee.object) as TSESTree.Expression;
  }
  return current;
}
