import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { sameStreamMethods } from './stream-api.js';
import { streamKindOf } from './stream-sources.js';
import { iterationCall } from './callback-uses.js';
import { resolveQualifiedName } from './module-bindings.js';
import { findVariableOf, initializerOf, isFunction, propertyName, skipTransparent, type SourceCode } from './syntax/index.js';

/** `source.pipe(a).pipe(b)`: the source, then each destination in order. */
export interface PipeChain {
  /** The last `.pipe()` call: its value is the last destination. */
  outermost: TSESTree.CallExpression;
  stages: TSESTree.Expression[];
  pipeCalls: TSESTree.CallExpression[];
  /** Only `.pipe(destination)` calls, no options and no other methods in between. */
  isPlain: boolean;
}

export function isPipeCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTransparent(node.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(callee) === 'pipe' &&
    (node.arguments.length === 1 || node.arguments.length === 2) &&
    node.arguments[0].type !== AST_NODE_TYPES.SpreadElement
  );
}

/** The call whose receiver is `node` (`node.method(…)`), if any. */
function callOnValue(node: TSESTree.Node): { call: TSESTree.CallExpression; method: string } | null {
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.ChainExpression) current = current.parent;
  const member = current.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return null;
  const call = member.parent;
  const method = propertyName(member);
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || !method) return null;
  return { call, method };
}

/** The outermost pipe call of the chain that `pipeCall` belongs to. */
export function outermostPipeCall(pipeCall: TSESTree.CallExpression): TSESTree.CallExpression {
  let outermost = pipeCall;
  let current: TSESTree.Node = pipeCall;
  for (let next = callOnValue(current); next; next = callOnValue(current)) {
    if (next.method === 'pipe' && isPipeCall(next.call)) outermost = next.call;
    else if (!sameStreamMethods.has(next.method)) break;
    current = next.call;
  }
  return outermost;
}

export function pipeChainOf(pipeCall: TSESTree.CallExpression): PipeChain {
  const outermost = outermostPipeCall(pipeCall);
  const stages: TSESTree.Expression[] = [];
  const pipeCalls: TSESTree.CallExpression[] = [];
  let isPlain = true;
  let current: TSESTree.Expression = outermost;
  for (;;) {
    const node = skipTransparent(current) as TSESTree.Expression;
    if (node.type !== AST_NODE_TYPES.CallExpression) break;
    const callee = skipTransparent(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    const method = propertyName(callee);
    if (method === 'pipe' && isPipeCall(node)) {
      stages.unshift(node.arguments[0] as TSESTree.Expression);
      pipeCalls.unshift(node);
      if (node.arguments.length > 1) isPlain = false;
    } else if (method && sameStreamMethods.has(method) && pipeCalls.length > 0) {
      isPlain = false;
    } else {
      break;
    }
    current = callee.object;
  }
  stages.unshift(current);
  return { outermost, stages, pipeCalls, isPlain };
}

/**
 * Whether the chain pipes Node streams: RxJS, gulp-like and other `.pipe()` APIs must show a
 * stream somewhere before we speak.
 */
export function isStreamPipeChain(sourceCode: SourceCode, chain: PipeChain): boolean {
  return chain.stages.some((stage) => streamKindOf(sourceCode, stage) !== null);
}

/**
 * `.pipe()` of objects that only look like streams: a server renderer's pipeable result
 * (`renderToPipeableStream(…).pipe(res)`) pipes itself into a Node stream but is none, and
 * pipeline() does not accept it.
 */
const pipeableFactories = new Set([
  'react-dom/server.renderToPipeableStream',
  'react-dom/server.node.renderToPipeableStream',
  'react-server-dom-webpack/server.renderToPipeableStream',
  'react-server-dom-webpack/server.node.renderToPipeableStream',
]);

/** Whether the chain's source is a known non-stream pipeable, directly or through the variable that holds it. */
export function hasNonStreamSource(sourceCode: SourceCode, chain: PipeChain): boolean {
  const source = skipTransparent(chain.stages[0]);
  const created = source.type === AST_NODE_TYPES.CallExpression ? source : initializerOf(sourceCode, source);
  const call = created && skipTransparent(created);
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  const factory = resolveQualifiedName(sourceCode, call.callee);
  return factory !== null && pipeableFactories.has(factory);
}

/**
 * `a.pipe(out, { end: false }); b.pipe(out, { end: false })`, or the same in a loop: several
 * sources into one destination that stays open. pipeline() cannot express it: it ends or destroys
 * the destination with the first source.
 */
export function isFanIn(sourceCode: SourceCode, chain: PipeChain): boolean {
  const last = chain.pipeCalls.at(-1)!;
  if (!keepsDestinationOpen(last)) return false;
  if (runsPerElement(last)) return true;
  const destination = skipTransparent(chain.stages.at(-1)!);
  if (destination.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, destination);
  return (variable?.references ?? []).some(({ identifier }) => {
    const call = identifier.parent;
    return identifier !== destination && call !== undefined && isPipeCall(call) && call.arguments[0] === identifier && keepsDestinationOpen(call);
  });
}

/** `.pipe(destination, { end: false })`. */
function keepsDestinationOpen(pipeCall: TSESTree.CallExpression): boolean {
  const options = pipeCall.arguments[1];
  return (
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        !property.computed &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        property.key.name === 'end' &&
        property.value.type === AST_NODE_TYPES.Literal &&
        property.value.value === false,
    )
  );
}

/** Whether the call runs once per turn of a loop or per element of an array method, in its own function. */
function runsPerElement(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return true;
      default:
        if (isFunction(current)) return iterationCall(current) !== null;
    }
  }
  return false;
}
