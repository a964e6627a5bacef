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
 * can turn down a top-level variable that resolves to the name but will not do at the use site.
 */
export function bindingFor(
  sourceCode: SourceCode,
  fixer: Fixer,
  moduleName: string,
  exportName: string,
  accepts: (variable: TSESLint.Scope.Variable) => boolean = () => true,
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
  return { expression: exportName, fixes: addImport(sourceCode, fixer, moduleName, exportName) };
}

function topScope(sourceCode: SourceCode): TSESLint.Scope.Scope {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) throw new Error('ESLint gave no scope manager');
  return globalScope.childScopes.find((scope) => scope.type === 'module') ?? globalScope;
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

function addImport(sourceCode: SourceCode, fixer: Fixer, moduleName: string, exportName: string): Fix[] {
  return usesModuleSyntax(sourceCode)
    ? addEsmImport(sourceCode, fixer, moduleName, exportName)
    : addRequire(sourceCode, fixer, moduleName, exportName);
}

function addEsmImport(sourceCode: SourceCode, fixer: Fixer, moduleName: string, exportName: string): Fix[] {
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
  const line = `import { ${exportName} } from '${specifierFor(sourceCode, moduleName)}';`;
  const last = imports.at(-1);
  return [last ? fixer.insertTextAfter(last, `\n${line}`) : insertAtTop(sourceCode, fixer, line)];
}

function addRequire(sourceCode: SourceCode, fixer: Fixer, moduleName: string, exportName: string): Fix[] {
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
  const line = `${keyword} { ${exportName} } = require('${specifierFor(sourceCode, moduleName)}');`;
  const last = requires.at(-1);
  return [last ? fixer.insertTextAfter(last.declaration, `\n${line}`) : insertAtTop(sourceCode, fixer, line)];
}

/** After directives such as `'use strict'`, before the first statement and its leading comments. */
function insertAtTop(sourceCode: SourceCode, fixer: Fixer, line: string): Fix {
  const body = sourceCode.ast.body;
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
