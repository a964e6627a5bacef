import type { ParserServices, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import type { StreamKind } from './stream-kind.js';

/** Classes and interfaces of `@types/node` that are streams, by the kind of stream they are. */
const nodeStreamTypes: Record<string, StreamKind> = {
  Readable: 'readable',
  Writable: 'writable',
  Duplex: 'duplex',
  Transform: 'duplex',
  PassThrough: 'duplex',
  'NodeJS.ReadableStream': 'readable',
  'NodeJS.WritableStream': 'writable',
  'NodeJS.ReadWriteStream': 'duplex',
};

/**
 * The type checker of the file, when the parser was given a program. Plain JS, a parser without
 * `project` settings and oxlint all give none, and then every question here answers "unknown".
 */
export function typeServicesOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
): ParserServices | null {
  const services = sourceCode.parserServices as Partial<ParserServices> | undefined;
  return services?.program ? (services as ParserServices) : null;
}

export function streamKindOfType(services: ParserServices, node: TSESTree.Node): StreamKind | null {
  if (!services.program) return null;
  const tsNode = services.esTreeNodeToTSNodeMap.get(node);
  if (!tsNode) return null;
  const checker = services.program.getTypeChecker();
  return kindOfType(checker, checker.getTypeAtLocation(tsNode), new Set());
}

function kindOfType(checker: ts.TypeChecker, type: ts.Type, seen: Set<ts.Type>): StreamKind | null {
  if (seen.has(type)) return null;
  seen.add(type);
  if (type.isUnion()) {
    // `Readable | undefined` is still a readable; a union of unrelated types is not a stream.
    const kinds = type.types.map((member) => kindOfType(checker, member, seen));
    const known = kinds.filter((kind): kind is StreamKind => kind !== null);
    return known.length > 0 && known.every((kind) => kind === known[0]) ? known[0] : null;
  }
  const own = kindOfSymbol(checker, type.getSymbol());
  if (own) return own;
  const target = (type as ts.TypeReference).target ?? type;
  if (!target.isClassOrInterface()) return null;
  for (const base of checker.getBaseTypes(target)) {
    const kind = kindOfType(checker, base, seen);
    if (kind) return kind;
  }
  return null;
}

function kindOfSymbol(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): StreamKind | null {
  if (!symbol) return null;
  const declaredByNode = symbol
    .getDeclarations()
    ?.some((declaration) => /[\\/]@types[\\/]node[\\/]/.test(declaration.getSourceFile().fileName));
  if (!declaredByNode) return null;
  const qualified = checker.getFullyQualifiedName(symbol);
  if (qualified.startsWith('NodeJS.')) return nodeStreamTypes[qualified] ?? null;
  return nodeStreamTypes[symbol.getName()] ?? null;
}
