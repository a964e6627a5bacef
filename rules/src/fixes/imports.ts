import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { canonicalModuleName, resolveQualifiedName } from '../analysis/module-bindings.js';
import type { SourceCode } from '../analysis/syntax/index.js';

type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/** How to reach a function of a core module from anywhere in the file, and what it takes. */
export interface Binding {
  /** The expression to call: `pipeline`, `stream.pipeline`, `streamPromises.pipeline`. */
  expression: string;
  /** The import to add, if the file has none that fits. */
  fixes: Fix[];
}

/**
 * Finds or adds a binding for `moduleName.exportName` in the file's own module style (`import` or
 * `require`, with or without `node:`). Null when the name is taken by something else. `accepts`
 * can turn down a top-level variable that resolves to the name but will not do at the use site;
 * `removing` are import statements the same fix deletes.
 */
export function bindingFor(
  sourceCode: SourceCode,
  fixer: Fixer,
  moduleName: string,
  exportName: string,
  accepts: (variable: TSESLint.Scope.Variable) => boolean = () => true,
  removing: ReadonlySet<TSESTree.Node> = new Set(),
): Binding | null {
  const wanted = `${moduleName}.${exportName}`;
  const moduleScope = topScope(sourceCode);
  for (const variable of moduleScope.variables) {
    const identifier = variable.identifiers[0];
    if (!identifier || !accepts(variable)) continue;
    const resolved = resolveQualifiedName(sourceCode, identifier);
    if (resolved === wanted) return { expression: variable.name, fixes: [] };
    if (resolved === moduleName) return { expression: `${variable.name}.${exportName}`, fixes: [] };
  }
  if (isNameTaken(sourceCode, exportName)) return null;
  return { expression: exportName, fixes: addImport(sourceCode, fixer, moduleName, exportName, removing) };
}

function topScope(sourceCode: SourceCode): TSESLint.Scope.Scope {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) throw new Error('ESLint gave no scope manager');
  // An ES module's scope, or the function scope ESLint wraps a CommonJS file in.
  return (
    globalScope.childScopes.find(
      (scope) => scope.type === 'module' || (scope.type === 'function' && scope.block.type === AST_NODE_TYPES.Program),
    ) ?? globalScope
  );
}

function isNameTaken(sourceCode: SourceCode, name: string): boolean {
  const manager = sourceCode.scopeManager;
  if (!manager) return true;
  return (
    manager.scopes.some((scope) => scope.set.has(name)) ||
    (manager.globalScope?.through.some((reference) => reference.identifier.name === name) ?? true)
  );
}

export function usesModuleSyntax(sourceCode: SourceCode): boolean {
  const body = sourceCode.ast.body;
  if (body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration)) return true;
  if (topLevelRequires(sourceCode).length > 0 || sourceCode.text.includes('require(')) return false;
  return sourceCode.ast.sourceType === 'module';
}

interface RequireDeclaration {
  declaration: TSESTree.VariableDeclaration;
  declarator: TSESTree.VariableDeclarator;
  source: string;
}

function topLevelRequires(sourceCode: SourceCode): RequireDeclaration[] {
  const found: RequireDeclaration[] = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init;
      if (
        init?.type === AST_NODE_TYPES.CallExpression &&
        init.callee.type === AST_NODE_TYPES.Identifier &&
        init.callee.name === 'require' &&
        init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
        typeof init.arguments[0].value === 'string'
      ) {
        found.push({ declaration: statement, declarator, source: init.arguments[0].value });
      }
    }
  }
  return found;
}

function moduleSources(sourceCode: SourceCode): string[] {
  const imports = sourceCode.ast.body.flatMap((statement) =>
    statement.type === AST_NODE_TYPES.ImportDeclaration ? [statement.source.value] : [],
  );
  return [...imports, ...topLevelRequires(sourceCode).map((each) => each.source)];
}

/** `node:stream` when the file writes core modules that way or writes none; `stream` otherwise. */
export function specifierFor(sourceCode: SourceCode, moduleName: string): string {
  const sources = moduleSources(sourceCode);
  const bareCore = sources.some((source) => !source.startsWith('node:') && /^(fs|stream|events|zlib|http|https|net|path|util|crypto|os|child_process)(\/|$)/.test(source));
  const prefixed = sources.some((source) => source.startsWith('node:'));
  return bareCore && !prefixed ? moduleName : `node:${moduleName}`;
}

function addImport(sourceCode: SourceCode, fixer: Fixer, moduleName: string, exportName: string, removing: ReadonlySet<TSESTree.Node>): Fix[] {
  return usesModuleSyntax(sourceCode)
    ? addEsmImport(sourceCode, fixer, moduleName, exportName, removing)
    : addRequire(sourceCode, fixer, moduleName, exportName, removing);
}

function addEsmImport(sourceCode: SourceCode, fixer: Fixer, moduleName: string, exportName: string, removing: ReadonlySet<TSESTree.Node>): Fix[] {
  const imports = sourceCode.ast.body.filter(
    (statement): statement is TSESTree.ImportDeclaration => statement.type === AST_NODE_TYPES.ImportDeclaration,
  );
  const sameModule = imports.find(
    (declaration) =>
      canonicalModuleName(declaration.source.value) === moduleName &&
      declaration.importKind !== 'type' &&
      declaration.specifiers.length > 0 &&
      declaration.specifiers.every((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier),
  );
  if (sameModule) return [fixer.insertTextAfter(sameModule.specifiers.at(-1)!, `, ${exportName}`)];
  return [insertStatementAfterImports(sourceCode, fixer, `import { ${exportName} } from '${specifierFor(sourceCode, moduleName)}';`, removing)];
}

function addRequire(sourceCode: SourceCode, fixer: Fixer, moduleName: string, exportName: string, removing: ReadonlySet<TSESTree.Node>): Fix[] {
  const requires = topLevelRequires(sourceCode);
  const sameModule = requires.find(
    (each) =>
      canonicalModuleName(each.source) === moduleName &&
      each.declarator.id.type === AST_NODE_TYPES.ObjectPattern &&
      each.declarator.id.properties.length > 0 &&
      each.declarator.id.properties.every((property) => property.type === AST_NODE_TYPES.Property),
  );
  if (sameModule && sameModule.declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
    return [fixer.insertTextAfter(sameModule.declarator.id.properties.at(-1)!, `, ${exportName}`)];
  }
  const keyword = requires[0]?.declaration.kind ?? 'const';
  return [insertStatementAfterImports(sourceCode, fixer, `${keyword} { ${exportName} } = require('${specifierFor(sourceCode, moduleName)}');`, removing)];
}

/** After directives such as `'use strict'`, before the first statement and its leading comments. */
function insertAtTop(sourceCode: SourceCode, fixer: Fixer, line: string, body: TSESTree.ProgramStatement[] = sourceCode.ast.body): Fix {
  const directives = body.filter(
    (statement) => statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined,
  );
  const lastDirective = directives.at(-1);
  if (lastDirective) return fixer.insertTextAfter(lastDirective, `\n${line}`);
  const first = body[0];
  if (!first) return fixer.insertTextAfterRange([sourceCode.text.length, sourceCode.text.length], `${line}\n`);
  // A header comment (licence, shebang) stays on top; the import goes right above the code.
  return fixer.insertTextBefore(first, `${line}\n`);
}

/**
 * Where a new import or require statement goes: after the file's last one of that style, else
 * above its first statement (after directives). Statements in `removing` are not anchors, since
 * the same fix deletes them; when all go, the new one takes the place of the first.
 */
export function insertStatementAfterImports(
  sourceCode: SourceCode,
  fixer: Fixer,
  line: string,
  removing: ReadonlySet<TSESTree.Node> = new Set(),
): Fix {
  const anchors: TSESTree.Node[] = usesModuleSyntax(sourceCode)
    ? sourceCode.ast.body.filter((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration)
    : topLevelRequires(sourceCode).map((each) => each.declaration);
  const last = anchors.filter((statement) => !removing.has(statement)).at(-1);
  if (last) return fixer.insertTextAfter(last, `\n${line}`);
  // Every import goes: the new one takes the place of the first.
  const first = anchors[0];
  if (first) return fixer.insertTextBeforeRange([first.range[0], first.range[0]], `${line}\n`);
  const kept = sourceCode.ast.body.filter((statement) => !removing.has(statement));
  return insertAtTop(sourceCode, fixer, line, kept);
}

/**
 * A whole top-level statement, with the line break after it; between two blank lines, with one
 * of them: the code around is spaced as before.
 */
export function removeStatement(sourceCode: SourceCode, fixer: Fixer, statement: TSESTree.Node): Fix {
  const text = sourceCode.text;
  const lineEnd = /^[ \t]*\r?\n/.exec(text.slice(statement.range[1]));
  let end = statement.range[1] + (lineEnd?.[0].length ?? 0);
  const blankAfter = lineEnd ? /^[ \t]*\r?\n/.exec(text.slice(end)) : null;
  if (blankAfter && /(^|\n)[ \t]*\r?\n[ \t]*$/.test(text.slice(0, statement.range[0]))) end += blankAfter[0].length;
  return fixer.removeRange([statement.range[0], end]);
}

export interface ImportRemoval {
  fixes: Fix[];
  /** The statements these fixes delete whole. */
  removed: Set<TSESTree.Node>;
}

/**
 * Removes the imports and requires that only `replaced` uses, so that a fix rewriting that code
 * leaves no unused binding behind. A statement with a comment, or whose bindings cannot be taken
 * apart cleanly (a default import beside named ones, a rest pattern), is left alone.
 */
export function removeImportsOnlyUsedIn(
  sourceCode: SourceCode,
  fixer: Fixer,
  replaced: TSESTree.Node,
  alongside: readonly Fix[] = [],
): ImportRemoval {
  const isInside = (node: TSESTree.Node) => node.range[0] >= replaced.range[0] && node.range[1] <= replaced.range[1];
  const unused = new Set<ScopeVariable | TSESLint.Scope.Variable>(
    topScope(sourceCode).variables.filter((variable) => {
      // `const { a } = require('m')` writes `a` once where it is declared: that is not a use.
      const uses = variable.references.filter((reference) => !reference.init);
      return (
        uses.length > 0 &&
        uses.every((reference) => isInside(reference.identifier)) &&
        variable.defs.every((definition) => !isInside(definition.name))
      );
    }),
  );
  const removal: ImportRemoval = { fixes: [], removed: new Set() };
  if (unused.size === 0) return removal;
  for (const statement of sourceCode.ast.body) {
    if (isInside(statement)) continue;
    const parts = bindingParts(sourceCode, statement);
    if (!parts || sourceCode.getCommentsInside(statement).length > 0 || hasCommentOnItsLines(sourceCode, statement)) continue;
    const gone = new Set(parts.filter((part) => part.variables.every((variable) => unused.has(variable))));
    if (gone.size === 0) continue;
    let fix: Fix;
    if (gone.size === parts.length) {
      fix = removeStatement(sourceCode, fixer, statement);
    } else {
      const listed = parts.filter((part) => part.listed);
      if (![...gone].every((part) => part.listed)) continue;
      // The `{ … }` list is written again without the unused names, in its own layout.
      const separator = sourceCode.text.slice(listed[0].node.range[1], listed[1].node.range[0]);
      const kept = listed.filter((part) => !gone.has(part)).map((part) => sourceCode.getText(part.node));
      fix = fixer.replaceTextRange([listed[0].node.range[0], listed.at(-1)!.node.range[1]], kept.join(separator));
    }
    // ESLint refuses a fix whose parts touch: an import inserted after this one keeps it.
    if (alongside.some((other) => !(other.range[1] <= fix.range[0] || other.range[0] >= fix.range[1]))) continue;
    removal.fixes.push(fix);
    if (gone.size === parts.length) removal.removed.add(statement);
  }
  return removal;
}

/** A variable as the scope manager of the file's parser gives it. */
type ScopeVariable = ReturnType<SourceCode['getDeclaredVariables']>[number];

interface BindingPart {
  node: TSESTree.Node;
  variables: readonly ScopeVariable[];
  /** One of two or more names in a `{ … }` list, which can lose it and stay valid. */
  listed: boolean;
}

/** The bindings of an `import` with names, or of a lone `const … = require('…')`: one part each. */
function bindingParts(sourceCode: SourceCode, statement: TSESTree.ProgramStatement): BindingPart[] | null {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
    if (statement.specifiers.length === 0) return null;
    const named = statement.specifiers.filter((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier).length;
    return statement.specifiers.map((specifier) => ({
      node: specifier,
      variables: sourceCode.getDeclaredVariables(specifier),
      listed: specifier.type === AST_NODE_TYPES.ImportSpecifier && named > 1,
    }));
  }
  const required = topLevelRequires(sourceCode).find((each) => each.declaration === statement);
  if (!required || required.declaration.declarations.length !== 1) return null;
  const variables = sourceCode.getDeclaredVariables(required.declarator);
  const pattern = required.declarator.id;
  if (pattern.type === AST_NODE_TYPES.Identifier) return [{ node: pattern, variables, listed: false }];
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return null;
  const parts: BindingPart[] = [];
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.value.type !== AST_NODE_TYPES.Identifier) return null;
    const name = property.value.name;
    parts.push({ node: property, variables: variables.filter((variable) => variable.name === name), listed: pattern.properties.length > 1 });
  }
  return parts;
}

function hasCommentOnItsLines(sourceCode: SourceCode, statement: TSESTree.Node): boolean {
  return [...sourceCode.getCommentsBefore(statement), ...sourceCode.getCommentsAfter(statement)].some(
    (comment) => comment.loc.end.line === statement.loc.start.line || comment.loc.start.line === statement.loc.end.line,
  );
}
