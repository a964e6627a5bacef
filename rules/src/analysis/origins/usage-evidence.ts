import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { resolveQualifiedName } from '../module-bindings.js';
import { listenerMethods } from '../stream-api.js';
import type { StreamKind } from '../stream-kind.js';
import { propertyName, skipTransparent, type SourceCode } from '../syntax/index.js';
import { isNotStreamLibraryName } from './library-models.js';

/** What the analysis knows of an expression without asking usage again (no cycles). */
export type KnownStreamKind = (node: TSESTree.Node) => StreamKind | null;

// 'end' and 'close' are events of many emitters (a database query's, a send stream's): no
// evidence; 'finish' (a job's, a task's) only with a write or an end.
const readableEvents = new Set(['data', 'readable']);
const writableEvents = new Set(['drain']);

const usageKinds = new WeakMap<TSESLint.Scope.Variable, StreamKind | null>();

/**
 * The kind of stream a variable of unknown origin is used as, the way mature analyzers infer it:
 * piped into a known stream or given 'data' listeners, it is read; piped into from a known stream,
 * given 'drain' listeners, or written and ended (or written or ended and awaited on 'finish'), it
 * is written. Values of libraries
 * that only look like streams (an RxJS observable, execa's result) are never streams by usage.
 */
export function usageStreamKind(
  sourceCode: SourceCode,
  variable: TSESLint.Scope.Variable,
  knownKind: KnownStreamKind,
): StreamKind | null {
  if (usageKinds.has(variable)) return usageKinds.get(variable)!;
  usageKinds.set(variable, null);
  const kind = comesFromNonStreamLibrary(sourceCode, variable) ? null : kindFromUses(variable, knownKind);
  usageKinds.set(variable, kind);
  return kind;
}

function kindFromUses(variable: TSESLint.Scope.Variable, knownKind: KnownStreamKind): StreamKind | null {
  let read = false;
  let written = false;
  let writes = false;
  let ends = false;
  let finishListened = false;
  for (const reference of variable.references) {
    if (!reference.isRead()) continue;
    const value = reference.identifier;
    const parent = value.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === value) {
      // `known.pipe(value)`: something readable is written into it.
      const callee = skipTransparent(parent.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'pipe' && isReadable(knownKind(callee.object))) {
        written = true;
      }
      continue;
    }
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== value) continue;
    const call = parent.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) continue;
    const method = propertyName(parent);
    const [first] = call.arguments;
    if (method === 'pipe' && first) {
      if (isWritable(knownKind(first))) read = true;
    } else if (method && listenerMethods.has(method) && first?.type === AST_NODE_TYPES.Literal) {
      if (readableEvents.has(String(first.value))) read = true;
      if (writableEvents.has(String(first.value))) written = true;
      if (first.value === 'finish') finishListened = true;
    } else if (method === 'write') {
      writes = true;
    } else if (method === 'end') {
      ends = true;
    }
  }
  if ((writes && ends) || (finishListened && (writes || ends))) written = true;
  if (read && written) return 'duplex';
  if (read) return 'readable';
  return written ? 'writable' : null;
}

function isReadable(kind: StreamKind | null): boolean {
  return kind === 'readable' || kind === 'duplex';
}

function isWritable(kind: StreamKind | null): boolean {
  return kind === 'writable' || kind === 'duplex';
}

/** `const s = execa('ls')`, `import { of } from 'rxjs'; const s = of(1).pipe(…)`. */
function comesFromNonStreamLibrary(sourceCode: SourceCode, variable: TSESLint.Scope.Variable): boolean {
  return variable.defs.some((definition) => {
    if (definition.type === 'ImportBinding') {
      const name = resolveQualifiedName(sourceCode, definition.name);
      return name !== null && isNotStreamLibraryName(name);
    }
    return definition.type === 'Variable' && definition.node.init !== null && isNonStreamLibraryValue(sourceCode, definition.node.init);
  });
}

/** A value made by a library whose `.pipe()` and events are not a Node stream's: `execa(…)`, `of(1).pipe(…)`. */
export function isNonStreamLibraryValue(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const name = resolveQualifiedName(sourceCode, rootOfChain(node));
  return name !== null && isNotStreamLibraryName(name);
}

/** The callee at the start of `a(…).b(…).c`, past awaits: where a chained value comes from. */
function rootOfChain(node: TSESTree.Node): TSESTree.Node {
  let current = skipTransparent(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.AwaitExpression) current = skipTransparent(current.argument);
    else if (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression) {
      current = skipTransparent(current.callee);
    } else if (current.type === AST_NODE_TYPES.MemberExpression && !isNamespaceMember(current)) {
      current = skipTransparent(current.object);
    } else return current;
  }
}

/** `rxjs.of` is a name to resolve as it is; `of(1).pipe` is a chain to walk down. */
function isNamespaceMember(member: TSESTree.MemberExpression): boolean {
  let object: TSESTree.Node = skipTransparent(member.object);
  while (object.type === AST_NODE_TYPES.MemberExpression) object = skipTransparent(object.object);
  return object.type === AST_NODE_TYPES.Identifier;
}

const callSiteKinds = new WeakMap<TSESTree.Node, StreamKind | null>();

/**
 * A parameter of a local function that every call in the module passes a stream of one kind:
 * `function save(out) {…}` called only as `save(fs.createWriteStream(p))`. A function that is
 * also exported, or handed on, has callers we cannot see.
 */
export function callSiteStreamKind(
  sourceCode: SourceCode,
  parameter: TSESTree.Node,
  knownKind: KnownStreamKind,
): StreamKind | null {
  if (callSiteKinds.has(parameter)) return callSiteKinds.get(parameter)!;
  callSiteKinds.set(parameter, null);
  const kind = kindFromCallSites(sourceCode, parameter, knownKind);
  callSiteKinds.set(parameter, kind);
  return kind;
}

function kindFromCallSites(sourceCode: SourceCode, parameter: TSESTree.Node, knownKind: KnownStreamKind): StreamKind | null {
  const fn = parameter.parent;
  if (
    fn?.type !== AST_NODE_TYPES.FunctionDeclaration &&
    !(
      (fn?.type === AST_NODE_TYPES.ArrowFunctionExpression || fn?.type === AST_NODE_TYPES.FunctionExpression) &&
      fn.parent?.type === AST_NODE_TYPES.VariableDeclarator &&
      fn.parent.init === fn
    )
  ) {
    return null;
  }
  const index = fn.params.indexOf(parameter as TSESTree.Parameter);
  if (index < 0) return null;
  const declared = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent!;
  const variable = sourceCode.getDeclaredVariables(declared)[0];
  if (!variable || variable.defs.length !== 1) return null;
  if (declared.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || declared.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) {
    return null;
  }
  let kind: StreamKind | null = null;
  let calls = 0;
  for (const reference of variable.references) {
    if (reference.init) continue;
    const call = reference.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) return null;
    const argument = call.arguments[index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
    const argumentKind = knownKind(argument);
    if (!argumentKind || (kind && argumentKind !== kind)) return null;
    kind = argumentKind;
    calls += 1;
  }
  return calls > 0 ? kind : null;
}
