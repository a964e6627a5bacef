import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { PipeChain } from '../analysis/pipe-chains.js';
import { runsInSameTurn } from '../analysis/late-error-handling.js';
import { enclosingFunctionOf, findVariableOf, skipTransparent, type SourceCode } from '../analysis/syntax/index.js';
import { bindingFor } from './imports.js';
import { errorCallbackText, hasCommentsOutside } from './source-text.js';

export type PipelineForm = 'callback' | 'await';

export function isInAsyncFunction(node: TSESTree.Node): boolean {
  return enclosingFunctionOf(node)?.async === true;
}

/**
 * The forms a chain can be rewritten to: only a plain chain that is a statement of its own, so
 * that nothing reads the value of the last `.pipe()`.
 */
export function pipelineFormsFor(sourceCode: SourceCode, chain: PipeChain): PipelineForm[] {
  const statement = chain.outermost.parent;
  if (!chain.isPlain || statement?.type !== AST_NODE_TYPES.ExpressionStatement) return [];
  if (hasCommentsOutside(sourceCode, statement, chain.stages)) return [];
  if (!takesErrorsInTime(sourceCode, chain.stages, chain.outermost)) return [];
  return isInAsyncFunction(statement) ? ['callback', 'await'] : ['callback'];
}

/**
 * pipeline() takes each stage's errors where it runs (`site`). A stage made in this function before
 * an `await` (or another deferral) could fail before then: a rewrite into pipeline() there would
 * hand its errors over too late (no-late-error-listener), so no rewrite is offered.
 */
export function takesErrorsInTime(sourceCode: SourceCode, stages: TSESTree.Expression[], site: TSESTree.Node): boolean {
  const owner = enclosingFunctionOf(site);
  return stages.every((stage) => {
    const expression = skipTransparent(stage);
    if (expression.type !== AST_NODE_TYPES.Identifier) return true;
    const declaration = findVariableOf(sourceCode, expression)?.defs[0]?.node;
    if (!declaration || enclosingFunctionOf(declaration) !== owner) return true;
    return runsInSameTurn(sourceCode, site, owner ?? sourceCode.ast, declaration.range[1]);
  });
}

/** Replaces `a.pipe(b).pipe(c);` with `pipeline(a, b, c, callback);` or `await pipeline(a, b, c);`. */
export function rewriteAsPipeline(
  sourceCode: SourceCode,
  fixer: TSESLint.RuleFixer,
  chain: PipeChain,
  form: PipelineForm,
): TSESLint.RuleFix[] {
  const statement = chain.outermost.parent as TSESTree.ExpressionStatement;
  const binding = bindingFor(sourceCode, fixer, form === 'await' ? 'stream/promises' : 'stream', 'pipeline');
  if (!binding) return [];
  const stages = chain.stages.map((stage) => sourceCode.getText(stage)).join(', ');
  const text =
    form === 'await'
      ? `await ${binding.expression}(${stages});`
      : `${binding.expression}(${stages}, ${errorCallbackText(sourceCode, statement)});`;
  return [...binding.fixes, fixer.replaceText(statement, text)];
}
