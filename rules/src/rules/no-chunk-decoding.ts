import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  deliversBytes,
  descendantsOf,
  isFunction,
  listenerCallOf,
  propertyName,
  skipTransparent,
  staticString,
  type SourceCode,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type MessageIds = 'decodedPerChunk';

/** Encodings in which one character may take several bytes, so a chunk may end mid-character. */
const multiByteEncodings = new Set(['utf8', 'utf-8', 'utf16le', 'utf-16le', 'ucs2', 'ucs-2']);

interface DataHandler {
  stream: TSESTree.Expression;
  decoding: TSESTree.Node;
}

export default createRule<[], MessageIds>({
  name: 'no-chunk-decoding',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow decoding a byte stream's chunks to text one by one, without setEncoding() or a decoder",
      level: 'novice',
      topic: 'readable streams',
      recommended: 'strict',
    },
    messages: {
      decodedPerChunk: "Each chunk of '{{stream}}' is decoded alone: a character split between chunks turns into U+FFFD.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const handlers: DataHandler[] = [];
    const decodedStreams = new Set<string>();
    return {
      CallExpression(node) {
        const callee = skipTransparent(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'setEncoding') {
          decodedStreams.add(sourceCode.getText(skipTransparent(callee.object)));
          return;
        }
        const registration = listenerCallOf(node);
        if (registration?.event !== 'data') return;
        const handler = skipTransparent(registration.listener);
        if (!isFunction(handler) || handler.params[0]?.type !== AST_NODE_TYPES.Identifier) return;
        const decoding = perChunkDecoding(sourceCode, handler, handler.params[0]);
        if (!decoding) return;
        handlers.push({ stream: skipTransparent(registration.emitter) as TSESTree.Expression, decoding });
      },
      'Program:exit'() {
        for (const { stream, decoding } of handlers) {
          const streamText = sourceCode.getText(stream);
          if (decodedStreams.has(streamText) || !deliversBytes(sourceCode, stream)) continue;
          // No suggestion: setEncoding() belongs before the listener, outside the reported handler,
          // and a stream may be read elsewhere as bytes; the message says what to write.
          context.report({ node: decoding, messageId: 'decodedPerChunk', data: { stream: streamText } });
        }
      },
    };
  },
});

/** The first place a 'data' handler turns its chunk into text (`text += chunk`, `chunk.toString()`, `${chunk}`). */
function perChunkDecoding(
  sourceCode: SourceCode,
  handler: TSESTree.FunctionLike,
  chunk: TSESTree.Identifier,
): TSESTree.Node | null {
  const variable = sourceCode.getDeclaredVariables(handler).find((each) => each.name === chunk.name);
  if (!variable) return null;
  const decoding = variable.references.map((reference) => decodingUse(reference.identifier)).find((use) => use !== null) ?? null;
  // Reads in nested functions run at other times; the handler's own code is what we judge.
  if (decoding && !isOwnCode(sourceCode, handler, decoding)) return null;
  return decoding;
}

function isOwnCode(sourceCode: SourceCode, handler: TSESTree.FunctionLike, node: TSESTree.Node): boolean {
  for (const each of descendantsOf(sourceCode, handler.body!, { intoFunctions: false })) if (each === node) return true;
  return false;
}

/** The expression that decodes the chunk, or null when this read of it does not decode it. */
function decodingUse(identifier: TSESTree.Node): TSESTree.Node | null {
  const parent = identifier.parent;
  if (!parent) return null;
  // `chunk.toString()`, `chunk.toString('utf8')`.
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier && propertyName(parent) === 'toString') {
    const call = parent.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return null;
    const encoding = call.arguments.length === 0 ? 'utf8' : staticString(call.arguments[0])?.toLowerCase();
    return encoding && multiByteEncodings.has(encoding) ? call : null;
  }
  // `text += chunk`, `text = text + chunk`, `` `${text}${chunk}` ``.
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '+=' && parent.right === identifier) return parent;
  if (parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+' && isStringy(parent)) return parent;
  if (parent.type === AST_NODE_TYPES.TemplateLiteral) return parent;
  return null;
}

/** A `+` that builds text: one side is a string literal, or the sum is assigned back with `=`. */
function isStringy(binary: TSESTree.BinaryExpression): boolean {
  const sides = [binary.left, binary.right];
  if (sides.some((side) => staticString(side) !== null || side.type === AST_NODE_TYPES.TemplateLiteral)) return true;
  const assignment = binary.parent;
  return (
    assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
    assignment.operator === '=' &&
    assignment.left.type === AST_NODE_TYPES.Identifier &&
    binary.left.type === AST_NODE_TYPES.Identifier &&
    binary.left.name === assignment.left.name
  );
}
