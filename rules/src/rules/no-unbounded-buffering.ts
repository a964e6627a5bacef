import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  conventionalParameter,
  descendantsOf,
  findVariableOf,
  initializerOf,
  isMadeOutside,
  isSameValue,
  listenerFunctionOf,
  listenerRegistrationOf,
  propertyName,
  resolveQualifiedName,
  sameStreamMethods,
  skipTransparent,
  streamCreationOf,
  type SourceCode,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type Origin = 'request' | 'file';

const fileFactories = new Set(['fs.createReadStream', 'FileHandle.createReadStream']);
const limitOperators = new Set(['<', '<=', '>', '>=']);

export default createRule<[], 'unbounded'>({
  name: 'no-unbounded-buffering',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow collecting every chunk of a request or file stream in memory with no size limit',
      level: 'advanced',
      topic: 'performance',
      recommended: 'strict',
    },
    messages: {
      unbounded: "Every chunk of {{what}} is kept in '{{name}}' with no limit: {{risk}}",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;

    function check(source: TSESTree.Node, chunk: TSESTree.Node | undefined, body: TSESTree.Node): void {
      if (chunk?.type !== AST_NODE_TYPES.Identifier) return;
      const origin = originOf(sourceCode, source);
      if (!origin) return;
      const nodes = [body, ...descendantsOf(sourceCode, body, { intoFunctions: false })];
      if (nodes.some((node) => node.type === AST_NODE_TYPES.BinaryExpression && limitOperators.has(node.operator))) return;
      for (const node of nodes) {
        const store = accumulatorOf(sourceCode, node, chunk, body);
        if (!store) continue;
        context.report({
          node,
          messageId: 'unbounded',
          data: {
            what: origin === 'request' ? 'the request body' : 'the file',
            name: sourceCode.getText(store),
            risk:
              origin === 'request'
                ? 'a client can exhaust the memory.'
                : 'a large file fills the memory.',
          },
        });
        return;
      }
    }

    return {
      CallExpression(node) {
        const registration = listenerRegistrationOf(node);
        if (registration?.event !== 'data') return;
        const handler = listenerFunctionOf(sourceCode, node.arguments[1]);
        if (handler) check(registration.emitter, handler.params[0], handler.body);
      },
      ForOfStatement(node) {
        if (!node.await || node.left.type !== AST_NODE_TYPES.VariableDeclaration) return;
        const [declarator] = node.left.declarations;
        check(node.right, declarator?.id, node.body);
      },
    };
  },
});

/** An http server's request (by convention), or a stream that reads a file. */
function originOf(sourceCode: SourceCode, source: TSESTree.Node): Origin | null {
  let target = skipTransparent(source);
  // `fs.createReadStream(path).on('error', …).on('data', …)`: methods that return the stream.
  while (
    target.type === AST_NODE_TYPES.CallExpression &&
    target.callee.type === AST_NODE_TYPES.MemberExpression &&
    sameStreamMethods.has(propertyName(target.callee) ?? '')
  ) {
    target = skipTransparent(target.callee.object);
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const definition = findVariableOf(sourceCode, target)?.defs[0];
    if (definition?.type === 'Parameter') {
      return conventionalParameter(sourceCode, definition.name)?.kind === 'readable' ? 'request' : null;
    }
  }
  const creation = target.type === AST_NODE_TYPES.CallExpression ? target : initializerOf(sourceCode, target);
  if (creation?.type !== AST_NODE_TYPES.CallExpression) return null;
  const factory = streamCreationOf(sourceCode, creation)?.factory;
  return factory && fileFactories.has(factory) ? 'file' : null;
}

/**
 * Where `node` stores the chunk for good, if it does: `body += chunk`, `body = body + chunk`,
 * `buffer = Buffer.concat([buffer, chunk])`, `chunks.push(chunk)`, into something made outside the
 * handler.
 */
function accumulatorOf(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  chunk: TSESTree.Identifier,
  handler: TSESTree.Node,
): TSESTree.Node | null {
  if (node.type === AST_NODE_TYPES.AssignmentExpression) {
    const target = node.left;
    if (!isMadeOutside(sourceCode, target, handler)) return null;
    if (node.operator === '+=' && isChunkValue(sourceCode, node.right, chunk)) return target;
    if (node.operator !== '=') return null;
    const value = skipTransparent(node.right);
    if (
      value.type === AST_NODE_TYPES.BinaryExpression &&
      value.operator === '+' &&
      isSameValue(sourceCode, value.left, target) &&
      isChunkValue(sourceCode, value.right, chunk)
    ) {
      return target;
    }
    if (value.type === AST_NODE_TYPES.CallExpression && isBufferConcat(sourceCode, value.callee)) {
      const list = value.arguments[0];
      if (
        list?.type === AST_NODE_TYPES.ArrayExpression &&
        list.elements.some((element) => element && isSameValue(sourceCode, element, target)) &&
        list.elements.some((element) => element && isChunkValue(sourceCode, element, chunk))
      ) {
        return target;
      }
    }
    return null;
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTransparent(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'push') return null;
    if (!isMadeOutside(sourceCode, callee.object, handler)) return null;
    return node.arguments.some((argument) => isChunkValue(sourceCode, argument, chunk)) ? callee.object : null;
  }
  return null;
}

/** The chunk itself or its text: `chunk`, `chunk.toString()`, `String(chunk)`, `decoder.write(chunk)`. */
function isChunkValue(sourceCode: SourceCode, node: TSESTree.Node, chunk: TSESTree.Identifier): boolean {
  const value = skipTransparent(node);
  if (value.type === AST_NODE_TYPES.Identifier) return isSameValue(sourceCode, value, chunk);
  if (value.type === AST_NODE_TYPES.TemplateLiteral) {
    return value.expressions.some((expression) => isChunkValue(sourceCode, expression, chunk));
  }
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTransparent(value.callee);
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String') {
    return value.arguments.length === 1 && isChunkValue(sourceCode, value.arguments[0], chunk);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(callee);
  if (method === 'toString') return isChunkValue(sourceCode, callee.object, chunk);
  if (method === 'write' || method === 'decode') {
    return value.arguments[0] !== undefined && isChunkValue(sourceCode, value.arguments[0], chunk);
  }
  return false;
}

/** `Buffer.concat`, the global or the one of `node:buffer`. */
function isBufferConcat(sourceCode: SourceCode, callee: TSESTree.Node): boolean {
  const target = skipTransparent(callee);
  if (target.type !== AST_NODE_TYPES.MemberExpression || propertyName(target) !== 'concat') return false;
  const object = skipTransparent(target.object);
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'Buffer' && !findVariableOf(sourceCode, object)?.defs.length) {
    return true;
  }
  return resolveQualifiedName(sourceCode, object) === 'buffer.Buffer';
}
