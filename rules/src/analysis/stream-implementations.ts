import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveQualifiedName } from './module-bindings.js';
import type { StreamKind } from './stream-kind.js';
import { classStreamKind, streamClassKindOf, streamKindOf } from './stream-sources.js';
import { streamKindOfType, typeServicesOf } from './stream-types.js';
import { findVariableOf, isSingleAssignment, propertyName, skipTransparent, type SourceCode } from './syntax/index.js';

/** What a custom stream implements, without the underscore: `_transform` and `transform` are `transform`. */
export type ImplementationName =
  | 'read'
  | 'write'
  | 'writev'
  | 'transform'
  | 'flush'
  | 'final'
  | 'destroy'
  | 'construct';

/** The position of the callback among the parameters, by Node's contract; `_read` takes none. */
const callbackIndexes: Record<ImplementationName, number | null> = {
  read: null,
  write: 2,
  writev: 1,
  transform: 2,
  flush: 0,
  final: 0,
  destroy: 1,
  construct: 0,
};

/** `_write`, `_transform`, …: a method name Node calls on a custom stream. */
export function isImplementationMethodName(name: string): boolean {
  return name.startsWith('_') && Object.hasOwn(callbackIndexes, name.slice(1));
}

/** Which implementations each kind of stream calls. */
const namesByKind: Record<StreamKind, ReadonlySet<ImplementationName>> = {
  readable: new Set(['read', 'destroy', 'construct']),
  writable: new Set(['write', 'writev', 'final', 'destroy', 'construct']),
  duplex: new Set(Object.keys(callbackIndexes) as ImplementationName[]),
};

export type ImplementationFunction =
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration;

export interface StreamImplementation {
  name: ImplementationName;
  /** How the code spells it: `_transform`, `transform`, or `through2(…)` for a factory's function. */
  displayName: string;
  function: ImplementationFunction;
  /** Whether Node passes a callback that must be called once. */
  takesCallback: boolean;
  /** The callback parameter, when the function declares it as a plain name. */
  callback: TSESTree.Identifier | null;
  /** Whether the function declares a parameter at the callback's position (of any shape). */
  declaresCallback: boolean;
  /** Whether `this` is the stream inside the function (not an arrow in an options object). */
  thisIsStream: boolean;
}

/**
 * Factories in the style of through2: `through2([options,] transform, flush)`, each function with
 * Node's own signature.
 */
const throughFactories = new Set(['through2', 'through2.obj', 'through2.ctor']);

/**
 * Whether the file can hold an implementation at all. Without the type checker, every way we find
 * one names a stream module or a known stream in the text; a cheap test that spares a rule the code
 * paths of every other file.
 */
export function mayHoldImplementations(sourceCode: SourceCode): boolean {
  return typeServicesOf(sourceCode) !== null || /stream|through|\bnet\b|\btls\b|std(in|out|err)|child_process/i.test(sourceCode.text);
}

/** The stream implementation that `fn` is, or null when it is not one. */
export function implementationOf(sourceCode: SourceCode, fn: TSESTree.Node): StreamImplementation | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return namedImplementation(sourceCode, fn, fn);
  if (fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
    return null;
  }
  const parent = fn.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === fn ? namedImplementation(sourceCode, fn, parent) : null;
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.value === fn ? classMember(sourceCode, fn, parent) : null;
    case AST_NODE_TYPES.Property:
      return parent.value === fn ? (constructorOption(sourceCode, fn, fn, parent) ?? assignedPrototypeMember(sourceCode, fn, parent)) : null;
    case AST_NODE_TYPES.CallExpression:
      return factoryArgument(sourceCode, fn, fn, parent);
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === fn ? assignedMethod(sourceCode, fn, parent) : null;
    default:
      return null;
  }
}

/** `function transform(chunk, encoding, callback) {…}` given by name: `new Transform({ transform })`. */
function namedImplementation(
  sourceCode: SourceCode,
  fn: ImplementationFunction,
  declaration: TSESTree.FunctionDeclaration | TSESTree.VariableDeclarator,
): StreamImplementation | null {
  const variable = sourceCode.getDeclaredVariables(declaration)[0];
  if (!variable || !isSingleAssignment(variable)) return null;
  for (const reference of variable.references) {
    const use = reference.identifier;
    const parent = use.parent;
    const found =
      parent?.type === AST_NODE_TYPES.Property && parent.value === use
        ? constructorOption(sourceCode, fn, use, parent)
        : parent?.type === AST_NODE_TYPES.CallExpression
          ? factoryArgument(sourceCode, fn, use, parent)
          : null;
    if (found) return found;
  }
  return null;
}

function describeImplementation(
  fn: ImplementationFunction,
  name: ImplementationName,
  displayName: string,
  thisIsStream: boolean,
): StreamImplementation {
  const index = callbackIndexes[name];
  const parameter = index === null ? undefined : fn.params[index];
  return {
    name,
    displayName,
    function: fn,
    takesCallback: index !== null,
    callback: parameter?.type === AST_NODE_TYPES.Identifier ? parameter : null,
    declaresCallback: parameter !== undefined,
    thisIsStream,
  };
}

/** `_transform(chunk, encoding, callback) {…}` or `_write = (…) => {…}` in a stream class. */
function classMember(
  sourceCode: SourceCode,
  fn: ImplementationFunction,
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
): StreamImplementation | null {
  if (member.computed || member.static || member.key.type !== AST_NODE_TYPES.Identifier) return null;
  if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method') return null;
  const name = underscoredName(member.key.name);
  const owner = member.parent.parent;
  if (!name || !owner) return null;
  const kind = classStreamKind(sourceCode, owner) ?? typedClassKind(sourceCode, owner);
  if (name === 'destroy' && owner.body.body.some((each) => memberName(each) === 'destroy')) return null;
  return kind && namesByKind[kind].has(name) ? describeImplementation(fn, name, member.key.name, true) : null;
}

function memberName(member: TSESTree.ClassElement): string | null {
  const isMember = member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition;
  return isMember && !member.static && !member.computed && member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : null;
}

function underscoredName(key: string): ImplementationName | null {
  if (!key.startsWith('_')) return null;
  const name = key.slice(1);
  return name in callbackIndexes ? (name as ImplementationName) : null;
}

/** A class whose base the type checker knows to be a stream, wherever it is declared. */
function typedClassKind(sourceCode: SourceCode, owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression): StreamKind | null {
  const services = typeServicesOf(sourceCode);
  return services && owner.superClass ? streamKindOfType(services, owner) : null;
}

/** `new Transform({ transform(chunk, encoding, callback) {…} })`. */
function constructorOption(
  sourceCode: SourceCode,
  fn: ImplementationFunction,
  value: TSESTree.Node,
  property: TSESTree.Property,
): StreamImplementation | null {
  if (property.computed || property.kind !== 'init') return null;
  const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : null;
  if (!key || !(key in callbackIndexes)) return null;
  const options = property.parent;
  const creation = options.parent;
  if (options.type !== AST_NODE_TYPES.ObjectExpression || creation?.type !== AST_NODE_TYPES.NewExpression) return null;
  if (creation.arguments[0] !== options) return null;
  const kind = streamClassKindOf(sourceCode, creation.callee, new Set());
  const name = key as ImplementationName;
  if (!kind || !namesByKind[kind].has(name)) return null;
  return describeImplementation(fn, name, key, fn.type !== AST_NODE_TYPES.ArrowFunctionExpression);
}

/** `Object.assign(Parser.prototype, { _transform(chunk, encoding, callback) {…} })`. */
function assignedPrototypeMember(
  sourceCode: SourceCode,
  fn: ImplementationFunction,
  property: TSESTree.Property,
): StreamImplementation | null {
  if (property.computed || property.key.type !== AST_NODE_TYPES.Identifier) return null;
  const name = underscoredName(property.key.name);
  const members = property.parent;
  const call = members.parent;
  if (!name || members.type !== AST_NODE_TYPES.ObjectExpression || call?.type !== AST_NODE_TYPES.CallExpression) return null;
  if (!isObjectMethod(sourceCode, call.callee, 'assign') || !call.arguments.includes(members)) return null;
  const prototype = skipTransparent(call.arguments[0]);
  if (prototype.type !== AST_NODE_TYPES.MemberExpression || propertyName(prototype) !== 'prototype') return null;
  const kind = prototypeStreamKind(sourceCode, prototype.object);
  if (!kind || !namesByKind[kind].has(name)) return null;
  return describeImplementation(fn, name, property.key.name, fn.type !== AST_NODE_TYPES.ArrowFunctionExpression);
}

/** `through2(function (chunk, encoding, callback) {…}, function (callback) {…})`. */
function factoryArgument(
  sourceCode: SourceCode,
  fn: ImplementationFunction,
  value: TSESTree.Node,
  call: TSESTree.CallExpression,
): StreamImplementation | null {
  if (call.callee === value) return null;
  const factory = resolveQualifiedName(sourceCode, call.callee);
  if (!factory || !throughFactories.has(factory)) return null;
  // The options object comes first when there is one; the functions follow.
  const functions = call.arguments.filter((argument) => argument.type !== AST_NODE_TYPES.ObjectExpression);
  const index = functions.findIndex((argument) => argument === value);
  if (index < 0 || index > 1) return null;
  const thisIsStream = fn.type !== AST_NODE_TYPES.ArrowFunctionExpression;
  return describeImplementation(fn, index === 0 ? 'transform' : 'flush', `${factory}(…)`, thisIsStream);
}

/**
 * `Parser.prototype._transform = function (…) {…}` after `util.inherits(Parser, Transform)`, and
 * `writable._write = (…) => {…}` on a stream made here.
 */
function assignedMethod(
  sourceCode: SourceCode,
  fn: ImplementationFunction,
  assignment: TSESTree.AssignmentExpression,
): StreamImplementation | null {
  const target = assignment.left;
  if (assignment.operator !== '=' || target.type !== AST_NODE_TYPES.MemberExpression) return null;
  const key = propertyName(target);
  const name = key && underscoredName(key);
  if (!key || !name) return null;
  const owner = skipTransparent(target.object);
  const isPrototype = owner.type === AST_NODE_TYPES.MemberExpression && propertyName(owner) === 'prototype';
  if (name === 'destroy' && isPrototype && prototypeDefinesDestroy(sourceCode, owner.object)) return null;
  const kind = isPrototype ? prototypeStreamKind(sourceCode, owner.object) : streamKindOf(sourceCode, owner);
  if (!kind || !namesByKind[kind].has(name)) return null;
  return describeImplementation(fn, name, key, fn.type !== AST_NODE_TYPES.ArrowFunctionExpression);
}

/**
 * `Duplexify.prototype.destroy = function (err, cb) {…; self._destroy(err) }`: a class that replaces
 * destroy() calls its own _destroy, with its own arguments; Node, which passes the callback, never
 * does. The same for a class with a `destroy` method.
 */
function prototypeDefinesDestroy(sourceCode: SourceCode, constructor: TSESTree.Node): boolean {
  const target = skipTransparent(constructor);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  return (findVariableOf(sourceCode, target)?.references ?? []).some(({ identifier }) => {
    const prototype = identifier.parent;
    if (prototype?.type !== AST_NODE_TYPES.MemberExpression || prototype.object !== identifier || propertyName(prototype) !== 'prototype') return false;
    const method = prototype.parent;
    if (method?.type !== AST_NODE_TYPES.MemberExpression || method.object !== prototype || propertyName(method) !== 'destroy') return false;
    return method.parent?.type === AST_NODE_TYPES.AssignmentExpression && method.parent.left === method;
  });
}

/**
 * A class of this file that extends a stream class, a constructor given to `util.inherits`, or one
 * whose prototype is made from a stream's: `Parser.prototype = Object.create(Transform.prototype)`.
 */
function prototypeStreamKind(sourceCode: SourceCode, node: TSESTree.Node): StreamKind | null {
  const classKind = streamClassKindOf(sourceCode, node, new Set());
  if (classKind) return classKind;
  const target = skipTransparent(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, target);
  for (const reference of variable?.references ?? []) {
    if (reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
    const base = inheritedBase(sourceCode, reference.identifier);
    const kind = base && streamClassKindOf(sourceCode, base, new Set());
    if (kind) return kind;
  }
  return null;
}

/** The class a constructor inherits from at this reference: `inherits(Parser, Base)` or `Parser.prototype = Object.create(Base.prototype)`. */
function inheritedBase(sourceCode: SourceCode, constructor: TSESTree.Identifier): TSESTree.Node | null {
  const parent = constructor.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === constructor) {
    const callee = resolveQualifiedName(sourceCode, parent.callee);
    return (callee === 'util.inherits' || callee === 'inherits') && parent.arguments[1] ? parent.arguments[1] : null;
  }
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== constructor || propertyName(parent) !== 'prototype') return null;
  const assignment = parent.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== parent) return null;
  const created = skipTransparent(assignment.right);
  if (created.type !== AST_NODE_TYPES.CallExpression || !isObjectMethod(sourceCode, created.callee, 'create')) return null;
  const prototype = created.arguments[0] && skipTransparent(created.arguments[0]);
  return prototype?.type === AST_NODE_TYPES.MemberExpression && propertyName(prototype) === 'prototype' ? prototype.object : null;
}

/** `Object.create`, `Object.assign`: a method of the global `Object`, not of a local of that name. */
function isObjectMethod(sourceCode: SourceCode, callee: TSESTree.Node, method: string): boolean {
  const target = skipTransparent(callee);
  if (target.type !== AST_NODE_TYPES.MemberExpression || propertyName(target) !== method) return false;
  const object = skipTransparent(target.object);
  if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'Object') return false;
  const variable = findVariableOf(sourceCode, object);
  return !variable || variable.defs.length === 0;
}
