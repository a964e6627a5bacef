import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { listenerCallOf } from './event-listeners.js';
import { resolveQualifiedName } from './module-bindings.js';
import type { StreamImplementation } from './stream-implementations.js';
import { enclosingFunctionOf, findVariableOf, isFunction, isSingleAssignment, propertyName, skipTransparent, synchronousArrayMethods, type SourceCode } from './syntax/index.js';

/**
 * - `call`: the implementation calls the callback itself, now.
 * - `handoff`: it hands the callback on (to `setImmediate`, a write, a promise handler, a field):
 *   somebody else calls it, once.
 * - `repeatedCall`: it calls it from a function run once per element (`forEach`, `map`).
 */
export type CallbackUseKind = 'call' | 'handoff' | 'repeatedCall';

export interface CallbackUses {
  uses: CallbackUse[];
  /**
   * Whether the code tests the callback (`if (callback)`, `callback && callback()`): Node always
   * passes one, so the branch without it never runs, and paths through it prove nothing.
   */
  tested: boolean;
}

export interface CallbackUse {
  kind: CallbackUseKind;
  /** The node of the implementation's own code (not of a nested function) where the use happens. */
  site: TSESTree.Node;
  /** Where to point at the use. */
  node: TSESTree.Node;
  /**
   * A hand-off that only schedules the call (`process.nextTick(callback)`,
   * `target.once('drain', callback)`, `promise.then(…)`): nothing calls back before it returns.
   */
  deferred?: boolean;
}

const listenerRemovals = new Set(['removeListener', 'off']);

/**
 * Every use of an implementation's callback, and of the local functions that wrap it
 * (`const done = (error) => callback(error)`). Null when the callback cannot be followed: it is
 * reassigned, reached through `arguments`, or kept in a variable that changes.
 */
export function callbackUses(sourceCode: SourceCode, implementation: StreamImplementation): CallbackUses | null {
  const fn = implementation.function;
  if (!implementation.callback || usesArguments(sourceCode, fn)) return null;
  const callback = declaredVariable(sourceCode, fn, implementation.callback.name);
  if (!callback) return null;
  const pending: Alias[] = [{ alias: callback, countdown: false }];
  const followed = new Set<TSESLint.Scope.Variable>();
  const uses = new Map<TSESTree.Node, CallbackUse>();
  let tested = false;
  while (pending.length > 0) {
    const { alias: variable, countdown } = pending.pop()!;
    if (followed.has(variable)) continue;
    followed.add(variable);
    if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return null;
    for (const reference of variable.references) {
      if (!reference.isRead() || reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
      let result = classify(sourceCode, fn, reference.identifier);
      if (result === 'untrackable') return null;
      if (result === 'test') tested = true;
      if (result === null || result === 'test') continue;
      if ('alias' in result) {
        pending.push(result);
        continue;
      }
      // `const onwrite = (error) => { if (error || --left === 0) callback(error) }` handed on in
      // a loop: the hand-offs of all turns call back once together, as a countdown written inline.
      const loop = countdown && result.kind === 'handoff' ? enclosingLoop(reference.identifier, fn) : null;
      if (loop) result = { kind: 'handoff', site: loop, node: loop };
      if (!uses.has(result.site) || result.kind === 'call') uses.set(result.site, result);
    }
  }
  return { uses: [...uses.values()], tested };
}

/** Whether a function reads `arguments`, which can reach any parameter. */
export function usesArguments(sourceCode: SourceCode, fn: TSESTree.FunctionLike): boolean {
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  const argumentsVariable = sourceCode.scopeManager?.acquire(fn)?.set.get('arguments');
  return (argumentsVariable?.references.length ?? 0) > 0;
}

function declaredVariable(sourceCode: SourceCode, fn: TSESTree.Node, name: string): TSESLint.Scope.Variable | null {
  return sourceCode.getDeclaredVariables(fn).find((variable) => variable.name === name) ?? null;
}

/** A variable that stands for the callback; `countdown` when it is a wrapper that calls it under a condition. */
interface Alias {
  alias: TSESLint.Scope.Variable;
  countdown: boolean;
}

type Classification = CallbackUse | Alias | 'test' | 'untrackable' | null;

function classify(sourceCode: SourceCode, fn: TSESTree.Node, identifier: TSESTree.Identifier): Classification {
  const nested = outermostNestedFunction(fn, identifier);
  if (!nested) return ownUse(sourceCode, identifier);
  const iteration = iterationCall(nested);
  if (iteration) {
    const site = siteOf(iteration);
    return isCountdown(fn, nested, identifier) ? { kind: 'handoff', site, node: site } : { kind: 'repeatedCall', site, node: callOf(identifier) ?? identifier };
  }
  // `for (const target of targets) target.end(() => { if (--left === 0) callback() })`: the loop
  // hands on one function per turn, which together call back once.
  const loop = enclosingLoop(nested, fn);
  if (loop && isConditionalWithin(identifier, enclosingFunctionOf(identifier))) return { kind: 'handoff', site: loop, node: loop };
  const alias = wrapperVariable(sourceCode, nested);
  if (alias === 'untrackable') return alias;
  if (alias) return { alias, countdown: isConditionalWithin(identifier, enclosingFunctionOf(identifier)) };
  return handoff(sourceCode, nested);
}

/**
 * multistream's `streams.forEach((s) => destroy(s, (err) => { if (--counter === 0) cb(er) }))`:
 * a call from a function that each element hands on (run later), under a condition there. That
 * is waiting for all of them; a call made directly per element is not.
 */
function isCountdown(fn: TSESTree.Node, perElement: TSESTree.Node, identifier: TSESTree.Identifier): boolean {
  const later = enclosingFunctionOf(identifier);
  if (!later || later === perElement || later === fn) return false;
  return isConditionalWithin(identifier, later);
}

/** Whether the use runs under a condition inside `fn`: `if (--left === 0) callback()`. */
function isConditionalWithin(identifier: TSESTree.Identifier, fn: TSESTree.Node | null): boolean {
  for (let current: TSESTree.Node | undefined = identifier.parent; current && current !== fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) return true;
  }
  return false;
}

const loopTypes = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/** The outermost loop statement of `fn`'s own code that holds `node`. */
export function enclosingLoop(node: TSESTree.Node, fn: TSESTree.Node): TSESTree.Node | null {
  let loop: TSESTree.Node | null = null;
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (isFunction(current)) loop = null;
    else if (loopTypes.has(current.type)) loop = current;
  }
  return loop;
}

/** The function directly inside `fn` that holds `node`, or null when `node` is `fn`'s own code. */
function outermostNestedFunction(fn: TSESTree.Node, node: TSESTree.Node): TSESTree.Node | null {
  let nested: TSESTree.Node | null = null;
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (isFunction(current)) nested = current;
  }
  return nested;
}

function ownUse(sourceCode: SourceCode, identifier: TSESTree.Identifier): Classification {
  const call = callOf(identifier);
  if (call) return { kind: 'call', site: call, node: call };
  const parent = identifier.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.IfStatement:
      // `typeof callback === 'function'`, `if (callback)`: a test, not a use.
      return 'test';
    case AST_NODE_TYPES.LogicalExpression:
      return parent.left === identifier ? 'test' : handoff(sourceCode, identifier);
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === identifier ? 'test' : handoff(sourceCode, identifier);
    case AST_NODE_TYPES.MemberExpression:
      // `callback.bind(…)` hands it on; `callback.length` only looks at it.
      return propertyName(parent) === 'bind' ? handoff(sourceCode, identifier) : null;
    case AST_NODE_TYPES.CallExpression:
      return isListenerRemoval(parent) ? null : handoff(sourceCode, identifier);
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== identifier || parent.id.type !== AST_NODE_TYPES.Identifier) return handoff(sourceCode, identifier);
      const alias = sourceCode.getDeclaredVariables(parent)[0];
      return alias && isSingleAssignment(alias) ? { alias, countdown: false } : 'untrackable';
    }
    default:
      return handoff(sourceCode, identifier);
  }
}

function handoff(sourceCode: SourceCode, node: TSESTree.Node): CallbackUse {
  const site = siteOf(node);
  return { kind: 'handoff', site, node: site, deferred: schedulesOnly(sourceCode, node, site) };
}

/** Timers and the microtask queue: they run what they are given on a later turn, never now. */
const schedulingFunctions = new Set(['process.nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask']);
/** Promise reactions run on a later turn, whatever the promise. */
const promiseReactions = new Set(['then', 'catch', 'finally']);

/**
 * Whether handing on `handed` only schedules it: it goes (bound or not) straight to a timer, a
 * listener for a later event (not 'newListener', which runs during the registration) or a promise
 * reaction, and whatever encloses that up to `site` only adds more reactions.
 */
function schedulesOnly(sourceCode: SourceCode, handed: TSESTree.Node, site: TSESTree.Node): boolean {
  let value = handed;
  const bind = value.parent;
  if (bind?.type === AST_NODE_TYPES.MemberExpression && bind.object === value && propertyName(bind) === 'bind' && bind.parent.type === AST_NODE_TYPES.CallExpression) {
    value = bind.parent;
  }
  const call = value.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee === value || !call.arguments.includes(value as TSESTree.CallExpressionArgument)) return false;
  if (!isScheduling(sourceCode, call)) return false;
  for (let current: TSESTree.Node = call; current !== site; ) {
    const member: TSESTree.Node | undefined = current.parent;
    const next: TSESTree.Node | undefined = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current || next?.type !== AST_NODE_TYPES.CallExpression || next.callee !== member) return false;
    if (!promiseReactions.has(propertyName(member) ?? '')) return false;
    current = next;
  }
  return true;
}

function isScheduling(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipTransparent(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && promiseReactions.has(propertyName(callee) ?? '')) return true;
  const listener = listenerCallOf(call);
  if (listener) return listener.event !== 'newListener';
  const name = callee.type === AST_NODE_TYPES.Identifier ? globalName(sourceCode, callee) : resolveQualifiedName(sourceCode, callee);
  return name !== null && schedulingFunctions.has(name);
}

/** The name of a global the code does not declare itself: `setImmediate`, not a local of that name. */
function globalName(sourceCode: SourceCode, identifier: TSESTree.Identifier): string | null {
  const variable = findVariableOf(sourceCode, identifier);
  return !variable || variable.defs.length === 0 ? identifier.name : null;
}

/** `callback(…)`, `callback?.(…)`, `callback.call(this, …)`: the call that runs it now. */
function callOf(identifier: TSESTree.Identifier): TSESTree.CallExpression | null {
  const parent = identifier.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) return parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
    const method = propertyName(parent);
    const call = parent.parent;
    if ((method === 'call' || method === 'apply') && call.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
      return call;
    }
  }
  return null;
}

function isListenerRemoval(call: TSESTree.CallExpression): boolean {
  const callee = skipTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(callee);
  return method !== null && listenerRemovals.has(method);
}

/** `items.forEach((item) => …)`: the call, when `nested` is the function it runs per element. */
export function iterationCall(nested: TSESTree.Node): TSESTree.CallExpression | null {
  const call = nested.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== nested) return null;
  const callee = skipTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee);
  return method && synchronousArrayMethods.has(method) ? call : null;
}

/**
 * `function done(error) {…}` or `const done = (error) => …` inside the implementation: a wrapper
 * whose own uses stand for the callback's.
 */
function wrapperVariable(sourceCode: SourceCode, nested: TSESTree.Node): TSESLint.Scope.Variable | 'untrackable' | null {
  if (nested.type === AST_NODE_TYPES.FunctionDeclaration) {
    const variable = sourceCode.getDeclaredVariables(nested)[0];
    return variable && isSingleAssignment(variable) ? variable : 'untrackable';
  }
  const declarator = nested.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== nested) return null;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return 'untrackable';
  const variable = sourceCode.getDeclaredVariables(declarator)[0];
  return variable && isSingleAssignment(variable) ? variable : 'untrackable';
}

/**
 * The expression that hands the callback on, grouped so that one hand-off counts once:
 * `promise.then((value) => callback(null, value), callback)` and `.then(…).catch(callback)` are
 * each one hand-off.
 */
function siteOf(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent || !carriesValue(parent, current)) return current;
    current = parent;
  }
}

function carriesValue(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === child;
    case AST_NODE_TYPES.Property:
      return parent.value === child;
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return true;
    default:
      return false;
  }
}
