import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { sameStreamMethods } from './stream-api.js';
import { streamKindOf } from './stream-sources.js';
import { iterationCall } from './callback-uses.js';
import { resolveQualifiedName } from './module-bindings.js';
import { isNonStreamLibraryValue } from './origins/usage-evidence.js';
import {
  enclosingFunctionOf,
  findVariableOf,
  initializerOf,
  isFunction,
  isLoop,
  isWithin,
  literalPropertyValue,
  propertyName,
  skipTransparent,
  type FunctionNode,
  type SourceCode,
} from './syntax/index.js';

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

/**
 * Whether the chain's source is a known non-stream pipeable, directly or through the variable that
 * holds it: a renderer's result, or a value of a library whose `.pipe()` is its own (`send(req,
 * path).pipe(res)` opens, forwards errors from and closes the file itself).
 */
export function hasNonStreamSource(sourceCode: SourceCode, chain: PipeChain): boolean {
  const source = skipTransparent(chain.stages[0]);
  const created = source.type === AST_NODE_TYPES.CallExpression ? source : initializerOf(sourceCode, source);
  const call = created && skipTransparent(created);
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  const factory = resolveQualifiedName(sourceCode, call.callee);
  return (factory !== null && pipeableFactories.has(factory)) || isNonStreamLibraryValue(sourceCode, call);
}

/**
 * `.pipe()` inside an implementation of `pipe()` itself (`pipe(dest) {…}`, `stream.pipe = function
 * (dest) {… original.call(this, dest)}`) into the destination its caller gave: the caller's
 * `.pipe()` is the chain, and its errors are the caller's to handle.
 */
export function isInsidePipeImplementation(sourceCode: SourceCode, chain: PipeChain): boolean {
  const destination = skipTransparent(chain.stages.at(-1)!);
  if (destination.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = findVariableOf(sourceCode, destination)?.defs[0];
  if (definition?.type !== 'Parameter') return false;
  const fn = definition.node as FunctionNode;
  return isWithin(chain.outermost, fn) && implementedMethodOf(fn) === 'pipe';
}

/** The method name a function is the body of: `name() {}`, `name: function`, `x.name = function`. */
function implementedMethodOf(fn: FunctionNode): string | null {
  const owner = fn.parent;
  if (owner?.type === AST_NODE_TYPES.MethodDefinition || (owner?.type === AST_NODE_TYPES.Property && owner.value === fn)) {
    return !owner.computed && owner.key.type === AST_NODE_TYPES.Identifier ? owner.key.name : null;
  }
  if (owner?.type === AST_NODE_TYPES.AssignmentExpression && owner.right === fn && owner.left.type === AST_NODE_TYPES.MemberExpression) {
    return propertyName(owner.left);
  }
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name ?? null;
  return null;
}

/**
 * `a.pipe(out, { end: false }); b.pipe(out, { end: false })`, or the same in a loop: several
 * sources into one destination that stays open. pipeline() cannot express it: it ends or destroys
 * the destination with the first source.
 */
export function isFanIn(sourceCode: SourceCode, chain: PipeChain): boolean {
  const last = chain.pipeCalls.at(-1)!;
  if (!keepsDestinationOpen(last)) return false;
  if (runsPerElement(last) || isPerSourceHelper(sourceCode, chain)) return true;
  const destination = skipTransparent(chain.stages.at(-1)!);
  if (destination.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, destination);
  return (variable?.references ?? []).some(({ identifier }) => {
    const call = identifier.parent;
    return identifier !== destination && call !== undefined && isPipeCall(call) && call.arguments[0] === identifier && keepsDestinationOpen(call);
  });
}

/**
 * `function add(source) { source.pipe(merged, { end: false }) }`: a helper called once per source
 * (from forEach, over `arguments`, from a queue, on each retry) pipes the source it is given or
 * makes into a destination
 * that outlives it: a variable of an outer function or a field of the object.
 */
function isPerSourceHelper(sourceCode: SourceCode, chain: PipeChain): boolean {
  const helper = enclosingFunctionOf(chain.outermost);
  if (!helper) return false;
  const destination = skipTransparent(chain.stages.at(-1)!);
  const outlivesHelper =
    destination.type === AST_NODE_TYPES.MemberExpression
      ? rootObjectOf(destination).type === AST_NODE_TYPES.ThisExpression || !isDeclaredWithin(sourceCode, rootObjectOf(destination), helper)
      : destination.type === AST_NODE_TYPES.Identifier && !isDeclaredWithin(sourceCode, destination, helper);
  const source = skipTransparent(chain.stages[0]);
  // A source made right here (`request(opts).pipe(this.out, { end: false })`, one per retry) is the helper's too.
  if (source.type === AST_NODE_TYPES.CallExpression || source.type === AST_NODE_TYPES.NewExpression) return outlivesHelper;
  const sourceRoot = source.type === AST_NODE_TYPES.MemberExpression ? rootObjectOf(source) : source;
  return outlivesHelper && sourceRoot.type === AST_NODE_TYPES.Identifier && isDeclaredWithin(sourceCode, sourceRoot, helper);
}

function rootObjectOf(member: TSESTree.MemberExpression): TSESTree.Node {
  let current: TSESTree.Node = member;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipTransparent(current.object);
  return current;
}

/** Whether the variable `node` names is declared in `fn` (a parameter or a local), not outside it. */
function isDeclaredWithin(sourceCode: SourceCode, node: TSESTree.Node, fn: FunctionNode): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = findVariableOf(sourceCode, node)?.defs[0];
  return definition !== undefined && isWithin(definition.name, fn);
}

/**
 * `tee.pipe(a); tee.pipe(b)`: one source into several destinations, which pipeline() cannot
 * express (it takes one line of stages and destroys the source when any of them fails).
 */
export function isFanOut(sourceCode: SourceCode, chain: PipeChain): boolean {
  const source = skipTransparent(chain.stages[0]);
  if (source.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, source);
  if (!variable || variable.defs.length !== 1 || variable.references.filter((reference) => reference.isWrite()).length > 1) return false;
  const destination = skipTransparent(chain.stages[1]);
  const block = statementListOf(chain.pipeCalls[0]);
  return variable.references.some(({ identifier }) => {
    if (identifier === source) return false;
    const member = identifier.parent;
    const call = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier || !call || !isPipeCall(call)) return false;
    const other = skipTransparent(call.arguments[0]);
    // Pipes in two branches of an `if` are one chain or the other, not a tee.
    const differs = other.type !== destination.type || sourceCode.getText(other) !== sourceCode.getText(destination);
    return differs && statementListOf(call) === block;
  });
}

/** The block, or the branch of an `if`, `?:` or `&&`, that holds `node`: code that runs together. */
function statementListOf(node: TSESTree.Node): TSESTree.Node | null {
  for (let current: TSESTree.Node = node; current.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test !== current) return current;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === current) return current;
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.SwitchCase:
        return parent;
      default:
        if (isFunction(parent)) return parent;
    }
  }
  return null;
}

/** `.pipe(destination, { end: false })`. */
function keepsDestinationOpen(pipeCall: TSESTree.CallExpression): boolean {
  return literalPropertyValue(pipeCall.arguments[1], 'end') === false;
}

/** Whether the call runs once per turn of a loop or per element of an array method, in its own function. */
function runsPerElement(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isLoop(current)) return true;
    if (isFunction(current)) return iterationCall(current) !== null;
  }
  return false;
}
