import { AST_NODE_TYPES, type ParserServices, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
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

/** JSDoc type names of Node streams, with the module prefixes code writes them with. */
const jsdocStreamTypes: Record<string, StreamKind> = {
  ...nodeStreamTypes,
  'stream.Readable': 'readable',
  'stream.Writable': 'writable',
  'stream.Duplex': 'duplex',
  'stream.Transform': 'duplex',
  'stream.PassThrough': 'duplex',
  ReadStream: 'readable',
  WriteStream: 'writable',
  'fs.ReadStream': 'readable',
  'fs.WriteStream': 'writable',
  IncomingMessage: 'readable',
  ServerResponse: 'writable',
  ClientRequest: 'writable',
  'http.IncomingMessage': 'readable',
  'http.ServerResponse': 'writable',
  'http.ClientRequest': 'writable',
  'net.Socket': 'duplex',
  'tls.TLSSocket': 'duplex',
};

/** `import('node:stream').Readable` is `stream.Readable`; `?Writable` and `Writable|null` are `Writable`. */
function jsdocTypeKind(text: string): StreamKind | null {
  const members = text
    .replace(/import\(\s*['"](?:node:)?(\w+)['"]\s*\)/g, '$1')
    .split('|')
    .map((member) => member.trim().replace(/^[?!]|=$/g, ''))
    .filter((member) => member !== 'null' && member !== 'undefined');
  const kinds = members.map((member) => jsdocStreamTypes[member] ?? null);
  return kinds.length > 0 && kinds.every((kind) => kind !== null && kind === kinds[0]) ? kinds[0] : null;
}

interface JsdocTypes {
  params: Map<string, StreamKind>;
  returns: StreamKind | null;
}

const jsdocByFunction = new WeakMap<TSESTree.Node, JsdocTypes>();

/**
 * The stream types a function's JSDoc gives its parameters (`@param {Writable} out`) and its
 * result (`@returns {Readable}`): in plain JavaScript they say what a TypeScript annotation says.
 */
export function jsdocStreamTypesOf(sourceCode: Readonly<TSESLint.SourceCode>, fn: TSESTree.Node): JsdocTypes {
  let types = jsdocByFunction.get(fn);
  if (!types) {
    types = { params: new Map(), returns: null };
    const comment = jsdocCommentOf(sourceCode, fn);
    if (comment) {
      for (const match of comment.matchAll(/@(?:param|arg|argument)\s+\{([^}]+)\}\s+\[?([\w$]+)/g)) {
        const kind = jsdocTypeKind(match[1]);
        if (kind) types.params.set(match[2], kind);
      }
      const returned = /@returns?\s+\{([^}]+)\}/.exec(comment);
      types.returns = returned ? jsdocTypeKind(returned[1]) : null;
    }
    jsdocByFunction.set(fn, types);
  }
  return types;
}

/** The `/** … *\/` block right before the function or the statement that declares it. */
function jsdocCommentOf(sourceCode: Readonly<TSESLint.SourceCode>, fn: TSESTree.Node): string | null {
  let holder: TSESTree.Node = fn;
  while (
    holder.parent &&
    (holder.parent.type === AST_NODE_TYPES.VariableDeclarator ||
      holder.parent.type === AST_NODE_TYPES.VariableDeclaration ||
      holder.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      holder.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      holder.parent.type === AST_NODE_TYPES.Property ||
      holder.parent.type === AST_NODE_TYPES.MethodDefinition ||
      (holder.parent.type === AST_NODE_TYPES.AssignmentExpression && holder.parent.right === holder) ||
      (holder.parent.type === AST_NODE_TYPES.ExpressionStatement && holder.type === AST_NODE_TYPES.AssignmentExpression))
  ) {
    holder = holder.parent;
  }
  const last = sourceCode.getCommentsBefore(holder).at(-1);
  return last?.type === 'Block' && last.value.startsWith('*') ? last.value : null;
}
