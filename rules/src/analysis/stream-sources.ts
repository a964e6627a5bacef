import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { resolveQualifiedName } from './module-bindings.js';
import { listenerMethods, sameStreamMethods } from './stream-api.js';
import type { StreamKind } from './stream-kind.js';
import { jsdocStreamTypesOf, streamKindOfType, typeServicesOf } from './stream-types.js';
import {
  classFieldsOf,
  definitionsReaching,
  descendantsOf,
  findVariableOf,
  initializerOf,
  isNothing,
  isFunction,
  isSingleAssignment,
  listenerSites,
  localFunctionOf,
  propertyName,
  skipTransparent,
  staticString,
  thisFieldOf,
  type FunctionNode,
  type SourceCode,
} from './syntax/index.js';
import { narrowedStreamKind } from './origins/instanceof-narrowing.js';
import { libraryCreationOf, libraryParameterStreamOf, libraryPropertyStreamOf } from './origins/library-models.js';
import { isRouteRegistration, requestHandlerParameterKind, wrappedRequestStreamKind } from './origins/request-handlers.js';
import { callSiteStreamKind, usageStreamKind } from './origins/usage-evidence.js';

export interface StreamCreation {
  kind: StreamKind;
  /** What created it, for messages: `fs.createReadStream`, `new Transform`. */
  factory: string;
  /**
   * Streams that only fail when used as streams: a cipher driven by `update()`/`final()` throws
   * instead, and a hash never fails at all.
   */
  failsOnlyAsStream: boolean;
  /** Whether an unhandled failure is worth a report at all. */
  canFail: boolean;
  /** Node itself listens to its 'error' (a `new tls.TLSSocket` re-emits it as '_tlsError'): none crashes. */
  errorsHeardByNode?: true;
  origin: StreamOrigin;
}

const transformFactories = [
  'zlib.createGzip',
  'zlib.createGunzip',
  'zlib.createDeflate',
  'zlib.createInflate',
  'zlib.createDeflateRaw',
  'zlib.createInflateRaw',
  'zlib.createUnzip',
  'zlib.createBrotliCompress',
  'zlib.createBrotliDecompress',
  'zlib.createZstdCompress',
  'zlib.createZstdDecompress',
];

/**
 * Compressing accepts any bytes: a compression stage has no input it could fail on and no I/O of
 * its own (decompressing fails on bad input).
 */
const compressionFactories = new Set([
  'zlib.createGzip',
  'zlib.createDeflate',
  'zlib.createDeflateRaw',
  'zlib.createBrotliCompress',
  'zlib.createZstdCompress',
]);

/** `zlib.createGzip()` and the other compressors: nothing they are given makes them fail. */
export function isCompressionStage(sourceCode: SourceCode, node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const name = node.type === AST_NODE_TYPES.CallExpression ? resolveQualifiedName(sourceCode, node.callee) : null;
  return name !== null && compressionFactories.has(name);
}

const factoryKinds: Record<string, StreamKind> = {
  'fs.createReadStream': 'readable',
  'fs.createWriteStream': 'writable',
  'net.connect': 'duplex',
  'net.createConnection': 'duplex',
  'tls.connect': 'duplex',
  'http.request': 'writable',
  'http.get': 'writable',
  'https.request': 'writable',
  'https.get': 'writable',
  'stream.Readable.from': 'readable',
  'stream.Readable.fromWeb': 'readable',
  'stream.Writable.fromWeb': 'writable',
  'stream.Duplex.from': 'duplex',
  'stream.Duplex.fromWeb': 'duplex',
  'stream.compose': 'duplex',
  ...Object.fromEntries(transformFactories.map((name) => [name, 'duplex' as const])),
};

/**
 * Factories whose stream starts I/O when made: a file opens, a socket connects, a request goes
 * out. It fails with nobody using it. A zlib stream or `Readable.from()` fails only once used.
 */
function startsOnItsOwn(factory: string): boolean {
  return /^(fs|net|tls|https?)\./.test(factory);
}

const cipherFactories = new Set(['crypto.createCipheriv', 'crypto.createDecipheriv']);
export const digestFactories = new Set(['crypto.createHash', 'crypto.createHmac']);

export const streamClassKinds: Record<string, StreamKind> = {
  'stream.Readable': 'readable',
  'stream.Writable': 'writable',
  'stream.Duplex': 'duplex',
  'stream.Transform': 'duplex',
  'stream.PassThrough': 'duplex',
  'net.Socket': 'duplex',
  'tls.TLSSocket': 'duplex',
};

/** Values that are streams without being created here. */
const wellKnownStreams: Record<string, StreamKind> = {
  'process.stdin': 'readable',
  'process.stdout': 'writable',
  'process.stderr': 'writable',
};

const childProcessFactories = new Set([
  'child_process.spawn',
  'child_process.exec',
  'child_process.execFile',
  'child_process.fork',
]);

const childStreamKinds: Record<string, StreamKind> = {
  stdin: 'writable',
  stdout: 'readable',
  stderr: 'readable',
};

/** A call or `new` that makes a fresh stream: nobody else has listened to it yet. */
export function streamCreationOf(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): StreamCreation | null {
  if (node.type === AST_NODE_TYPES.NewExpression) {
    const factory = `new ${calleeText(sourceCode, node)}`;
    const kind = streamClassKindOf(sourceCode, node.callee, new Set());
    if (kind) {
      // A core stream class does nothing until it is used; a socket subclass connects on its own.
      const className = resolveQualifiedName(sourceCode, node.callee);
      const idleUntilUsed = className ? className.startsWith('stream.') : isIdleLocalStreamClass(sourceCode, node.callee);
      const canFail = !isInertCoreStream(sourceCode, node);
      // TLSSocket's constructor adds `this.on('error', this._tlsError)`; tls.connect() takes it off again.
      if (className === 'tls.TLSSocket') return { kind, factory, failsOnlyAsStream: idleUntilUsed, canFail, errorsHeardByNode: true, origin: 'factory' };
      return { kind, factory, failsOnlyAsStream: idleUntilUsed, canFail, origin: 'factory' };
    }
    const library = libraryCreationOf(sourceCode, node);
    if (library) return { ...library, failsOnlyAsStream: false, origin: 'library' };
    const services = typeServicesOf(sourceCode);
    const typed = services && streamKindOfType(services, node);
    // A library's stream made only to reach a method (`new Upload(cfg).createURI()`) is not used as one.
    return typed ? { kind: typed, factory, failsOnlyAsStream: true, canFail: true, origin: 'types' } : null;
  }
  const name = resolveQualifiedName(sourceCode, node.callee);
  if (!name) {
    const callee = skipTransparent(node.callee);
    // A function of this file is judged by its body, whatever its type says: one that listens to
    // the stream it returns hands over a stream whose errors are heard.
    if (callee.type === AST_NODE_TYPES.Identifier && localFunctionOf(sourceCode, callee)) {
      return fileHandleStream(sourceCode, node) ?? localFactoryCreation(sourceCode, node) ?? declaredCreation(sourceCode, node);
    }
    return fileHandleStream(sourceCode, node) ?? libraryOrDeclaredStream(sourceCode, node);
  }
  const factory = name.replace(/^stream\./, '');
  // Node's stream classes construct themselves when called without `new`: `PassThrough()`.
  if (streamClassKinds[name] && !name.startsWith('net.') && !name.startsWith('tls.')) {
    return { kind: streamClassKinds[name], factory, failsOnlyAsStream: true, canFail: !isInertCoreStream(sourceCode, node), origin: 'factory' };
  }
  if (factoryKinds[name]) {
    return {
      kind: factoryKinds[name],
      factory,
      failsOnlyAsStream: !startsOnItsOwn(name),
      canFail: !isFixedData(name, node),
      origin: 'factory',
    };
  }
  if (cipherFactories.has(name)) return { kind: 'duplex', factory, failsOnlyAsStream: true, canFail: true, origin: 'factory' };
  if (digestFactories.has(name)) return { kind: 'duplex', factory, failsOnlyAsStream: true, canFail: false, origin: 'factory' };
  return libraryOrDeclaredStream(sourceCode, node);
}

/**
 * A library's stream (`busboy(…)`, `got.stream(…)`), or the result of a function declared to
 * return a stream: by its checked type, or by its own annotation or JSDoc in this file. A stream
 * handed over by a function we did not see fails, as far as we know, only once it is used.
 */
function libraryOrDeclaredStream(sourceCode: SourceCode, call: TSESTree.CallExpression): StreamCreation | null {
  const library = libraryCreationOf(sourceCode, call);
  if (library) return { ...library, failsOnlyAsStream: false, origin: 'library' };
  const callee = skipTransparent(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // `s.pipe(d)`, `s.on(…)` and the other methods of a stream return a stream that exists already.
    const method = propertyName(callee);
    if (method === 'pipe' || (method && sameStreamMethods.has(method)) || typedRecognition(sourceCode, callee.object)) return null;
  }
  const declared = declaredCreation(sourceCode, call);
  if (declared) return declared;
  const factory = sourceCode.getText(call.callee);
  const services = typeServicesOf(sourceCode);
  const typed = services && streamKindOfType(services, call);
  return typed ? { kind: typed, factory, failsOnlyAsStream: true, canFail: true, origin: 'types' } : null;
}

function declaredCreation(sourceCode: SourceCode, call: TSESTree.CallExpression): StreamCreation | null {
  const declared = declaredResultKind(sourceCode, skipTransparent(call.callee));
  const factory = sourceCode.getText(call.callee);
  return declared ? { kind: declared, factory, failsOnlyAsStream: true, canFail: true, origin: 'annotation' } : null;
}

/** `function open(): Readable` or `/** @returns {Readable} *\/ function open()` of this file. */
function declaredResultKind(sourceCode: SourceCode, callee: TSESTree.Node): StreamKind | null {
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, callee);
  const definition = variable && isSingleAssignment(variable) ? variable.defs[0] : null;
  const fn =
    definition?.type === 'FunctionName'
      ? definition.node
      : definition?.type === 'Variable' && definition.node.init && isFunction(definition.node.init)
        ? definition.node.init
        : null;
  if (!fn) return null;
  const returnType = fn.returnType?.typeAnnotation;
  if (returnType?.type === AST_NODE_TYPES.TSTypeReference) {
    const qualified = resolveQualifiedName(sourceCode, returnType.typeName);
    if (qualified && annotationKinds[qualified]) return annotationKinds[qualified];
  }
  return jsdocStreamTypesOf(sourceCode, fn).returns;
}

/**
 * `new PassThrough()`, or `new Readable({ highWaterMark })` fed by `push()`: a core stream class
 * given no implementation of its own has no I/O and no code that could fail.
 */
function isInertCoreStream(sourceCode: SourceCode, node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const className = resolveQualifiedName(sourceCode, node.callee);
  if (!className || !streamClassKinds[className] || className.startsWith('net.') || className.startsWith('tls.')) {
    return false;
  }
  return node.arguments.every(
    (argument) =>
      argument.type === AST_NODE_TYPES.ObjectExpression &&
      argument.properties.every(
        (property) =>
          property.type === AST_NODE_TYPES.Property &&
          (isEmptyFunction(property.value) ||
            (!property.method &&
              property.value.type !== AST_NODE_TYPES.FunctionExpression &&
              property.value.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
              property.value.type !== AST_NODE_TYPES.Identifier)),
      ),
  );
}

/**
 * A stream class of this file whose constructor neither destroys the stream nor emits 'error': like
 * the core class it extends, it fails only once it is used as a stream (`new Upload(cfg).createURI()`
 * uses it as an API client). One that starts I/O in its constructor fails on its own.
 */
function isIdleLocalStreamClass(sourceCode: SourceCode, callee: TSESTree.Node): boolean {
  const target = skipTransparent(callee);
  const variable = target.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, target) : null;
  const definition = variable && isSingleAssignment(variable) ? variable.defs[0] : null;
  const declared = definition?.type === 'ClassName' ? definition.node : definition?.type === 'Variable' ? definition.node.init : null;
  if (declared?.type !== AST_NODE_TYPES.ClassDeclaration && declared?.type !== AST_NODE_TYPES.ClassExpression) return false;
  const constructor = declared.body.body.find(
    (member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
  );
  if (!constructor) return true;
  for (const each of descendantsOf(sourceCode, constructor.value, { intoFunctions: true })) {
    if (each.type !== AST_NODE_TYPES.CallExpression || each.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = propertyName(each.callee);
    if (method === 'destroy' || (method === 'emit' && staticString(each.arguments[0]) === 'error')) return false;
  }
  return true;
}

/** `read() {}`: an implementation with no code, the usual one of a Readable fed by `push()`. */
function isEmptyFunction(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression) &&
    node.body.type === AST_NODE_TYPES.BlockStatement &&
    node.body.body.length === 0
  );
}

/** `Readable.from(['a', 'b'])` reads fixed data: it has nothing that could fail. */
function isFixedData(factory: string, call: TSESTree.CallExpression): boolean {
  const source = call.arguments[0];
  return (
    factory === 'stream.Readable.from' &&
    (source?.type === AST_NODE_TYPES.ArrayExpression ||
      source?.type === AST_NODE_TYPES.Literal ||
      source?.type === AST_NODE_TYPES.TemplateLiteral)
  );
}

function calleeText(sourceCode: SourceCode, node: TSESTree.NewExpression): string {
  return sourceCode.getText(node.callee);
}

/** `handle.createReadStream()` where `handle` is `await fs.promises.open(…)`. */
function fileHandleStream(sourceCode: SourceCode, call: TSESTree.CallExpression): StreamCreation | null {
  const callee = skipTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee);
  if (method !== 'createReadStream' && method !== 'createWriteStream') return null;
  const handle = initializerOf(sourceCode, callee.object);
  const opened =
    handle?.type === AST_NODE_TYPES.AwaitExpression ? skipTransparent(handle.argument) : null;
  if (opened?.type !== AST_NODE_TYPES.CallExpression) return null;
  if (resolveQualifiedName(sourceCode, opened.callee) !== 'fs/promises.open') return null;
  const kind = method === 'createReadStream' ? 'readable' : 'writable';
  return { kind, factory: `FileHandle.${method}`, failsOnlyAsStream: false, canFail: true, origin: 'factory' };
}

const factoryCreations = new WeakMap<FunctionNode, StreamCreation | null>();

/**
 * A call of a function of this file that returns a stream it makes, its errors unheard: the call
 * makes the stream, and whoever calls owns its errors (`function openLog(p) { return createWriteStream(p); }`).
 */
function localFactoryCreation(sourceCode: SourceCode, call: TSESTree.CallExpression): StreamCreation | null {
  const callee = skipTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name === 'require') return null;
  const fn = localFunctionOf(sourceCode, callee);
  if (!fn) return null;
  if (factoryCreations.has(fn)) return factoryCreations.get(fn) ?? null;
  factoryCreations.set(fn, null);
  const returned = returnedValuesOf(sourceCode, fn);
  const creations = returned.map((value) => freshCreationReturned(sourceCode, value));
  const [first] = creations;
  const creation =
    first && creations.every((each) => each !== null && each.kind === first.kind)
      ? { ...first, factory: callee.name }
      : null;
  factoryCreations.set(fn, creation);
  return creation;
}

/** What a function returns: its concise body, or the argument of each `return` of its own. */
function returnedValuesOf(sourceCode: SourceCode, fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const values: TSESTree.Node[] = [];
  for (const node of descendantsOf(sourceCode, fn.body, { intoFunctions: false })) {
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (!node.argument) return [];
      values.push(node.argument);
    }
  }
  return values;
}

/**
 * The creation a returned value holds, when nothing in the function listens to it or hands it
 * elsewhere first: `return createWriteStream(p)`, or `const s = createWriteStream(p); …; return s`.
 */
function freshCreationReturned(sourceCode: SourceCode, value: TSESTree.Node): StreamCreation | null {
  const target = skipTransparent(value);
  if (target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.NewExpression) {
    return streamCreationOf(sourceCode, target);
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const init = initializerOf(sourceCode, target);
  const variable = findVariableOf(sourceCode, target);
  if (!variable || (init?.type !== AST_NODE_TYPES.CallExpression && init?.type !== AST_NODE_TYPES.NewExpression)) return null;
  const handled = variable.references.some((reference) => {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== reference.identifier) return true;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier) return false;
    const method = propertyName(parent);
    return method !== null && listenerMethods.has(method);
  });
  return handled ? null : streamCreationOf(sourceCode, init);
}

/** The stream kind of a class: a core stream class, or a class of this file that extends one. */
export function streamClassKindOf(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  seen: Set<TSESTree.Node>,
): StreamKind | null {
  if (seen.has(node)) return null;
  seen.add(node);
  const name = resolveQualifiedName(sourceCode, node);
  if (name) return streamClassKinds[name] ?? null;
  const target = skipTransparent(node);
  if (target.type === AST_NODE_TYPES.ClassExpression || target.type === AST_NODE_TYPES.ClassDeclaration) {
    return target.superClass ? streamClassKindOf(sourceCode, target.superClass, seen) : null;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, target);
  const definition = variable && isSingleAssignment(variable) ? variable.defs[0] : null;
  if (definition?.type === 'ClassName') return streamClassKindOf(sourceCode, definition.node, seen);
  if (definition?.type === 'Variable' && definition.node.init) {
    return streamClassKindOf(sourceCode, definition.node.init, seen);
  }
  return null;
}

/** Whether a class declaration or expression is a stream implementation. */
export function classStreamKind(
  sourceCode: SourceCode,
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
): StreamKind | null {
  return node.superClass ? streamClassKindOf(sourceCode, node.superClass, new Set()) : null;
}

/**
 * Where the analysis learnt that a value is a stream: a core factory, class or well-known stream;
 * a library model; an HTTP or socket handler's parameter; a type annotation or JSDoc; the calls of
 * a local function; an `instanceof` check; its usage; the type checker.
 */
export type StreamOrigin =
  | 'factory'
  | 'local helper'
  | 'class field'
  | 'library'
  | 'handler'
  | 'annotation'
  | 'call sites'
  | 'narrowing'
  | 'usage'
  | 'types';

export interface StreamRecognition {
  kind: StreamKind;
  origin: StreamOrigin;
}

/**
 * What kind of stream an expression holds, or null when nothing shows it is one: created here,
 * a well-known stream, a conventional parameter, a type annotation, or a checked type.
 */
export function streamKindOf(sourceCode: SourceCode, node: TSESTree.Node): StreamKind | null {
  return streamRecognitionOf(sourceCode, node)?.kind ?? null;
}

/** The kind of stream an expression holds and where that is known from. */
export function streamRecognitionOf(sourceCode: SourceCode, node: TSESTree.Node): StreamRecognition | null {
  return recognise(sourceCode, node, new Set()) ?? typedRecognition(sourceCode, node);
}

function typedRecognition(sourceCode: SourceCode, node: TSESTree.Node): StreamRecognition | null {
  const services = typeServicesOf(sourceCode);
  const kind = services && streamKindOfType(services, node);
  return kind ? { kind, origin: 'types' } : null;
}

function recognised(kind: StreamKind | null | undefined, origin: StreamOrigin): StreamRecognition | null {
  return kind ? { kind, origin } : null;
}

function recognise(sourceCode: SourceCode, node: TSESTree.Node, seen: Set<TSESTree.Node>): StreamRecognition | null {
  if (seen.has(node)) return null;
  seen.add(node);
  const target = skipTransparent(node);
  switch (target.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const creation = streamCreationOf(sourceCode, target);
      return creation ? { kind: creation.kind, origin: creation.origin } : pipeResult(sourceCode, target, seen);
    }
    case AST_NODE_TYPES.MemberExpression:
      return memberRecognition(sourceCode, target, seen);
    case AST_NODE_TYPES.Identifier:
      return identifierRecognition(sourceCode, target, seen);
    default:
      return null;
  }
}

/** `a.pipe(b)` is `b`; `s.on(…)` is `s`. */
function pipeResult(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  seen: Set<TSESTree.Node>,
): StreamRecognition | null {
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipTransparent(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee);
  if (method === 'pipe' && node.arguments[0]) return recognise(sourceCode, node.arguments[0], seen);
  if (method && sameStreamMethods.has(method)) return recognise(sourceCode, callee.object, seen);
  return null;
}

function memberRecognition(
  sourceCode: SourceCode,
  node: TSESTree.MemberExpression,
  seen: Set<TSESTree.Node>,
): StreamRecognition | null {
  const name = resolveQualifiedName(sourceCode, node);
  if (name && wellKnownStreams[name]) return { kind: wellKnownStreams[name], origin: 'factory' };
  // `this.out`, given `this.out = fs.createWriteStream(…)` in one of the class's methods.
  const field = thisFieldOf(node, sourceCode);
  if (field) {
    const values = classFieldsOf(sourceCode, field.owner).writes.get(field.name) ?? [];
    return recognised(agreedKind(values, (value) => recognise(sourceCode, value, seen)?.kind ?? null), 'class field');
  }
  const property = propertyName(node);
  if (!property) return null;
  const wrapped = wrappedRequestStreamKind(sourceCode, node);
  if (wrapped) return { kind: wrapped, origin: 'handler' };
  // `(await fetch(url)).body`, `response.body`, `child.stdout` of cross-spawn.
  const result = skipTransparent(node.object);
  const resultValue = result.type === AST_NODE_TYPES.Identifier ? initializerOf(sourceCode, result) : result;
  const library = resultValue && libraryPropertyStreamOf(sourceCode, resultValue, property);
  if (library) return { kind: library.kind, origin: 'library' };
  if (!childStreamKinds[property]) return null;
  const spawnCall = resultValue && skipTransparent(resultValue);
  if (spawnCall?.type !== AST_NODE_TYPES.CallExpression) return null;
  const factory = resolveQualifiedName(sourceCode, spawnCall.callee);
  return factory && childProcessFactories.has(factory) ? { kind: childStreamKinds[property], origin: 'factory' } : null;
}

function identifierRecognition(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
  seen: Set<TSESTree.Node>,
): StreamRecognition | null {
  const variable = findVariableOf(sourceCode, identifier);
  if (!variable || variable.defs.length !== 1) return null;
  const known =
    definitionRecognition(sourceCode, variable, seen, identifier) ??
    recognised(
      narrowedStreamKind(identifier, variable, (node) => streamClassKindOf(sourceCode, node, new Set())),
      'narrowing',
    );
  if (known || seen.has(usageMarker)) return known;
  // Usage is evidence only for values of unknown origin, judged against streams known otherwise.
  return recognised(usageStreamKind(sourceCode, variable, knownStreamKindOf(sourceCode)), 'usage');
}

/** A marker in `seen`: the question comes from usage evidence, which must not ask usage again. */
const usageMarker = { type: 'UsageEvidence' } as unknown as TSESTree.Node;

const knownKindFunctions = new WeakMap<SourceCode, (node: TSESTree.Node) => StreamKind | null>();

/** What the origin of a value (not its usage) shows it to be, for usage and call-site evidence. */
function knownStreamKindOf(sourceCode: SourceCode): (node: TSESTree.Node) => StreamKind | null {
  let known = knownKindFunctions.get(sourceCode);
  if (!known) {
    known = (node) =>
      (recognise(sourceCode, node, new Set([usageMarker])) ?? typedRecognition(sourceCode, node))?.kind ?? null;
    knownKindFunctions.set(sourceCode, known);
  }
  return known;
}

function definitionRecognition(
  sourceCode: SourceCode,
  variable: TSESLint.Scope.Variable,
  seen: Set<TSESTree.Node>,
  identifier: TSESTree.Identifier,
): StreamRecognition | null {
  const definition = variable.defs[0];
  if (definition.type === 'Parameter') return parameterRecognition(sourceCode, definition.name);
  if (definition.type !== 'Variable') return null;
  if (definition.node.id !== definition.name) {
    // `const { body } = await request(url)`: a library's stream on its result.
    const key = destructuredKey(definition.name, definition.node.id);
    const library =
      key && definition.node.init && isSingleAssignment(variable)
        ? libraryPropertyStreamOf(sourceCode, definition.node.init, key)
        : null;
    return recognised(library?.kind, 'library');
  }
  const annotated = annotatedStreamKind(sourceCode, definition.name);
  if (annotated) return { kind: annotated, origin: 'annotation' };
  if (isSingleAssignment(variable)) {
    return definition.node.init ? recognise(sourceCode, definition.node.init, seen) : null;
  }
  // `let gz; … gz = zlib.createGunzip()`, `s = s.pipe(gunzip)`: the values that reach this read.
  const reaching = definitionsReaching(variable, identifier) ?? [];
  let origin: StreamOrigin = 'factory';
  const kind = agreedKind(
    reaching.map((each) => each.value),
    (value) => {
      const recognition = recognise(sourceCode, value, seen);
      if (recognition) origin = recognition.origin;
      return recognition?.kind ?? null;
    },
  );
  return kind ? { kind, origin } : null;
}
/** The key of a name destructured at the top of an object pattern: `body` in `{ body }` or `{ body: b }`. */
function destructuredKey(name: TSESTree.Node, pattern: TSESTree.Node): string | null {
  const property = name.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.parent !== pattern || property.computed) return null;
  return property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : null;
}

/**
 * A parameter's kind: annotated (TypeScript or JSDoc), by convention (a server's listener), by the
 * shape of an HTTP handler, handed by a library, or passed a stream at every call in the module.
 */
function parameterRecognition(sourceCode: SourceCode, parameter: TSESTree.Node): StreamRecognition | null {
  return (
    recognised(annotatedStreamKind(sourceCode, parameter) ?? jsdocParameterKind(sourceCode, parameter), 'annotation') ??
    recognised(
      conventionalParameter(sourceCode, parameter)?.kind ?? requestHandlerParameterKind(sourceCode, parameter),
      'handler',
    ) ??
    recognised(
      libraryParameterStreamOf(sourceCode, parameter, (emitter) => creationBehind(sourceCode, emitter))?.kind,
      'library',
    ) ??
    recognised(callSiteStreamKind(sourceCode, parameter, knownStreamKindOf(sourceCode)), 'call sites')
  );
}

/** The one stream kind of every value a place may hold, leaving out `null` and `undefined`. */
function agreedKind(values: TSESTree.Node[], kindOf: (value: TSESTree.Node) => StreamKind | null): StreamKind | null {
  const kinds = values.filter((value) => !isNothing(value)).map(kindOf);
  return kinds.length > 0 && kinds.every((kind) => kind !== null && kind === kinds[0]) ? kinds[0] : null;
}

function jsdocParameterKind(sourceCode: SourceCode, parameter: TSESTree.Node): StreamKind | null {
  const fn = parameter.parent;
  if (!fn || !isFunction(fn) || parameter.type !== AST_NODE_TYPES.Identifier) return null;
  return jsdocStreamTypesOf(sourceCode, fn).params.get(parameter.name) ?? null;
}

/** The call or `new` a value comes from, directly or through a const-like variable. */
function creationBehind(
  sourceCode: SourceCode,
  node: TSESTree.Node,
): TSESTree.CallExpression | TSESTree.NewExpression | null {
  const target = skipTransparent(node);
  const value = target.type === AST_NODE_TYPES.Identifier ? initializerOf(sourceCode, target) : target;
  const created = value && skipTransparent(value);
  return created?.type === AST_NODE_TYPES.CallExpression || created?.type === AST_NODE_TYPES.NewExpression
    ? created
    : null;
}

/** `s: Readable`, `res: http.ServerResponse`, `input: NodeJS.ReadableStream`. */
function annotatedStreamKind(sourceCode: SourceCode, name: TSESTree.Node): StreamKind | null {
  if (name.type !== AST_NODE_TYPES.Identifier || !name.typeAnnotation) return null;
  const type = name.typeAnnotation.typeAnnotation;
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return null;
  const qualified = resolveQualifiedName(sourceCode, type.typeName);
  if (!qualified) return null;
  return annotationKinds[qualified] ?? null;
}

const annotationKinds: Record<string, StreamKind> = {
  ...streamClassKinds,
  'NodeJS.ReadableStream': 'readable',
  'NodeJS.WritableStream': 'writable',
  'NodeJS.ReadWriteStream': 'duplex',
  'http.IncomingMessage': 'readable',
  'http.ServerResponse': 'writable',
  'http.ClientRequest': 'writable',
  'fs.ReadStream': 'readable',
  'fs.WriteStream': 'writable',
};

export interface ConventionalParameter {
  kind: StreamKind;
  /** A socket handed to a net or tls server's connection listener: nobody guards its errors. */
  acceptedSocket: boolean;
}

const serverFactories: Record<string, 'http' | 'net'> = {
  'http.createServer': 'http',
  'https.createServer': 'http',
  'net.createServer': 'net',
  'tls.createServer': 'net',
};

const serverClasses: Record<string, 'http' | 'net'> = {
  'http.Server': 'http',
  'https.Server': 'http',
  'net.Server': 'net',
  'tls.Server': 'net',
};

const serverEventParameters: Record<'http' | 'net', Record<string, (StreamKind | null)[]>> = {
  http: { request: ['readable', 'writable'], upgrade: ['readable', 'duplex'], connect: ['readable', 'duplex'] },
  net: { connection: ['duplex'], secureConnection: ['duplex'] },
};

/**
 * Parameters that are streams by convention: `(req, res)` of an http server's request listener,
 * the socket of a net or tls server's connection listener.
 */
export function conventionalParameter(
  sourceCode: SourceCode,
  parameter: TSESTree.Node,
): ConventionalParameter | null {
  const fn = parameter.parent;
  if (!fn || !isFunction(fn)) return null;
  const index = fn.params.indexOf(parameter as TSESTree.Parameter);
  if (index < 0) return null;
  for (const listenerOf of listenerSites(sourceCode, fn)) {
    const kinds = listenerParameterKinds(sourceCode, listenerOf, fn.params.length);
    const kind = kinds?.params[index];
    if (kind) return { kind, acceptedSocket: kinds.server === 'net' };
  }
  return null;
}

function listenerParameterKinds(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  arity: number,
): { server: 'http' | 'net'; params: (StreamKind | null)[] } | null {
  const factory = resolveQualifiedName(sourceCode, call.callee);
  const server = factory ? serverFactories[factory] : undefined;
  if (server) return { server, params: server === 'http' ? ['readable', 'writable'] : ['duplex'] };
  const callee = skipTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee);
  if (isRouteRegistration(sourceCode, call)) {
    // `(req, res, next)`, or an error handler `(error, req, res, next)`.
    return { server: 'http', params: arity === 4 ? [null, 'readable', 'writable'] : ['readable', 'writable'] };
  }
  const [event] = call.arguments;
  if (!method || !listenerMethods.has(method)) return null;
  if (event?.type !== AST_NODE_TYPES.Literal || typeof event.value !== 'string') return null;
  const receiverServer = serverKindOf(sourceCode, callee.object);
  const params = receiverServer && serverEventParameters[receiverServer][event.value];
  return receiverServer && params ? { server: receiverServer, params } : null;
}

function serverKindOf(sourceCode: SourceCode, node: TSESTree.Node): 'http' | 'net' | null {
  const target = skipTransparent(node);
  const value =
    target.type === AST_NODE_TYPES.Identifier ? initializerOf(sourceCode, target) : target;
  if (value?.type === AST_NODE_TYPES.CallExpression) {
    const name = resolveQualifiedName(sourceCode, value.callee);
    return (name && serverFactories[name]) || null;
  }
  if (value?.type === AST_NODE_TYPES.NewExpression) {
    const name = resolveQualifiedName(sourceCode, value.callee);
    return (name && serverClasses[name]) || null;
  }
  return null;
}
