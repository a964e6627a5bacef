import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveQualifiedName } from './module-bindings.js';
import type { StreamImplementation } from './stream-implementations.js';
import { descendantsOf, findVariableOf, propertyName, skipTransparent, type SourceCode } from './syntax/index.js';

/**
 * What an implementation can rely on when Node runs it, so that a branch it can never take is not
 * a path that forgets the callback: a field that every path of the constructor sets (or ends the
 * stream at once, so that no chunk ever comes), and the Buffer that a byte-mode writable always
 * hands its `_write` and `_transform` (strings are decoded, anything else makes write() throw).
 */

/** Which branch of an `if` in the implementation's own code Node can never take. */
export function impossibleBranch(
  sourceCode: SourceCode,
  implementation: StreamImplementation,
  statement: TSESTree.IfStatement,
): 'consequent' | 'alternate' | null {
  const value = alwaysTestsAs(sourceCode, implementation, statement.test);
  if (value === null) return null;
  return value ? 'alternate' : 'consequent';
}

/** Implementations that only run with a chunk: a constructor that ends the stream never reaches them. */
const chunkMethods = new Set(['write', 'transform']);

function alwaysTestsAs(sourceCode: SourceCode, implementation: StreamImplementation, test: TSESTree.Expression): boolean | null {
  const target = skipTransparent(test);
  if (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === '!') {
    const inner = alwaysTestsAs(sourceCode, implementation, target.argument);
    return inner === null ? null : !inner;
  }
  if (!chunkMethods.has(implementation.name)) return null;
  const field = thisField(target);
  if (field !== null) return fieldAlwaysSet(sourceCode, implementation, field) ? true : null;
  return isBufferTest(sourceCode, implementation, target) && chunkIsAlwaysBuffer(sourceCode, implementation) ? true : null;
}

function thisField(node: TSESTree.Node): string | null {
  return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression ? propertyName(node) : null;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** The class whose method the implementation is, and that class's constructor. */
function ownerOf(implementation: StreamImplementation): { owner: ClassNode; constructor: TSESTree.FunctionExpression | null } | null {
  const member = implementation.function.parent;
  if (member?.type !== AST_NODE_TYPES.MethodDefinition && member?.type !== AST_NODE_TYPES.PropertyDefinition) return null;
  const owner = member.parent.parent;
  const constructor = owner.body.body.find(
    (each): each is TSESTree.MethodDefinition => each.type === AST_NODE_TYPES.MethodDefinition && each.kind === 'constructor',
  );
  const value = constructor?.value;
  return { owner, constructor: value?.type === AST_NODE_TYPES.FunctionExpression ? value : null };
}

/**
 * `if (this.entry)` in `_transform`, where every path of the constructor sets `this.entry` to an
 * object (or calls `this.end()` at once) and nothing else in the class writes it but the methods
 * that run once no chunk can come any more.
 */
function fieldAlwaysSet(sourceCode: SourceCode, implementation: StreamImplementation, field: string): boolean {
  const found = ownerOf(implementation);
  if (!found?.constructor) return false;
  const establishing = new Set<TSESTree.Node>();
  if (!establishes(sourceCode, found.constructor.body.body, field, establishing)) return false;
  for (const node of descendantsOf(sourceCode, found.owner.body, { intoFunctions: true })) {
    const written = writtenValue(node, field);
    if (written === undefined || establishing.has(node)) continue;
    if (written && isTruthy(written)) continue;
    if (!isInFinalMethod(node, found.owner)) return false;
  }
  return true;
}

/**
 * Whether every path through `block` sets the field to a truthy value, or ends the stream with no
 * chunk, before anything could run the implementation (a write to itself) or leave (a return).
 */
function establishes(sourceCode: SourceCode, block: TSESTree.Statement[], field: string, establishing: Set<TSESTree.Node>): boolean {
  for (const statement of block) {
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const expression = statement.expression;
      if (expression.type === AST_NODE_TYPES.AssignmentExpression && writtenValue(expression, field) !== undefined) {
        if (expression.operator !== '=' || !isTruthy(expression.right)) return false;
        establishing.add(expression);
        return true;
      }
      if (isSelfCall(expression, 'end') && expression.arguments.length === 0) return true;
    }
    if (statement.type === AST_NODE_TYPES.IfStatement) {
      const inBranches = new Set<TSESTree.Node>();
      const statementsOf = (branch: TSESTree.Statement) => (branch.type === AST_NODE_TYPES.BlockStatement ? branch.body : [branch]);
      if (establishes(sourceCode, statementsOf(statement.consequent), field, inBranches)) {
        // `if (source) { this.end(); return; }`: that path is settled, the other goes on below.
        const alternate = statement.alternate ? establishes(sourceCode, statementsOf(statement.alternate), field, inBranches) : null;
        for (const node of inBranches) establishing.add(node);
        if (alternate) return true;
        if (alternate === null) continue;
      }
    }
    if (mayRunOrLeave(sourceCode, statement, field)) return false;
  }
  return false;
}

/** A return, a write to the stream itself, or a write of the field on some path only. */
function mayRunOrLeave(sourceCode: SourceCode, statement: TSESTree.Node, field: string): boolean {
  const nodes = [statement, ...descendantsOf(sourceCode, statement, { intoFunctions: false })];
  return nodes.some(
    (node) =>
      node.type === AST_NODE_TYPES.ReturnStatement ||
      (node.type === AST_NODE_TYPES.CallExpression && (isSelfCall(node, 'write') || isSelfCall(node, 'end'))) ||
      writtenValue(node, field) !== undefined,
  );
}

function isSelfCall(node: TSESTree.Node, method: string): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTransparent(node.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && propertyName(callee) === method;
}

/**
 * The value written to a property of that name (on `this` or any other object: an alias of `this`
 * counts too) at this node; null for a write of unknown value (`+=`, `delete`, `++`), undefined
 * when the node writes no such property.
 */
function writtenValue(node: TSESTree.Node, field: string): TSESTree.Expression | null | undefined {
  const isField = (target: TSESTree.Node) => target.type === AST_NODE_TYPES.MemberExpression && propertyName(target) === field;
  if (node.type === AST_NODE_TYPES.AssignmentExpression && isField(node.left)) return node.operator === '=' ? node.right : null;
  if (node.type === AST_NODE_TYPES.UpdateExpression && isField(node.argument)) return null;
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete' && isField(node.argument)) return null;
  return undefined;
}

/** An object, an array, a function, an instance, a truthy literal: a value that always tests true. */
function isTruthy(node: TSESTree.Expression): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.ClassExpression:
      return true;
    case AST_NODE_TYPES.Literal:
      return Boolean(node.value);
    case AST_NODE_TYPES.ConditionalExpression:
      return isTruthy(node.consequent) && isTruthy(node.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      return node.operator === '||' ? isTruthy(node.right) : node.operator === '??' ? isTruthy(node.left) && isTruthy(node.right) : false;
    default:
      return false;
  }
}

/** Methods that run once no chunk can come: `_flush`, `_final`, `_destroy`, and the constructor's code after it ended. */
const finalMethods = new Set(['_flush', '_final', '_destroy', 'destroy']);

function isInFinalMethod(node: TSESTree.Node, owner: ClassNode): boolean {
  for (let current = node.parent; current && current !== owner.body; current = current.parent) {
    if (current.type === AST_NODE_TYPES.MethodDefinition && current.parent === owner.body) {
      return current.key.type === AST_NODE_TYPES.Identifier && finalMethods.has(current.key.name);
    }
  }
  return false;
}

/** `Buffer.isBuffer(chunk)` or `chunk instanceof Buffer`, on the chunk parameter the implementation never reassigns. */
function isBufferTest(sourceCode: SourceCode, implementation: StreamImplementation, test: TSESTree.Node): boolean {
  const chunk = implementation.function.params[0];
  if (chunk?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, chunk);
  if (!variable || variable.references.some((reference) => reference.isWrite())) return false;
  const isChunk = (node: TSESTree.Node | undefined) => node?.type === AST_NODE_TYPES.Identifier && node.name === chunk.name && findVariableOf(sourceCode, node) === variable;
  const isGlobalBuffer = (node: TSESTree.Node) => {
    if (node.type !== AST_NODE_TYPES.Identifier || node.name !== 'Buffer') return false;
    const buffer = findVariableOf(sourceCode, node);
    return !buffer || buffer.defs.length === 0 || resolveQualifiedName(sourceCode, node) === 'buffer.Buffer';
  };
  if (test.type === AST_NODE_TYPES.BinaryExpression && test.operator === 'instanceof') return isChunk(test.left) && isGlobalBuffer(test.right);
  if (test.type !== AST_NODE_TYPES.CallExpression || test.arguments.length !== 1 || !isChunk(test.arguments[0])) return false;
  const callee = skipTransparent(test.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'isBuffer' && isGlobalBuffer(callee.object);
}

/** Node's writable classes, whose byte mode turns strings into Buffers and refuses anything else. */
const coreWritableClasses = new Set(['stream.Writable', 'stream.Duplex', 'stream.Transform', 'stream.PassThrough']);

/** Options that change what `_write` receives. */
const chunkOptions = new Set(['objectMode', 'writableObjectMode', 'decodeStrings']);

/**
 * Whether the stream is in byte mode with strings decoded, as the code shows it: a class extending
 * Node's own class whose constructor calls `super()` with no options or with an object literal
 * that sets none of the options that change the chunks (options from the caller may).
 */
function chunkIsAlwaysBuffer(sourceCode: SourceCode, implementation: StreamImplementation): boolean {
  const found = ownerOf(implementation);
  const base = found?.owner.superClass;
  if (!found?.constructor || !base) return false;
  const baseName = resolveQualifiedName(sourceCode, base);
  if (!baseName || !coreWritableClasses.has(baseName)) return false;
  const superCalls = [...descendantsOf(sourceCode, found.constructor.body, { intoFunctions: false })].filter(
    (node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Super,
  );
  if (superCalls.length !== 1) return false;
  const options = superCalls[0].arguments;
  if (options.length === 0) return true;
  const literal = options.length === 1 ? options[0] : null;
  if (literal?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return literal.properties.every(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      property.key.type === AST_NODE_TYPES.Identifier &&
      (!chunkOptions.has(property.key.name) || isDefaultChunkOption(property.key.name, property.value)),
  );
}

function isDefaultChunkOption(name: string, value: TSESTree.Node): boolean {
  if (value.type !== AST_NODE_TYPES.Literal) return false;
  return name === 'decodeStrings' ? value.value === true : value.value === false;
}
