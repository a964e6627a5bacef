import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveQualifiedName } from '../module-bindings.js';
import type { StreamKind } from '../stream-kind.js';
import { initializerOf, isFunction, propertyName, skipTransparent, type FunctionNode, type SourceCode } from '../syntax/index.js';
import { importedModulesOf } from './library-models.js';

/** Frameworks whose handlers get Node's own `req` and `res` (express adds methods to both). */
const nodeRequestFrameworks = new Set([
  'express',
  'connect',
  'polka',
  'restify',
  'router',
  'finalhandler',
  'http',
  'https',
  'http2',
  'micro',
  'next',
]);

/** Frameworks whose handlers get wrappers: koa's context, fastify's request and reply. */
const koaModules = new Set(['koa', '@koa/router', 'koa-router']);
const fastifyModules = new Set(['fastify', 'fastify-plugin']);
const wrappingFrameworks = new Set([...koaModules, ...fastifyModules, '@hapi/hapi', 'hapi']);

const requestNames = new Set(['req', 'request']);
const responseNames = new Set(['res', 'response']);
const nextNames = new Set(['next', 'done', 'callback', 'cb']);

/** Members only Node's request and response have: using them is evidence of an HTTP handler. */
const responseMembers = new Set([
  'writeHead',
  'setHeader',
  'getHeader',
  'removeHeader',
  'headersSent',
  'statusCode',
  'statusMessage',
  'sendFile',
  'sendStatus',
  'redirect',
]);
const requestMembers = new Set(['headers', 'method', 'url', 'httpVersion', 'originalUrl']);

const routeMethods = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'use']);

/**
 * The stream kind of a parameter by the shape of an HTTP handler: `(req, res)`,
 * `(req, res, next)` middleware, `(error, req, res, next)` error handlers, handlers of express
 * apps and routers wherever they are declared, and handlers exported from one file to be mounted
 * in another, recognised by their parameters' names with the framework's import or their use of
 * Node's HTTP API as evidence.
 */
export function requestHandlerParameterKind(sourceCode: SourceCode, parameter: TSESTree.Node): StreamKind | null {
  const fn = parameter.parent;
  if (!fn || !isFunction(fn) || parameter.type !== AST_NODE_TYPES.Identifier) return null;
  const index = fn.params.indexOf(parameter as TSESTree.Parameter);
  const offset = handlerOffset(fn);
  if (offset === null || index < offset || index > offset + 1) return null;
  if (!isHandler(sourceCode, fn, offset)) return null;
  return index === offset ? 'readable' : 'writable';
}

/** Where `req` sits in the parameters: 0, or 1 after the error of an error handler; null if the names do not fit. */
function handlerOffset(fn: FunctionNode): number | null {
  const names = fn.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : null));
  const offset = names.length === 4 ? 1 : 0;
  if (names.length < 2 || names.length > 4) return null;
  const [request, response, next] = names.slice(offset);
  if (!request || !requestNames.has(request) || !response || !responseNames.has(response)) return null;
  if (names.length - offset === 3 && (!next || !nextNames.has(next))) return null;
  return offset;
}

const handlerVerdicts = new WeakMap<FunctionNode, boolean>();

function isHandler(sourceCode: SourceCode, fn: FunctionNode, offset: number): boolean {
  let verdict = handlerVerdicts.get(fn);
  if (verdict === undefined) {
    verdict = judgeHandler(sourceCode, fn, offset);
    handlerVerdicts.set(fn, verdict);
  }
  return verdict;
}

function judgeHandler(sourceCode: SourceCode, fn: FunctionNode, offset: number): boolean {
  const site = fn.parent;
  const passedInline = site?.type === AST_NODE_TYPES.CallExpression && site.arguments.includes(fn as TSESTree.Expression);
  if (passedInline && isRouteRegistration(sourceCode, site)) return true;
  const imported = importedModulesOf(sourceCode);
  const wrapped = [...imported].some((module) => wrappingFrameworks.has(module));
  const frameworkImported = [...imported].some((module) => nodeRequestFrameworks.has(module.replace(/^node:/, '')));
  if (passedInline) {
    // Handed to an unknown call: only `(req, res, next)` middleware in a framework's file.
    return frameworkImported && !wrapped && fn.params.length - offset === 3;
  }
  if (frameworkImported && !wrapped) return true;
  return usesHttpApi(sourceCode, fn, offset);
}

/** `app.get(path, handler)` on `express()`, `express.Router()` or `Router()` of express. */
export function isRouteRegistration(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(callee);
  return method !== null && routeMethods.has(method) && isExpressApp(sourceCode, callee.object);
}

/** `express()`, `express.Router()`, `Router()` from express, or `app.route(path)` of one. */
function isExpressApp(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = skipTransparent(node);
  const value = target.type === AST_NODE_TYPES.Identifier ? initializerOf(sourceCode, target) : target;
  if (value?.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = resolveQualifiedName(sourceCode, value.callee);
  if (name === 'express' || name === 'express.Router') return true;
  const callee = skipTransparent(value.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    (propertyName(callee) === 'route' || (propertyName(callee) !== null && routeMethods.has(propertyName(callee)!))) &&
    isExpressApp(sourceCode, callee.object)
  );
}

/** Whether the function reads `res.statusCode`, calls `res.setHeader(…)`, reads `req.headers`…. */
function usesHttpApi(sourceCode: SourceCode, fn: FunctionNode, offset: number): boolean {
  const [request, response] = fn.params.slice(offset);
  for (const [parameter, members] of [
    [request, requestMembers],
    [response, responseMembers],
  ] as const) {
    const variable = sourceCode.getDeclaredVariables(fn).find(
      (each) => parameter?.type === AST_NODE_TYPES.Identifier && each.name === parameter.name,
    );
    for (const reference of variable?.references ?? []) {
      const member = reference.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
      const property = propertyName(member);
      if (property && members.has(property)) return true;
    }
  }
  return false;
}

/**
 * Node's request and response inside a framework's wrappers: koa's `ctx.req` and `ctx.res`,
 * fastify's `request.raw` and `reply.raw`, in a file that imports the framework.
 */
export function wrappedRequestStreamKind(sourceCode: SourceCode, member: TSESTree.MemberExpression): StreamKind | null {
  const property = propertyName(member);
  if (property !== 'req' && property !== 'res' && property !== 'raw') return null;
  const owner = skipTransparent(member.object);
  if (owner.type !== AST_NODE_TYPES.Identifier) return null;
  const imported = importedModulesOf(sourceCode);
  if (property === 'raw') {
    if (![...fastifyModules].some((module) => imported.has(module))) return null;
    if (owner.name === 'request' || owner.name === 'req') return 'readable';
    return owner.name === 'reply' || owner.name === 'res' ? 'writable' : null;
  }
  if (owner.name !== 'ctx' && owner.name !== 'context') return null;
  if (![...koaModules].some((module) => imported.has(module))) return null;
  return property === 'req' ? 'readable' : 'writable';
}
