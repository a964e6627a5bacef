import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { findVariableOf, isSingleAssignment, propertyName, skipTransparent, type SourceCode } from './syntax/index.js';

/** Packages that are the same API as a core module under another name. */
const moduleAliases: Record<string, string> = {
  'readable-stream': 'stream',
  'fs/promises': 'fs/promises',
};

/** Names that reach the same function by another path. */
const nameAliases: Record<string, string> = {
  'fs.promises': 'fs/promises',
  'stream.promises': 'stream/promises',
  'stream.Stream': 'stream',
  'stream.default': 'stream',
};

export function canonicalModuleName(specifier: string): string {
  const bare = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
  return moduleAliases[bare] ?? bare;
}

const nameAliasEntries = Object.entries(nameAliases);

function canonicalName(name: string): string {
  for (const [from, to] of nameAliasEntries) {
    if (name === from || name.startsWith(`${from}.`)) return to + name.slice(from.length);
  }
  return name;
}

/** Globals whose members we know (`process.stdout`). */
const knownGlobals = new Set(['process']);

/**
 * The module path a value comes from, such as `fs.createReadStream` or `stream/promises.pipeline`,
 * followed through `require`, `import`, `node:` prefixes, renames, destructuring and aliases.
 */
export function resolveQualifiedName(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  seen?: Set<TSESTree.Node>,
): string | null {
  if (seen) return resolveFrom(sourceCode, node, seen);
  const known = resolvedNames.get(node);
  if (known !== undefined) return known;
  const resolved = resolveFrom(sourceCode, node, new Set());
  resolvedNames.set(node, resolved);
  return resolved;
}

/**
 * Whole resolutions by node: every rule asks about the same callees (the corpus asks about each
 * node 2.5 times), and a node belongs to one parse, so its answer never changes.
 */
const resolvedNames = new WeakMap<TSESTree.Node, string | null>();

function resolveFrom(sourceCode: SourceCode, node: TSESTree.Node, seen: Set<TSESTree.Node>): string | null {
  if (seen.has(node)) return null;
  seen.add(node);
  const target = skipTransparent(node);
  switch (target.type) {
    case AST_NODE_TYPES.Identifier:
      return resolveIdentifier(sourceCode, target, seen);
    case AST_NODE_TYPES.MemberExpression: {
      const property = propertyName(target);
      const base = property && resolveQualifiedName(sourceCode, target.object, seen);
      return base ? canonicalName(`${base}.${property}`) : null;
    }
    case AST_NODE_TYPES.CallExpression:
      return resolveCall(sourceCode, target, seen);
    case AST_NODE_TYPES.AwaitExpression:
      return target.argument.type === AST_NODE_TYPES.ImportExpression
        ? moduleOfSource(target.argument.source)
        : null;
    case AST_NODE_TYPES.TSQualifiedName: {
      const base =
        target.left.type === AST_NODE_TYPES.Identifier && target.left.name === 'NodeJS'
          ? 'NodeJS'
          : resolveQualifiedName(sourceCode, target.left, seen);
      return base ? canonicalName(`${base}.${target.right.name}`) : null;
    }
    default:
      return null;
  }
}

function moduleOfSource(source: TSESTree.Node): string | null {
  return source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string'
    ? canonicalModuleName(source.value)
    : null;
}

function resolveCall(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  seen: Set<TSESTree.Node>,
): string | null {
  const [first] = call.arguments;
  if (call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'require' && first) {
    return moduleOfSource(first);
  }
  // `promisify(stream.pipeline)` is the promise form of the same function.
  if (first && resolveQualifiedName(sourceCode, call.callee, seen) === 'util.promisify') {
    const wrapped = resolveQualifiedName(sourceCode, first, seen);
    if (wrapped === 'stream.pipeline' || wrapped === 'stream.finished') {
      return wrapped.replace('stream.', 'stream/promises.');
    }
  }
  return null;
}

function resolveIdentifier(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
  seen: Set<TSESTree.Node>,
): string | null {
  const variable = findVariableOf(sourceCode, identifier);
  if (!variable || variable.defs.length === 0) {
    return knownGlobals.has(identifier.name) ? identifier.name : null;
  }
  if (!isSingleAssignment(variable)) return null;
  const definition = variable.defs[0];
  if (definition.type === 'ImportBinding') return resolveImport(definition.node);
  if (definition.type !== 'Variable' || !definition.node.init) return null;
  const base = resolveQualifiedName(sourceCode, definition.node.init, seen);
  if (!base) return null;
  const path = destructuringPath(definition.name, definition.node.id);
  return path ? canonicalName([base, ...path].join('.')) : null;
}

function resolveImport(
  specifier: TSESTree.ImportClause | TSESTree.TSImportEqualsDeclaration,
): string | null {
  if (specifier.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
    const reference = specifier.moduleReference;
    return reference.type === AST_NODE_TYPES.TSExternalModuleReference
      ? moduleOfSource(reference.expression)
      : null;
  }
  const declaration = specifier.parent;
  const moduleName = declaration.source && moduleOfSource(declaration.source);
  if (!moduleName) return null;
  if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) return moduleName;
  const imported =
    specifier.imported.type === AST_NODE_TYPES.Identifier
      ? specifier.imported.name
      : String(specifier.imported.value);
  return imported === 'default' ? moduleName : canonicalName(`${moduleName}.${imported}`);
}

/**
 * The property keys from the root of a destructuring pattern down to `name`:
 * `const { promises: { open } } = fs` gives `['promises', 'open']`. Null for array patterns.
 */
function destructuringPath(name: TSESTree.Node, root: TSESTree.Node): string[] | null {
  const path: string[] = [];
  let current: TSESTree.Node = name;
  while (current !== root) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return null;
    if (parent.type === AST_NODE_TYPES.Property) {
      if (parent.value !== current) return null;
      const key = parent.key;
      if (parent.computed && key.type !== AST_NODE_TYPES.Literal) return null;
      if (key.type === AST_NODE_TYPES.Identifier) path.unshift(key.name);
      else if (key.type === AST_NODE_TYPES.Literal) path.unshift(String(key.value));
      else return null;
    } else if (parent.type === AST_NODE_TYPES.AssignmentPattern) {
      if (parent.left !== current) return null;
    } else if (parent.type !== AST_NODE_TYPES.ObjectPattern) {
      return null;
    }
    current = parent;
  }
  return path;
}

/**
 * The module specifier as the code writes it (`readable-stream`, `node:stream`) of the `require`
 * or `import` a value comes from, through the same paths as `resolveQualifiedName`. Where that
 * function merges look-alike packages with the core module, this tells them apart.
 */
export function moduleSpecifierOf(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  seen: Set<TSESTree.Node> = new Set(),
): string | null {
  if (seen.has(node)) return null;
  seen.add(node);
  const target = skipTransparent(node);
  switch (target.type) {
    case AST_NODE_TYPES.Identifier:
      return identifierSpecifier(sourceCode, target, seen);
    case AST_NODE_TYPES.MemberExpression:
      return moduleSpecifierOf(sourceCode, target.object, seen);
    case AST_NODE_TYPES.CallExpression: {
      const [first] = target.arguments;
      if (!first) return null;
      if (target.callee.type === AST_NODE_TYPES.Identifier && target.callee.name === 'require') return literalText(first);
      // `promisify(stream.pipeline)` comes from where the wrapped function does.
      return resolveQualifiedName(sourceCode, target.callee) === 'util.promisify'
        ? moduleSpecifierOf(sourceCode, first, seen)
        : null;
    }
    case AST_NODE_TYPES.AwaitExpression:
      return target.argument.type === AST_NODE_TYPES.ImportExpression ? literalText(target.argument.source) : null;
    default:
      return null;
  }
}

function literalText(node: TSESTree.Node): string | null {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' ? node.value : null;
}

function identifierSpecifier(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
  seen: Set<TSESTree.Node>,
): string | null {
  const variable = findVariableOf(sourceCode, identifier);
  if (!variable || variable.defs.length === 0 || !isSingleAssignment(variable)) return null;
  const definition = variable.defs[0];
  if (definition.type === 'ImportBinding') {
    const specifier = definition.node;
    if (specifier.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = specifier.moduleReference;
      return reference.type === AST_NODE_TYPES.TSExternalModuleReference ? literalText(reference.expression) : null;
    }
    return specifier.parent.source ? literalText(specifier.parent.source) : null;
  }
  return definition.type === 'Variable' && definition.node.init
    ? moduleSpecifierOf(sourceCode, definition.node.init, seen)
    : null;
}
