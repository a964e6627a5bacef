import type { TSESTree } from '@typescript-eslint/utils';
import type { SourceCode } from '../analysis/syntax/index.js';

/** The white space that starts the line `node` starts on. */
export function indentOf(sourceCode: SourceCode, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] ?? '';
}

/** The unit of indentation the file uses, guessed from its first indented line. */
export function indentUnit(sourceCode: SourceCode): string {
  for (const line of sourceCode.lines) {
    const indent = /^(\t| +)\S/.exec(line)?.[1];
    if (indent) return indent.startsWith('\t') ? '\t' : ' '.repeat(Math.min(indent.length, 4));
  }
  return '  ';
}

/**
 * The callback our fixes give pipeline() and finished(): it logs the error, which the code
 * dropped before, and is written over three lines at the indent of the line `node` starts on.
 */
export function errorCallbackText(sourceCode: SourceCode, node: TSESTree.Node): string {
  const indent = indentOf(sourceCode, node);
  return `(error) => {\n${indent}${indentUnit(sourceCode)}if (error) console.error(error);\n${indent}}`;
}

/** Whether some comment lies inside `outer` but inside none of `kept`: a rewrite would drop it. */
export function hasCommentsOutside(
  sourceCode: SourceCode,
  outer: TSESTree.Node,
  kept: readonly TSESTree.Node[],
): boolean {
  return sourceCode
    .getCommentsInside(outer)
    .some((comment) => !kept.some((node) => node.range[0] <= comment.range[0] && comment.range[1] <= node.range[1]));
}
