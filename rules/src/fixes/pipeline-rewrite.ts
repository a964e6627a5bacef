import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { PipeChain } from '../analysis/pipe-chains.js';
import { enclosingFunctionOf, type SourceCode } from '../analysis/syntax/index.js';
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
  return isInAsyncFunction(statement) ? ['callback', 'await'] : ['callback'];
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
