import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** The part of the file the user selected (or the cursor), as offsets: the refactor rules' option. */
export interface Selection {
  start: number;
  end: number;
}

export type RefactorContext = Readonly<TSESLint.RuleContext<string, [Selection]>>;

export function selectionOf(context: RefactorContext): Selection {
  return context.options[0];
}

/** Whether the selection touches the node (a cursor right before or after it counts). */
export function touches(selection: Selection, node: TSESTree.Node): boolean {
  return selection.start <= node.range[1] && node.range[0] <= selection.end;
}

export const selectionSchema = [
  {
    type: 'object',
    properties: { start: { type: 'integer' }, end: { type: 'integer' } },
    required: ['start', 'end'],
    additionalProperties: false,
  },
] as const;
