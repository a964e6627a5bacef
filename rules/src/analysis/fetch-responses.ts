import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { resolveQualifiedName } from './module-bindings.js';
import {
  codeBefore,
  descendantsOf,
  findVariableOf,
  isFunction,
  isLoop,
  isSingleAssignment,
  isWithin,
  literalPropertyValue,
  skipTransparent,
  type FunctionNode,
  type SourceCode,
} from './syntax/index.js';

/**
 * A fetch response whose body holds a connection until it is read or cancelled: a `Response` of
 * `fetch()` (global or undici's), of a function of this file declared to resolve to one, a
 * parameter annotated `Response`; or the `body` of undici's `request()` result.
 */
export interface FetchResponse {
  variable: TSESLint.Scope.Variable;
  /** `response`: a Response whose `.body` is the stream; `body`: the body stream itself. */
  holds: 'response' | 'body';
  /** Where it comes from: the awaited call, or the parameter. */
  origin: TSESTree.Node;
  /** Made by a call in this function (a parameter is the caller's until the function takes over its body). */
  fetchedHere: boolean;
}

/** What became of a response's body in the function that holds it. */
export interface BodyFate {
  /** Nothing reads, cancels or hands on the body anywhere. */
  neverTakenCareOf: boolean;
  /** `return`, `throw`, `continue` or `break` statements that leave with the body untouched on the way. */
  leavingUntouched: TSESTree.Node[];
}

/** Properties of a response that say something about it without touching its body. */
const metadataProperties = new Set([
  'ok',
  'status',
  'statusText',
  'statusCode',
  'headers',
  'trailers',
  'url',
  'redirected',
  'type',
  'bodyUsed',
  'opaque',
  'context',
]);

const fetchFunctions = new Set(['undici.fetch']);
const requestFunctions = new Set(['undici.request']);

/** The response a declarator holds: `const res = await fetch(url)`, `const { body } = await request(url)`. */
export function fetchResponseOfDeclarator(sourceCode: SourceCode, declarator: TSESTree.VariableDeclarator): FetchResponse[] {
  const init = declarator.init && skipTransparent(declarator.init);
  if (init?.type !== AST_NODE_TYPES.AwaitExpression) return [];
  const call = skipTransparent(init.argument);
  if (call.type !== AST_NODE_TYPES.CallExpression) return [];
  const variables = sourceCode.getDeclaredVariables(declarator).filter(isSingleAssignment);
  if (declarator.id.type === AST_NODE_TYPES.Identifier) {
    const holds = responseKindOfCall(sourceCode, call);
    return holds && variables[0] ? [{ variable: variables[0], holds, origin: call, fetchedHere: true }] : [];
  }
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || !requestFunctions.has(resolveQualifiedName(sourceCode, call.callee) ?? '')) return [];
  const bodyProperty = declarator.id.properties.find(
    (property): property is TSESTree.Property =>
      property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'body',
  );
  const variable = bodyProperty?.value.type === AST_NODE_TYPES.Identifier ? variables.find((each) => each.identifiers.includes(bodyProperty.value as TSESTree.Identifier)) : undefined;
  return variable ? [{ variable, holds: 'body', origin: call, fetchedHere: true }] : [];
}

/** A parameter annotated with the global `Response` type: `(response: Response) => …`. */
export function fetchResponseOfParameter(sourceCode: SourceCode, parameter: TSESTree.Parameter): FetchResponse | null {
  if (parameter.type !== AST_NODE_TYPES.Identifier || !isGlobalResponseType(sourceCode, parameter.typeAnnotation?.typeAnnotation)) return null;
  const fn = parameter.parent as FunctionNode;
  const variable = sourceCode.getDeclaredVariables(fn).find((each) => each.identifiers.includes(parameter));
  return variable && isSingleAssignment(variable) ? { variable, holds: 'response', origin: parameter, fetchedHere: false } : null;
}

/** What a call resolves to: a Response (fetch), undici's `{ body }`, or neither. */
function responseKindOfCall(sourceCode: SourceCode, call: TSESTree.CallExpression): 'response' | null {
  if (isHeadRequest(call)) return null;
  const callee = skipTransparent(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'fetch' && isGlobal(sourceCode, callee)) return 'response';
  if (callee.type === AST_NODE_TYPES.MemberExpression && isGlobalFetchMember(sourceCode, callee)) return 'response';
  const name = resolveQualifiedName(sourceCode, call.callee);
  if (name && fetchFunctions.has(name)) return 'response';
  if (name && requestFunctions.has(name)) return 'response';
  return callee.type === AST_NODE_TYPES.Identifier && resolvesToResponse(sourceCode, callee, new Set()) ? 'response' : null;
}

/** `fetch(url, { method: 'HEAD' })`: a response without a body. */
function isHeadRequest(call: TSESTree.CallExpression): boolean {
  const method = literalPropertyValue(call.arguments[1], 'method');
  return typeof method === 'string' && method.toUpperCase() === 'HEAD';
}

function isGlobalFetchMember(sourceCode: SourceCode, member: TSESTree.MemberExpression): boolean {
  const object = skipTransparent(member.object);
  return (
    !member.computed &&
    member.property.type === AST_NODE_TYPES.Identifier &&
    member.property.name === 'fetch' &&
    object.type === AST_NODE_TYPES.Identifier &&
    object.name === 'globalThis' &&
    isGlobal(sourceCode, object)
  );
}

function isGlobal(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = findVariableOf(sourceCode, identifier);
  return !variable || variable.defs.length === 0;
}

/**
 * A function of this file declared to resolve to a `Response`, or a variable that holds only such
 * functions (`let fetch = noCache ? fetchNoCache : fetchCached`).
 */
function resolvesToResponse(sourceCode: SourceCode, identifier: TSESTree.Identifier, seen: Set<TSESLint.Scope.Variable>): boolean {
  const variable = findVariableOf(sourceCode, identifier);
  if (!variable || seen.has(variable) || !isSingleAssignment(variable)) return false;
  seen.add(variable);
  const definition = variable.defs[0];
  if (definition.type === 'FunctionName') return declaresResponse(sourceCode, definition.node as FunctionNode | TSESTree.TSDeclareFunction);
  if (definition.type !== 'Variable' || !definition.node.init || definition.node.id !== definition.name) return false;
  const values = alternativesOf(skipTransparent(definition.node.init));
  return values.every((value) =>
    value.type === AST_NODE_TYPES.Identifier
      ? resolvesToResponse(sourceCode, value, seen)
      : isFunction(value) && declaresResponse(sourceCode, value),
  );
}

/** The values a conditional or logical expression may take. */
function alternativesOf(node: TSESTree.Node): TSESTree.Node[] {
  if (node.type === AST_NODE_TYPES.ConditionalExpression) return [...alternativesOf(skipTransparent(node.consequent)), ...alternativesOf(skipTransparent(node.alternate))];
  return [node];
}

/** `(): Promise<Response>` or `(): Response`. */
function declaresResponse(sourceCode: SourceCode, fn: FunctionNode | TSESTree.TSDeclareFunction): boolean {
  const type = fn.returnType?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  if (type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'Promise') {
    return isGlobalResponseType(sourceCode, type.typeArguments?.params[0]);
  }
  return isGlobalResponseType(sourceCode, type);
}

/** The bare name `Response` with nothing in the file binding it (express's `Response` is imported). */
function isGlobalResponseType(sourceCode: SourceCode, type: TSESTree.TypeNode | undefined): boolean {
  if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier || type.typeName.name !== 'Response') return false;
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(type);
  for (; scope; scope = scope.upper) {
    const variable = scope.set.get('Response');
    if (variable && variable.defs.length > 0) return false;
  }
  return true;
}

/**
 * Where the body is read, cancelled or handed on (every read of the response but a look at its
 * status or headers), and which exits of `owner` leave after the response exists with none of
 * those on the way.
 */
export function bodyFateOf(sourceCode: SourceCode, response: FetchResponse, owner: FunctionNode | TSESTree.Program): BodyFate {
  const start = response.origin.range[1];
  const caring = response.variable.references
    .filter((reference) => reference.isRead() && reference.identifier.range[0] >= start)
    .map((reference) => reference.identifier as TSESTree.Node)
    .filter((identifier) => takesCareOfBody(identifier, response.holds));
  if (caring.length === 0) return { neverTakenCareOf: true, leavingUntouched: [] };
  const declaration = response.fetchedHere ? statementHolding(response.origin, owner) : null;
  const leavingUntouched: TSESTree.Node[] = [];
  for (const exit of exitsOf(sourceCode, owner)) {
    if (exit.range[0] < start) continue;
    const before = codeBefore(exit, owner);
    if (declaration && !before.includes(declaration)) continue;
    const touched = caring.some((site) => isWithin(site, exit) || before.some((earlier) => earlier.range[0] >= start && isWithin(site, earlier)));
    if (!touched && leavesResponseBehind(exit, declaration)) leavingUntouched.push(exit);
  }
  return { neverTakenCareOf: false, leavingUntouched };
}

/** Whether one read of the response touches its body: anything but a look at its status, headers or presence. */
function takesCareOfBody(identifier: TSESTree.Node, holds: 'response' | 'body'): boolean {
  let node: TSESTree.Node = identifier;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.TSNonNullExpression || node.parent.type === AST_NODE_TYPES.TSAsExpression)) node = node.parent;
  const parent = node.parent;
  if (holds === 'response' && parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && !parent.computed) {
    const property = parent.property.type === AST_NODE_TYPES.Identifier ? parent.property.name : null;
    if (property && metadataProperties.has(property)) return false;
    if (property === 'body') return !isPresenceTest(parent);
    return true;
  }
  return !isPresenceTest(node);
}

/** `!x`, `x == null`, `if (x)`, `typeof x`: a look at whether the value is there. */
function isPresenceTest(node: TSESTree.Node): boolean {
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.ChainExpression) current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return true;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.WhileStatement:
      return parent.test === current;
    case AST_NODE_TYPES.LogicalExpression:
      return parent.left === current;
    default:
      return false;
  }
}

/** The statement of `owner`'s code that holds a node. */
function statementHolding(node: TSESTree.Node, owner: TSESTree.Node): TSESTree.Node | null {
  for (let current: TSESTree.Node | undefined = node; current && current !== owner; current = current.parent) {
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.BlockStatement || parent?.type === AST_NODE_TYPES.Program || parent?.type === AST_NODE_TYPES.SwitchCase) return current;
  }
  return null;
}

/** `return`, `throw`, and `continue`/`break` of a loop, in `owner`'s own code. */
function* exitsOf(sourceCode: SourceCode, owner: FunctionNode | TSESTree.Program): Generator<TSESTree.Node> {
  const body = owner.type === AST_NODE_TYPES.Program ? owner : owner.body;
  for (const node of descendantsOf(sourceCode, body, { intoFunctions: false })) {
    if (
      node.type === AST_NODE_TYPES.ReturnStatement ||
      node.type === AST_NODE_TYPES.ThrowStatement ||
      ((node.type === AST_NODE_TYPES.ContinueStatement || node.type === AST_NODE_TYPES.BreakStatement) && !node.label)
    ) {
      yield node;
    }
  }
}

/** A `continue` or `break` leaves the response behind only when it leaves the loop body that fetched it. */
function leavesResponseBehind(exit: TSESTree.Node, declaration: TSESTree.Node | null): boolean {
  if (exit.type !== AST_NODE_TYPES.ContinueStatement && exit.type !== AST_NODE_TYPES.BreakStatement) return true;
  const target = jumpTargetOf(exit);
  return target !== null && declaration !== null && isWithin(declaration, target);
}

function jumpTargetOf(jump: TSESTree.ContinueStatement | TSESTree.BreakStatement): TSESTree.Node | null {
  for (let current: TSESTree.Node | undefined = jump.parent; current && !isFunction(current); current = current.parent) {
    if (isLoop(current) || (jump.type === AST_NODE_TYPES.BreakStatement && current.type === AST_NODE_TYPES.SwitchStatement)) return current;
  }
  return null;
}
