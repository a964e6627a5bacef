import type { TSESTree } from '@typescript-eslint/utils';
import { isFunction, type FunctionNode, type SourceCode } from './nodes.js';

/**
 * Every node below `root`, in source order. Nested functions are entered only when asked: their
 * body runs at another time, so most questions about "this code" stop at them.
 */
export function* descendantsOf(
  sourceCode: SourceCode,
  root: TSESTree.Node,
  options: { intoFunctions: boolean },
): Generator<TSESTree.Node> {
  for (const key of sourceCode.visitorKeys[root.type] ?? []) {
    const value = (root as unknown as Record<string, unknown>)[key];
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (!isNode(child)) continue;
      yield child;
      if (!options.intoFunctions && isFunction(child)) continue;
      yield* descendantsOf(sourceCode, child, options);
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The function whose body holds `node`, or null at the top level of the file. */
export function enclosingFunctionOf(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
  }
  return null;
}

/** Whether `inner` lies inside `outer` (or is it). */
export function isWithin(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}
