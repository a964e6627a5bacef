import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { listenerCallOf } from './event-listeners.js';
import type { PipeChain } from './pipe-chains.js';
import { followStream, followVariable, type StreamFate } from './stream-flow.js';
import { isImplementationMethodName } from './stream-implementations.js';
import { streamCreationOf } from './stream-sources.js';
import {
  descendantsOf,
  enclosingFunctionOf,
  findVariableOf,
  initializerOf,
  isFunction,
  isSameValue,
  propertyName,
  skipTransparent,
  staticString,
  type SourceCode,
} from './syntax/index.js';

/**
 * Whether a `.pipe()` chain is looked after by hand, stage by stage, so that pipeline() would
 * add nothing a failure needs: every stage that can fail is heard, and nothing is left open.
 * A stage is looked after when
 * - it has an 'error' listener of its own (a field's may sit in another method of the class);
 * - it is the end of the chain and the object itself (`this`), whose errors its own users hear;
 * - it cannot fail and holds nothing (a PassThrough, a hash, `Readable.from([…])`), and either
 *   stays here or gets the earlier stages' errors forwarded by hand before it is handed on;
 * - it is the source, unpiped by hand when the code tears the chain down.
 */
export function isChainHandledByHand(sourceCode: SourceCode, chain: PipeChain): boolean {
  const fates = chain.stages.map((stage) => fateOfStage(sourceCode, stage));
  return chain.stages.every((stage, index) => {
    if (fates[index].errorHandled || hasErrorListenerOnPath(sourceCode, stage)) return true;
    if (index === chain.stages.length - 1 && isObjectItself(sourceCode, stage)) return true;
    if (cannotFail(sourceCode, stage)) {
      const heldByCaller = index === chain.stages.length - 1 ? followStream(sourceCode, chain.outermost).escapes || fates[index].escapes : fates[index].escapes;
      return index === 0 || !heldByCaller || fates.slice(0, index).some((fate) => forwardsErrorsTo(sourceCode, fate, stage));
    }
    return index === 0 && isUnpipedByHand(sourceCode, stage);
  });
}

/** Where a stage's value goes: every read of its variable, or the one value written in the chain. */
function fateOfStage(sourceCode: SourceCode, stage: TSESTree.Expression): StreamFate {
  const target = skipTransparent(stage);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariableOf(sourceCode, target);
    if (variable) return followVariable(sourceCode, variable);
  }
  return followStream(sourceCode, stage);
}

/**
 * A stream made here that has no I/O of its own and nothing in it that could fail: no
 * implementation given to it later either (`s._write = function …` may throw or call back an error).
 */
function cannotFail(sourceCode: SourceCode, stage: TSESTree.Expression): boolean {
  const target = skipTransparent(stage);
  const created = target.type === AST_NODE_TYPES.Identifier ? initializerOf(sourceCode, target) : target;
  const creation = created && skipTransparent(created);
  if (creation?.type !== AST_NODE_TYPES.CallExpression && creation?.type !== AST_NODE_TYPES.NewExpression) return false;
  if (streamCreationOf(sourceCode, creation)?.canFail !== false) return false;
  const variable = target.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, target) : null;
  return !variable?.references.some(({ identifier }) => {
    const member = identifier.parent;
    const assignment = member?.parent;
    return (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
      assignment.left === member &&
      isImplementationMethodName(propertyName(member) ?? '')
    );
  });
}


/** `this`, or `self` where `const self = this`. */
function isObjectItself(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = skipTransparent(node);
  if (target.type === AST_NODE_TYPES.ThisExpression) return true;
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const initializer = initializerOf(sourceCode, target);
  return initializer !== null && skipTransparent(initializer).type === AST_NODE_TYPES.ThisExpression;
}

/**
 * Whether the stream an expression names has an 'error' listener of its own: on any read of its
 * variable, chained on the expression itself (`s.on('error', reject)`), or on the same property
 * path elsewhere. pipeline() and finished() do not count: the question is who else hears it.
 */
export function hasOwnErrorListener(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = skipTransparent(node);
  if (target.type === AST_NODE_TYPES.CallExpression && listenerCallOf(target)?.event === 'error') return true;
  if (target.type === AST_NODE_TYPES.MemberExpression) return hasErrorListenerOnPath(sourceCode, target);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, target);
  return variable !== null && followVariable(sourceCode, variable).methodCalls.some((call) => listenerCallOf(call)?.event === 'error');
}

const errorListenerEmitters = new WeakMap<TSESTree.Program, TSESTree.MemberExpression[]>();

/**
 * `child.stdin.pipe(…)` or `this.form.pipe(this)` where a statement elsewhere (the next one, or
 * another method of the class or prototype) runs `child.stdin.on('error', …)` or
 * `this.form.on('error', …)`: a property path names one value wherever it is read.
 */
function hasErrorListenerOnPath(sourceCode: SourceCode, stage: TSESTree.Node): boolean {
  const target = skipTransparent(stage);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
  let emitters = errorListenerEmitters.get(sourceCode.ast);
  if (!emitters) {
    emitters = [];
    for (const node of descendantsOf(sourceCode, sourceCode.ast, { intoFunctions: true })) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      const listener = listenerCallOf(node);
      const emitter = listener?.event === 'error' ? skipTransparent(listener.emitter) : null;
      if (emitter?.type === AST_NODE_TYPES.MemberExpression) emitters.push(emitter);
    }
    errorListenerEmitters.set(sourceCode.ast, emitters);
  }
  return emitters.some((emitter) => isSamePath(sourceCode, emitter, target));
}

/** `a.b.c` and `a.b.c`, with `this` and its aliases (`self`) taken for one object. */
function isSamePath(sourceCode: SourceCode, first: TSESTree.Node, second: TSESTree.Node): boolean {
  const a = skipTransparent(first);
  const b = skipTransparent(second);
  if (isObjectItself(sourceCode, a) && isObjectItself(sourceCode, b)) return true;
  if (a.type === AST_NODE_TYPES.MemberExpression && b.type === AST_NODE_TYPES.MemberExpression) {
    const property = propertyName(a);
    return property !== null && property === propertyName(b) && isSamePath(sourceCode, a.object, b.object);
  }
  return isSameValue(sourceCode, a, b);
}

/**
 * `source.on('error', (error) => destination.destroy(error))` or `….emit('error', error)`: an
 * earlier stage's 'error' listener passes its failure on to the stage.
 */
function forwardsErrorsTo(sourceCode: SourceCode, fate: StreamFate, stage: TSESTree.Expression): boolean {
  return fate.methodCalls.some((call) => {
    const listener = listenerCallOf(call);
    if (listener?.event !== 'error') return false;
    const handler = handlerFunctionOf(sourceCode, listener.listener);
    if (!handler?.body) return false;
    for (const node of [handler.body, ...descendantsOf(sourceCode, handler.body, { intoFunctions: true })]) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      const callee = skipTransparent(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || !isSameValue(sourceCode, callee.object, stage)) continue;
      const method = propertyName(callee);
      if (method === 'destroy' || (method === 'emit' && staticString(node.arguments[0]) === 'error')) return true;
    }
    return false;
  });
}

/** The listener function: written in place, or a function of this file named there. */
function handlerFunctionOf(sourceCode: SourceCode, listener: TSESTree.Node): TSESTree.FunctionLike | null {
  const target = skipTransparent(listener);
  if (isFunction(target)) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const definition = findVariableOf(sourceCode, target)?.defs[0];
  if (definition?.type === 'FunctionName') return definition.node as TSESTree.FunctionDeclaration;
  const initializer = initializerOf(sourceCode, target);
  return initializer && isFunction(initializer) ? initializer : null;
}

const unpipedValues = new WeakMap<TSESTree.Program, TSESTree.Expression[]>();

/**
 * `process.on('exit', () => process.stdin.unpipe(child.stdin))`: the code tears the chain down
 * itself, from a handler, rather than leaving it to pipeline().
 */
function isUnpipedByHand(sourceCode: SourceCode, stage: TSESTree.Expression): boolean {
  let receivers = unpipedValues.get(sourceCode.ast);
  if (!receivers) {
    receivers = [];
    for (const node of descendantsOf(sourceCode, sourceCode.ast, { intoFunctions: true })) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      const callee = skipTransparent(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'unpipe' && isInTeardownHandler(node)) {
        receivers.push(callee.object);
      }
    }
    unpipedValues.set(sourceCode.ast, receivers);
  }
  return receivers.some((receiver) => isSamePath(sourceCode, receiver, stage));
}

/** Inside a listener (`x.on('exit', () => …)`): code that runs when something ends or fails. */
function isInTeardownHandler(node: TSESTree.Node): boolean {
  const handler = enclosingFunctionOf(node);
  const registration = handler?.parent;
  return registration?.type === AST_NODE_TYPES.CallExpression && listenerCallOf(registration)?.listener === handler;
}
