import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, propertyName, skipTransparent, type FunctionNode, type SourceCode } from './nodes.js';

export function findVariableOf(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Variable | null {
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
}

/** A variable that is written once, where it is declared. */
export function isSingleAssignment(variable: TSESLint.Scope.Variable): boolean {
  return variable.defs.length === 1 && !variable.references.some((ref) => ref.isWrite() && !ref.init);
}

/** The expression a const-like variable was initialised with. */
export function initializerOf(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.Expression | null {
  const target = skipTransparent(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, target);
  if (!variable || !isSingleAssignment(variable)) return null;
  const definition = variable.defs[0];
  if (definition.type !== 'Variable' || definition.node.id !== definition.name) return null;
  return definition.node.init;
}

/** The function a name is declared as, once and for all: `function f() {}`, `const f = () => …`. */
export function localFunctionOf(sourceCode: SourceCode, callee: TSESTree.Identifier): FunctionNode | null {
  const variable = findVariableOf(sourceCode, callee);
  if (!variable || !isSingleAssignment(variable)) return null;
  const definition = variable.defs[0];
  // `declare function f()` has no body to look into.
  if (definition.type === 'FunctionName') return isFunction(definition.node) ? definition.node : null;
  if (definition.type !== 'Variable' || !definition.node.init) return null;
  const init = skipTransparent(definition.node.init);
  return isFunction(init) ? init : null;
}

/** The calls a function is handed to as an argument: inline, or by the name it is declared under. */
export function listenerSites(sourceCode: SourceCode, fn: FunctionNode): TSESTree.CallExpression[] {
  if (fn.parent?.type === AST_NODE_TYPES.CallExpression && fn.parent.arguments.includes(fn as TSESTree.Expression)) {
    return [fn.parent];
  }
  const variables: TSESLint.Scope.Variable[] =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? [...sourceCode.getDeclaredVariables(fn)]
      : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator
        ? [...sourceCode.getDeclaredVariables(fn.parent)]
        : [];
  const sites: TSESTree.CallExpression[] = [];
  for (const reference of variables.flatMap((variable) => variable.references)) {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(reference.identifier as TSESTree.Expression)) {
      sites.push(parent);
    }
  }
  return sites;
}

/** Whether two expressions name the same value: one variable, or one path of properties from it. */
export function isSameValue(sourceCode: SourceCode, first: TSESTree.Node, second: TSESTree.Node): boolean {
  const a = skipTransparent(first);
  const b = skipTransparent(second);
  if (a.type === AST_NODE_TYPES.ThisExpression && b.type === AST_NODE_TYPES.ThisExpression) return true;
  if (a.type === AST_NODE_TYPES.Identifier && b.type === AST_NODE_TYPES.Identifier) {
    if (a.name !== b.name) return false;
    return findVariableOf(sourceCode, a) === findVariableOf(sourceCode, b);
  }
  if (a.type === AST_NODE_TYPES.MemberExpression && b.type === AST_NODE_TYPES.MemberExpression) {
    const property = propertyName(a);
    return property !== null && property === propertyName(b) && isSameValue(sourceCode, a.object, b.object);
  }
  return false;
}
