import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveQualifiedName } from './module-bindings.js';
import { listenerMethods } from './stream-api.js';
import { isWritableKind } from './stream-kind.js';
import { digestFactories, streamKindOf } from './stream-sources.js';
import {
  descendantsOf,
  findVariableOf,
  initializerOf,
  isSameValue,
  isWithin,
  propertyName,
  skipTransparent,
  staticString,
  type SourceCode,
} from './syntax/index.js';

export interface WriteReceiverOptions {
  /** Whether `process.stdout` and `process.stderr` count: most scripts write to them freely. */
  standardStreams: boolean;
}

const standardStreams = new Set(['process.stdout', 'process.stderr']);

/**
 * The receiver of `w.write(…)` or `w.end(…)` when it is known to be a writable stream: created
 * here, an http response by convention, annotated or typed as one. A class with its own `write`,
 * a logger or an unknown object gives null.
 */
export function writableReceiverOf(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  methods: ReadonlySet<string>,
  options: WriteReceiverOptions,
): TSESTree.Expression | null {
  const callee = skipTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee);
  if (!method || !methods.has(method)) return null;
  const receiver = callee.object;
  if (!isWritableKind(streamKindOf(sourceCode, receiver))) return null;
  if (isDigest(sourceCode, receiver)) return null;
  if (!options.standardStreams && isStandardStream(sourceCode, receiver)) return null;
  return receiver;
}

export function isStandardStream(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const name = resolveQualifiedName(sourceCode, node);
  return name !== null && standardStreams.has(name);
}

/** A hash consumes each chunk at once and holds back nothing but its digest: no backpressure. */
function isDigest(sourceCode: SourceCode, receiver: TSESTree.Node): boolean {
  const target = skipTransparent(receiver);
  const creation = target.type === AST_NODE_TYPES.CallExpression ? target : initializerOf(sourceCode, target);
  if (creation?.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = resolveQualifiedName(sourceCode, creation.callee);
  return name !== null && digestFactories.has(name);
}

/** Methods whose callback's return value nobody reads. */
const returnIgnoringCallees = new Set(['forEach', 'on', 'once', 'addListener', 'prependListener', 'setInterval', 'setTimeout', 'setImmediate']);

/** Whether the value of a call is thrown away: a statement of its own, `void`, or `await`ed and dropped. */
export function isResultDiscarded(call: TSESTree.Node): boolean {
  const parent = call.parent;
  if (!parent) return true;
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
      return true;
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return isResultDiscarded(parent);
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'void';
    case AST_NODE_TYPES.SequenceExpression:
      return parent.expressions.at(-1) !== call || isResultDiscarded(parent);
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === call && isCallbackReturnIgnored(parent);
    default:
      return false;
  }
}

/** Whether `fn` is handed to a call that never reads what it returns. */
export function isCallbackReturnIgnored(fn: TSESTree.ArrowFunctionExpression): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn)) return false;
  const callee = skipTransparent(call.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression
        ? propertyName(callee)
        : null;
  return name !== null && returnIgnoringCallees.has(name);
}

const bufferStateProperties = new Set(['writableNeedDrain', 'writableLength']);

/**
 * Whether code in `within` waits for the stream's `'drain'`, or looks at how full its buffer is:
 * `w.once('drain', …)`, `await once(w, 'drain')`, `w.writableNeedDrain`, `w.writableLength`.
 */
export function waitsForDrain(sourceCode: SourceCode, stream: TSESTree.Node, within: TSESTree.Node): boolean {
  for (const node of descendantsOf(sourceCode, within, { intoFunctions: true })) {
    if (node.type === AST_NODE_TYPES.MemberExpression && isSameValue(sourceCode, node.object, stream)) {
      const property = propertyName(node);
      if (property && bufferStateProperties.has(property)) return true;
    }
    if (node.type === AST_NODE_TYPES.CallExpression && drainWaitTarget(sourceCode, node)) {
      if (isSameValue(sourceCode, drainWaitTarget(sourceCode, node)!, stream)) return true;
    }
  }
  return false;
}

/** The stream a call waits for `'drain'` on: `s.once('drain', …)` or `events.once(s, 'drain')`. */
export function drainWaitTarget(sourceCode: SourceCode, call: TSESTree.CallExpression): TSESTree.Node | null {
  const callee = skipTransparent(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = propertyName(callee);
    if (method && listenerMethods.has(method) && staticString(call.arguments[0]) === 'drain') return callee.object;
  }
  const name = resolveQualifiedName(sourceCode, call.callee);
  if ((name === 'events.once' || name === 'events.on') && staticString(call.arguments[1]) === 'drain') {
    return call.arguments[0] ?? null;
  }
  return null;
}

/**
 * Whether the value of `expression` was made outside `container`, so that it is the same stream
 * each time `container` runs: a variable declared outside it, a global, `this`.
 */
export function isMadeOutside(sourceCode: SourceCode, expression: TSESTree.Node, container: TSESTree.Node): boolean {
  let root = skipTransparent(expression);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipTransparent(root.object);
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, root);
  if (!variable || variable.defs.length === 0) return true;
  return !variable.defs.some((definition) => isWithin(definition.name, container));
}
