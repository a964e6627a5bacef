import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { hasOwnErrorListener, isFunction, resolveQualifiedName, skipTransparent, type SourceCode } from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import { indentOf, indentUnit } from '../fixes/source-text.js';

type MessageIds = 'ignoredError' | 'logError';

const pipelineFunctions = new Set(['stream.pipeline']);

export default createRule<[], MessageIds>({
  name: 'no-ignored-pipeline-error',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the callback of pipeline() to read its error argument',
      level: 'intermediate',
      topic: 'error handling',
      recommended: 'strict',
    },
    hasSuggestions: true,
    messages: {
      ignoredError: "This 'pipeline()' callback never reads its error: a failed pipeline runs the success path.",
      logError: 'Receive the error and log it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        if (node.arguments.length < 2) return;
        const last = skipTransparent(node.arguments.at(-1)!);
        if (!isFunction(last)) return;
        const qualified = resolveQualifiedName(sourceCode, node.callee);
        if (!qualified || !pipelineFunctions.has(qualified)) return;
        const [first] = last.params;
        if (first && !isIgnoredParameter(sourceCode, last, first)) return;
        // `arguments` reads every parameter.
        if (last.type !== AST_NODE_TYPES.ArrowFunctionExpression && sourceCode.getText(last.body).includes('arguments')) return;
        // Every stream's failure is heard by a listener of its own (rejecting, calling back): the
        // callback is left empty on purpose, often to ignore the premature close of a teardown.
        if (node.arguments.slice(0, -1).every((stream) => hasOwnErrorListener(sourceCode, stream))) return;
        const errorName = first?.type === AST_NODE_TYPES.Identifier ? first.name : 'error';
        context.report({
          node: first ?? last,
          messageId: 'ignoredError',
          suggest:
            last.body.type === AST_NODE_TYPES.BlockStatement && (first || last.params.length === 0)
              ? [
                  {
                    messageId: 'logError',
                    fix: (fixer) => {
                      const body = last.body as TSESTree.BlockStatement;
                      const indent = indentOf(sourceCode, body.body[0] ?? node) + (body.body[0] ? '' : indentUnit(sourceCode));
                      const guard = `\n${indent}if (${errorName}) console.error(${errorName});`;
                      const fixes = [fixer.insertTextAfterRange([body.range[0], body.range[0] + 1], guard)];
                      if (!first) fixes.push(parameterFix(sourceCode, fixer, last));
                      return fixes;
                    },
                  },
                ]
              : [],
        });
      },
    };
  },
});

/** A parameter nobody reads; a name that starts with `_` says the author chose to ignore it. */
function isIgnoredParameter(sourceCode: SourceCode, fn: TSESTree.FunctionLike, parameter: TSESTree.Parameter): boolean {
  if (parameter.type !== AST_NODE_TYPES.Identifier || parameter.name.startsWith('_')) return false;
  const variable = sourceCode.getDeclaredVariables(fn).find((each) => each.name === parameter.name);
  return variable !== undefined && variable.references.every((reference) => !reference.isRead());
}

/** `() =>` becomes `(error) =>`, `function ()` becomes `function (error)`. */
function parameterFix(
  sourceCode: SourceCode,
  fixer: TSESLint.RuleFixer,
  fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration,
) {
  const opening = sourceCode.getTokenBefore(fn.body, (token) => token.value === ')')!;
  return fixer.insertTextBefore(opening, 'error');
}
