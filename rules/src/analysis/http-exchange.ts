import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { listenerCallOf } from './event-listeners.js';
import { resolveQualifiedName } from './module-bindings.js';
import { requestHandlerParameterKind, wrappedRequestStreamKind } from './origins/request-handlers.js';
import { conventionalParameter, streamCreationOf, streamRecognitionOf } from './stream-sources.js';
import { isReadableKind } from './stream-kind.js';
import { listenerFunctionOf } from './repeating-contexts.js';
import {
  descendantsOf,
  findVariableOf,
  initializerOf,
  isSameValue,
  isSingleAssignment,
  propertyName,
  skipTransparent,
  type SourceCode,
} from './syntax/index.js';

/**
 * The two sides of one HTTP exchange on a server: the response the server writes, and the request
 * it reads. A server response dies with its socket when the client goes away; a stream that feeds
 * it must be told.
 */

/** Annotations that name a server's response: Node's, express's. */
const responseTypes = new Set(['http.ServerResponse', 'http2.Http2ServerResponse', 'express.Response']);
const requestTypes = new Set(['http.IncomingMessage', 'http2.Http2ServerRequest', 'express.Request']);

/** Whether `node` is a server's response: a handler's `res`, `ctx.res`, `reply.raw`, or so annotated. */
export function isServerResponse(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return exchangeSideOf(sourceCode, node) === 'response';
}

/** Whether `node` is the request a server is handling. */
export function isServerRequest(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return exchangeSideOf(sourceCode, node) === 'request';
}

type ExchangeSide = 'request' | 'response';

function exchangeSideOf(sourceCode: SourceCode, node: TSESTree.Node): ExchangeSide | null {
  const target = skipTransparent(node);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const wrapped = wrappedRequestStreamKind(sourceCode, target);
    return wrapped ? sideOfKind(wrapped) : null;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, target);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (!definition) return null;
  if (definition.type === 'Parameter') {
    const annotated = annotatedSide(sourceCode, definition.name);
    if (annotated) return annotated;
    const conventional = conventionalParameter(sourceCode, definition.name);
    if (conventional) return conventional.acceptedSocket ? null : sideOfKind(conventional.kind);
    const handler = requestHandlerParameterKind(sourceCode, definition.name);
    return handler ? sideOfKind(handler) : null;
  }
  const annotated = annotatedSide(sourceCode, definition.name);
  if (annotated) return annotated;
  // `const res = ctx.res`, `const raw = reply.raw`.
  const init = variable && isSingleAssignment(variable) ? initializerOf(sourceCode, target) : null;
  return init && skipTransparent(init).type === AST_NODE_TYPES.MemberExpression ? exchangeSideOf(sourceCode, init) : null;
}

function sideOfKind(kind: string): ExchangeSide | null {
  if (kind === 'readable') return 'request';
  return kind === 'writable' ? 'response' : null;
}

function annotatedSide(sourceCode: SourceCode, name: TSESTree.Node): ExchangeSide | null {
  if (name.type !== AST_NODE_TYPES.Identifier || !name.typeAnnotation) return null;
  const type = name.typeAnnotation.typeAnnotation;
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return null;
  const qualified = resolveQualifiedName(sourceCode, type.typeName);
  if (!qualified) return null;
  if (responseTypes.has(qualified)) return 'response';
  return requestTypes.has(qualified) ? 'request' : null;
}

/**
 * Whether a readable holds something that outlives a dropped reference: a file descriptor, a
 * socket, an upstream request, a child process, a library's connection. Streams made in memory
 * (`Readable.from([…])`, a PassThrough, a zlib stream at the head) hold nothing of the kind, and
 * the server's own request dies with the client's socket. A stream known only by its usage is
 * left out: nothing says what feeds it.
 */
export function holdsResource(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const recognition = streamRecognitionOf(sourceCode, node);
  // Usage shows a stream, not what feeds it: a value of unknown origin may hold nothing at all.
  if (!recognition || recognition.origin === 'usage' || !isReadableKind(recognition.kind)) return false;
  if (isServerRequest(sourceCode, node)) return false;
  const target = skipTransparent(node);
  const created = target.type === AST_NODE_TYPES.Identifier ? initializerOf(sourceCode, target) : target;
  const call = created && skipTransparent(created);
  if (call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression) {
    const creation = streamCreationOf(sourceCode, call);
    // Core streams that do nothing until used: no I/O of their own to leak.
    if (creation && creation.origin === 'factory' && creation.failsOnlyAsStream) return false;
  }
  return true;
}

/** Events that tell a server the exchange is over, the client gone included. */
const endOfExchangeEvents = new Set(['close', 'aborted']);
/** Functions that call back when a response or request is done, aborted included. */
const completionFunctions = new Set(['on-finished', 'stream.finished', 'stream/promises.finished', 'end-of-stream']);
/** Calls in a cleanup that release a source: its own methods, an AbortController's, the `destroy` package. */
const releasingMethods = new Set(['destroy', 'unpipe', 'close', 'abort', 'cancel', 'kill']);

/**
 * Whether code in the file releases one of `sources` when the client of `response` goes away: a
 * `'close'` (or `'aborted'`) listener on the response, its request or their socket, or
 * `onFinished()`/`finished()`/`eos()` on them, whose callback names a source or releases
 * something. `pipeline()` needs no such help and is never asked about.
 */
export function isReleasedOnClientAbort(
  sourceCode: SourceCode,
  response: TSESTree.Node,
  sources: readonly TSESTree.Node[],
): boolean {
  for (const cleanup of clientAbortCleanupsOf(sourceCode)) {
    if (!isExchangeOf(sourceCode, cleanup.target, response)) continue;
    const fn = listenerFunctionOf(sourceCode, cleanup.callback);
    // A callback we cannot see (a method, an import) may well release the source.
    if (!fn) return true;
    if (releasesSomething(sourceCode, fn, sources)) return true;
  }
  return false;
}

interface ClientAbortCleanup {
  /** What is watched: a response, a request, or one of their sockets. */
  target: TSESTree.Node;
  callback: TSESTree.Node;
}

const cleanupsByFile = new WeakMap<TSESTree.Program, ClientAbortCleanup[]>();

function clientAbortCleanupsOf(sourceCode: SourceCode): ClientAbortCleanup[] {
  let cleanups = cleanupsByFile.get(sourceCode.ast);
  if (cleanups) return cleanups;
  cleanups = [];
  for (const node of descendantsOf(sourceCode, sourceCode.ast, { intoFunctions: true })) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const listener = listenerCallOf(node);
    if (listener && endOfExchangeEvents.has(listener.event)) {
      cleanups.push({ target: listener.emitter, callback: listener.listener });
      continue;
    }
    const name = resolveQualifiedName(sourceCode, node.callee);
    const [watched, callback] = node.arguments;
    if (name && completionFunctions.has(name) && watched) {
      cleanups.push({ target: watched, callback: callback ?? node });
    }
  }
  cleanupsByFile.set(sourceCode.ast, cleanups);
  return cleanups;
}

/** The response itself, its socket, or the request (or its socket) of the same exchange. */
function isExchangeOf(sourceCode: SourceCode, watched: TSESTree.Node, response: TSESTree.Node): boolean {
  let target = skipTransparent(watched);
  if (target.type === AST_NODE_TYPES.MemberExpression && ['socket', 'connection'].includes(propertyName(target) ?? '')) {
    target = skipTransparent(target.object);
  }
  if (isSameValue(sourceCode, target, response)) return true;
  return isServerRequest(sourceCode, target) && sameHandler(sourceCode, target, response);
}

/** Two values of the same handler: rooted in parameters (or variables) of one function. */
function sameHandler(sourceCode: SourceCode, request: TSESTree.Node, response: TSESTree.Node): boolean {
  const first = declaringScopeOf(sourceCode, request);
  return first !== null && first === declaringScopeOf(sourceCode, response);
}

function declaringScopeOf(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.Node | null {
  let current = skipTransparent(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipTransparent(current.object);
  if (current.type !== AST_NODE_TYPES.Identifier) return null;
  return findVariableOf(sourceCode, current)?.scope.block ?? null;
}

/** Whether a cleanup callback names one of the sources or calls something that releases. */
function releasesSomething(sourceCode: SourceCode, fn: TSESTree.Node, sources: readonly TSESTree.Node[]): boolean {
  for (const node of descendantsOf(sourceCode, fn, { intoFunctions: true })) {
    if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) {
      if (sources.some((source) => isSameValue(sourceCode, node, source))) return true;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = skipTransparent(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && releasingMethods.has(propertyName(callee) ?? '')) return true;
    if (resolveQualifiedName(sourceCode, node.callee) === 'destroy') return true;
  }
  return false;
}
