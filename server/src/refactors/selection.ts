import type { JSONSchema, TSESLint, TSESTree } from '@typescript-eslint/utils';

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

const selectionSchema = [
  {
    type: 'object',
    properties: { start: { type: 'integer' }, end: { type: 'integer' } },
    required: ['start', 'end'],
    additionalProperties: false,
  },
] as const;

/** A refactor as an ESLint rule: its messages are the actions' titles, its option the selection. */
export function refactorRule<MessageId extends string>(
  messages: Record<MessageId, string>,
  create: (context: RefactorContext) => TSESLint.RuleListener,
): TSESLint.RuleModule<MessageId, [Selection]> {
  return {
    defaultOptions: [{ start: 0, end: 0 }],
    meta: {
      type: 'suggestion',
      fixable: 'code',
      schema: selectionSchema as unknown as JSONSchema.JSONSchema4[],
      messages,
    },
    create,
  };
}
