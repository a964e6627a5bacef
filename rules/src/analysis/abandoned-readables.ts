import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { holdsResource, isServerRequest } from './http-exchange.js';
import { resolveQualifiedName } from './module-bindings.js';
import { descendantsOf, enclosingFunctionOf, findVariableOf, isSameValue, isWithin, propertyName, skipTransparent, type SourceCode } from './syntax/index.js';

/**
 * Readables the code stops reading: what holds something worth releasing, which calls read only a
 * stream's head, and whether anything takes the stream up again afterwards.
 */

/** Functions that read the first bytes of a stream to sniff its type and leave the rest unread. */
const headReaders = new Set([
  'file-type.fromStream',
  'file-type.fileTypeFromStream',
  'file-type/core.fromStream',
  'file-type/core.fileTypeFromStream',
]);

/** The stream a call reads only the head of, if it is one of the known sniffers. */
export function headReadStreamOf(sourceCode: SourceCode, call: TSESTree.CallExpression): TSESTree.Node | null {
  const name = resolveQualifiedName(sourceCode, call.callee);
  const [stream] = call.arguments;
  return name && headReaders.has(name) && stream && stream.type !== AST_NODE_TYPES.SpreadElement ? stream : null;
}

/** Whether leaving the readable unread holds anything: a descriptor, a socket, the client's upload. */
export function isWorthReleasing(sourceCode: SourceCode, stream: TSESTree.Node): boolean {
  return isServerRequest(sourceCode, stream) || holdsResource(sourceCode, stream);
}

/**
 * Whether the stream is read, drained, destroyed or handed on after `site` (in the function that
 * holds it), or resumed or destroyed anywhere in the file; a `.pipe()` into another destination
 * than `unpipedFrom` takes it up too.
 */
export function isTakenUpAfter(
  sourceCode: SourceCode,
  stream: TSESTree.Node,
  site: TSESTree.Node,
  unpipedFrom?: TSESTree.Node,
): boolean {
  const fn = enclosingFunctionOf(site);
  const after = (node: TSESTree.Node) => node.range[0] >= site.range[1];
  for (const node of descendantsOf(sourceCode, fn ?? sourceCode.ast, { intoFunctions: true })) {
    if (!after(node) || !isStreamReference(sourceCode, node, stream)) continue;
    // A later property read (`req.body = …`, `req.headers`) leaves the stream where it was.
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && parent.parent?.type !== AST_NODE_TYPES.CallExpression) continue;
    return true;
  }
  if (unpipedFrom && isReassignedAfter(sourceCode, unpipedFrom, site)) return true;
  for (const node of descendantsOf(sourceCode, sourceCode.ast, { intoFunctions: true })) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = skipTransparent(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !isSameValue(sourceCode, callee.object, stream)) continue;
    const method = propertyName(callee);
    if (method === 'resume' || method === 'destroy') return true;
    if (method === 'pipe' && node.arguments[0] && !(unpipedFrom && isSameValue(sourceCode, node.arguments[0], unpipedFrom))) {
      return true;
    }
  }
  return false;
}

/** `src.unpipe(out); out = next`: the stream is being switched to another destination, piped elsewhere. */
function isReassignedAfter(sourceCode: SourceCode, destination: TSESTree.Node, site: TSESTree.Node): boolean {
  const target = skipTransparent(destination);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, target);
  const fn = enclosingFunctionOf(site);
  return (variable?.references ?? []).some(
    (reference) =>
      reference.isWrite() && reference.identifier.range[0] >= site.range[1] && (!fn || isWithin(reference.identifier, fn)),
  );
}

function isStreamReference(sourceCode: SourceCode, node: TSESTree.Node, stream: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return false;
  // The object of a member chain is visited on its own; only the outermost match counts once.
  return isSameValue(sourceCode, node, stream) && !(node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.property === node);
}
