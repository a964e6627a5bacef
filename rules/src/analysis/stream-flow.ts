import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { resolveQualifiedName } from './module-bindings.js';
import { errorConsumingFunctions, listenerMethods, sameStreamMethods, streamInspectingFunctions } from './stream-api.js';
import {
  classFieldsOf,
  definitionsOf,
  enclosingFunctionOf,
  findVariableOf,
  isSameValue,
  localFunctionOf,
  propertyName,
  readsReachedBy,
  skipTransparent,
  staticString,
  thisAliasNames,
  thisFieldOf,
  type FieldOwner,
  type SourceCode,
} from './syntax/index.js';
import { isCallbackReturnIgnored } from './writable-writes.js';

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
export const errorForwardingMethods: ReadonlySet<string> = new Set([
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

/** Follows the reads that one definition of a variable (its declarator or an assignment) reaches. */
function followDefinition(
  sourceCode: SourceCode,
  variable: TSESLint.Scope.Variable,
  site: TSESTree.VariableDeclarator | TSESTree.AssignmentExpression,
  fate: StreamFate,
  seen: Set<unknown>,
): void {
  if (!definitionsOf(variable).complete) {
    followVariableInto(sourceCode, variable, fate, seen);
    return;
  }
  if (seen.has(site)) return;
  seen.add(site);
  if (isExported(variable)) fate.escapes = true;
  for (const read of readsReachedBy(variable, site)) followValue(sourceCode, read, fate, seen);
}

/** Follows every read of `this.name` across the class's methods: the field is one value. */
function followClassField(
  sourceCode: SourceCode,
  field: { owner: FieldOwner; name: string },
  fate: StreamFate,
  seen: Set<unknown>,
): void {
  const key = `${field.owner.range[0]}:${field.name}`;
  if (seen.has(key)) return;
  seen.add(key);
  // Code outside the class that reads the field (`worker.out`) is out of sight: it may own it.
  // A field the class never reads is there for code out of sight: a subclass, a user of the class.
  const reads = classFieldsOf(sourceCode, field.owner).reads.get(field.name) ?? [];
  if (reads.length === 0 || isFieldReadOutside(sourceCode, field.name)) fate.escapes = true;
  for (const read of reads) {
    followValue(sourceCode, read, fate, seen);
  }
}

const outsideFieldReads = new WeakMap<TSESTree.Program, Set<string>>();

/** Whether any `x.name` with `x` other than `this` (or an alias of it) reads a property of that name in the file. */
function isFieldReadOutside(sourceCode: SourceCode, name: string): boolean {
  let names = outsideFieldReads.get(sourceCode.ast);
  if (!names) {
    names = new Set();
    const aliases = thisAliasNames(sourceCode);
    const tokens = sourceCode.ast.tokens ?? [];
    for (let index = 2; index < tokens.length; index++) {
      const dot = tokens[index - 1].value;
      if (tokens[index].type === 'Identifier' && (dot === '.' || dot === '?.') && tokens[index - 2].value !== 'this' && !aliases.has(tokens[index - 2].value)) {
        names.add(tokens[index].value);
      }
    }
    outsideFieldReads.set(sourceCode.ast, names);
  }
  return names.has(name);
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
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.ReturnStatement:
      followReturn(sourceCode, parent, fate);
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
    // `s.end.bind(s)`, `s.write.call(s, chunk)`: the stream's own method, used on the stream.
    if (method && isBoundToItself(sourceCode, member)) {
      if (streamUseMethods.has(method) || listenerMethods.has(method)) fate.usedAsStream = true;
      if (listenerMethods.has(method)) {
        const event = boundListenerEvent(member);
        // Whoever calls `s.on.apply(s, arguments)` or `s.on.bind(s)` may listen for 'error'.
        if (event === null || event === 'error') fate.errorHandled = true;
      }
      return;
    }
    // A property read (`s.readable`, `inflate._handle`) reaches past the stream; a method handed
    // on unbound (`emitter.on('data', s.write)`) may be called by anyone.
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
  // What `end()` and `destroy()` return is the stream at its end: handing that on hands on nothing.
  if (sameStreamMethods.has(method) && !terminalMethods.has(method)) followValue(sourceCode, call, fate, seen);
}

const terminalMethods = new Set(['end', 'destroy']);
const bindingMethods = new Set(['bind', 'call', 'apply']);

/**
 * The event a bound listener method is given (`s.on.call(s, 'data', f)`, `s.on.apply(s, ['data', f])`),
 * or null when its caller chooses it (`s.on.apply(s, arguments)`, `s.on.bind(s)`).
 */
function boundListenerEvent(member: TSESTree.MemberExpression): string | null {
  const binding = member.parent as TSESTree.MemberExpression;
  const call = binding.parent as TSESTree.CallExpression;
  const event = call.arguments[1];
  if (propertyName(binding) !== 'apply') return staticString(event);
  return event?.type === AST_NODE_TYPES.ArrayExpression ? staticString(event.elements[0] ?? undefined) : null;
}

/** `s.m.bind(s)`, `s.m.call(s, …)`: a method of the stream given the stream itself as `this`. */
function isBoundToItself(sourceCode: SourceCode, member: TSESTree.MemberExpression): boolean {
  const binding = member.parent;
  if (binding?.type !== AST_NODE_TYPES.MemberExpression || binding.object !== member) return false;
  const bindingMethod = propertyName(binding);
  const call = binding.parent;
  if (!bindingMethod || !bindingMethods.has(bindingMethod)) return false;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== binding || !call.arguments[0]) return false;
  return isSameValue(sourceCode, call.arguments[0], member.object);
}

/**
 * A value returned from a function leaves with it, unless the function is a callback whose result
 * nobody reads (`process.on('exit', () => log.end())`).
 */
function followReturn(
  sourceCode: SourceCode,
  parent: TSESTree.ArrowFunctionExpression | TSESTree.ReturnStatement,
  fate: StreamFate,
): void {
  const fn = parent.type === AST_NODE_TYPES.ArrowFunctionExpression ? parent : enclosingFunctionOf(parent);
  if (fn?.type === AST_NODE_TYPES.ArrowFunctionExpression && isCallbackReturnIgnored(fn)) return;
  fate.escapes = true;
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
  // The `this` of `s.end.bind(s)` is the stream's own: its method use is followed from `s.end`.
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.MemberExpression &&
    call.arguments[0] === argument &&
    isBoundToItself(sourceCode, callee.object)
  ) {
    return;
  }
  const name = resolveQualifiedName(sourceCode, call.callee);
  if (name && errorConsumingFunctions.has(name)) {
    fate.errorHandled = true;
    fate.usedAsStream = true;
    return;
  }
  if (name && streamInspectingFunctions.has(name)) return;
  if (followIntoLocalFunction(sourceCode, call, argument, fate, seen)) return;
  fate.escapes = true;
}

/**
 * `createBody(stream)` where `createBody` is a function of this file: the stream goes wherever the
 * function takes its parameter. A rest or destructured parameter, or a body that reads
 * `arguments`, is out of sight.
 */
function followIntoLocalFunction(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  argument: TSESTree.Node,
  fate: StreamFate,
  seen: Set<unknown>,
): boolean {
  const callee = skipTransparent(call.callee);
  const fn = callee.type === AST_NODE_TYPES.Identifier ? localFunctionOf(sourceCode, callee) : null;
  const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  const parameter = fn?.params[index];
  if (!fn || parameter?.type !== AST_NODE_TYPES.Identifier || call.arguments.some((each) => each.type === AST_NODE_TYPES.SpreadElement)) {
    return false;
  }
  if (sourceCode.getScope(fn).references.some((reference) => reference.identifier.name === 'arguments')) return false;
  const variable = sourceCode.getDeclaredVariables(fn).find((each) => each.name === parameter.name);
  if (!variable) return false;
  followVariableInto(sourceCode, variable, fate, seen);
  return true;
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
  if (variable) followDefinition(sourceCode, variable, declarator, fate, seen);
}

function followAssignment(
  sourceCode: SourceCode,
  assignment: TSESTree.AssignmentExpression,
  fate: StreamFate,
  seen: Set<unknown>,
): void {
  const field = thisFieldOf(assignment.left, sourceCode);
  if (field) {
    followClassField(sourceCode, field, fate, seen);
    followValue(sourceCode, assignment, fate, seen);
    return;
  }
  if (assignment.left.type !== AST_NODE_TYPES.Identifier) {
    fate.escapes = true;
    return;
  }
  const variable = findVariableOf(sourceCode, assignment.left);
  if (variable) followDefinition(sourceCode, variable, assignment, fate, seen);
  else fate.escapes = true;
  followValue(sourceCode, assignment, fate, seen);
}
