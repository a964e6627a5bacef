import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveQualifiedName } from './module-bindings.js';
import { conventionalParameter, streamCreationOf, streamKindOf } from './stream-sources.js';
import { findVariableOf, initializerOf, propertyName, skipTransparent, staticString, type SourceCode } from './syntax/index.js';

/** Factories whose streams deliver Buffers unless given an encoding. */
const byteFactories = new Set([
  'fs.createReadStream',
  'net.connect',
  'net.createConnection',
  'tls.connect',
  'zlib.createGunzip',
  'zlib.createInflate',
  'zlib.createInflateRaw',
  'zlib.createUnzip',
  'zlib.createBrotliDecompress',
]);

/**
 * Whether a readable is known to deliver Buffer chunks: a file, a socket, a decompressor, standard
 * input, a child's output, or the request or socket an http or net server hands over. Streams of
 * unknown object mode (`Readable.from`, `new Transform`) are not known to; `setEncoding()` calls
 * are the caller's to look for.
 */
export function deliversBytes(sourceCode: SourceCode, stream: TSESTree.Node): boolean {
  const target = skipTransparent(stream);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariableOf(sourceCode, target);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : null;
    if (definition?.type === 'Parameter') return conventionalParameter(sourceCode, definition.name) !== null;
    const initializer = initializerOf(sourceCode, target);
    return initializer !== null && deliversBytes(sourceCode, initializer);
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const property = propertyName(target);
    // `process.stdin`, `child.stdout`, `child.stderr`.
    return (property === 'stdin' || property === 'stdout' || property === 'stderr') && streamKindOf(sourceCode, target) === 'readable';
  }
  if (target.type !== AST_NODE_TYPES.CallExpression || !streamCreationOf(sourceCode, target)) return false;
  const factory = resolveQualifiedName(sourceCode, target.callee);
  if (!factory || !byteFactories.has(factory)) return false;
  return factory !== 'fs.createReadStream' || !hasEncodingOption(target.arguments[1]);
}

/** `createReadStream(path, 'utf8')` or `{ encoding: … }` (or options we cannot read). */
function hasEncodingOption(options: TSESTree.Node | undefined): boolean {
  if (!options) return false;
  const target = skipTransparent(options);
  if (staticString(target) !== null) return true;
  if (target.type !== AST_NODE_TYPES.ObjectExpression) return true;
  return target.properties.some(
    (property) =>
      property.type !== AST_NODE_TYPES.Property ||
      (property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'encoding') ||
      staticString(property.key) === 'encoding',
  );
}
