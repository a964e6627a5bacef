import type { JSONSchema, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { rememberLintContext } from '../analysis/origins/library-models.js';
import type { Level } from '../skill-tree.js';

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

/** What a refactor is, for the editor that offers it. */
export interface RefactorDocs {
  description: string;
  /** The level whose users are offered it (hidden with that level); null: offered at every level. */
  level: Level | null;
}

export type RefactorRule<MessageId extends string = string> = TSESLint.RuleModule<MessageId, [Selection], RefactorDocs>;

/**
 * A refactor as an ESLint rule: its messages are the actions' titles, its option the selection.
 * Like the plugin's rules (`createRule`), it hands the analysis the run's settings first.
 */
export function refactorRule<MessageId extends string>(
  docs: RefactorDocs,
  messages: Record<MessageId, string>,
  create: (context: RefactorContext) => TSESLint.RuleListener,
): RefactorRule<MessageId> {
  return {
    defaultOptions: [{ start: 0, end: 0 }],
    meta: {
      type: 'suggestion',
      docs,
      fixable: 'code',
      schema: selectionSchema as unknown as JSONSchema.JSONSchema4[],
      messages,
    },
    create(context) {
      rememberLintContext(context);
      return create(context);
    },
  };
}
