import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { propertyName } from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type MessageIds = 'internalState' | 'useGetter';

type StateName = '_readableState' | '_writableState';

/** Fields whose public getter returns exactly the field (checked against Node 20's getters). */
const exactGetters: Record<StateName, Record<string, string>> = {
  _readableState: {
    length: 'readableLength',
    flowing: 'readableFlowing',
    highWaterMark: 'readableHighWaterMark',
    objectMode: 'readableObjectMode',
    encoding: 'readableEncoding',
    endEmitted: 'readableEnded',
    dataEmitted: 'readableDidRead',
    errored: 'errored',
    closed: 'closed',
  },
  _writableState: {
    length: 'writableLength',
    highWaterMark: 'writableHighWaterMark',
    objectMode: 'writableObjectMode',
    finished: 'writableFinished',
    ending: 'writableEnded',
    corked: 'writableCorked',
  },
};

/**
 * Fields with a getter that differs at the edges: `writableNeedDrain` is false once the stream
 * ends or is destroyed, and on a Duplex `destroyed`, `errored` and `closed` read the other side
 * too. A suggestion, not a fix.
 */
const nearGetters: Record<StateName, Record<string, string>> = {
  _readableState: { destroyed: 'destroyed' },
  _writableState: { needDrain: 'writableNeedDrain', destroyed: 'destroyed', errored: 'errored', closed: 'closed' },
};

export default createRule<[], MessageIds>({
  name: 'no-stream-internals',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow reading _readableState and _writableState: use the public getters',
      level: 'advanced',
      topic: 'performance',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      internalState:
        "'{{state}}' is internal to Node: its fields change between versions (Node 20 packs the writable flags into a bit field) and may vanish. Use the stream's public properties.",
      useGetter: "Read '{{getter}}' instead.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      MemberExpression(node) {
        const state = propertyName(node);
        if (state !== '_readableState' && state !== '_writableState') return;
        const field = fieldRead(node);
        const fieldName = field && propertyName(field);
        const exact = fieldName ? exactGetters[state][fieldName] : undefined;
        const near = fieldName ? nearGetters[state][fieldName] : undefined;
        // From `_readableState` to the field's end: the receiver keeps its own text and parentheses.
        const range = (end: TSESTree.Node): [number, number] => [node.property.range[0], end.range[1]];
        context.report({
          node: field ?? node,
          messageId: 'internalState',
          data: { state },
          fix: field && exact ? (fixer) => fixer.replaceTextRange(range(field), exact) : null,
          suggest:
            field && near
              ? [{ messageId: 'useGetter', data: { getter: near }, fix: (fixer) => fixer.replaceTextRange(range(field), near) }]
              : [],
        });
      },
    };
  },
});

/**
 * `stream._readableState.length` read as a value: plain dots, no optional chaining (the getter
 * would not short-circuit the same way), not written to, not called.
 */
function fieldRead(state: TSESTree.MemberExpression): TSESTree.MemberExpression | null {
  const field = state.parent;
  if (field?.type !== AST_NODE_TYPES.MemberExpression || field.object !== state) return null;
  if (state.optional || field.optional || state.computed || field.computed) return null;
  if (state.object.type === AST_NODE_TYPES.Super) return null;
  const user = field.parent;
  const written =
    (user?.type === AST_NODE_TYPES.AssignmentExpression && user.left === field) ||
    (user?.type === AST_NODE_TYPES.UpdateExpression && user.argument === field) ||
    (user?.type === AST_NODE_TYPES.UnaryExpression && user.operator === 'delete');
  const called = user?.type === AST_NODE_TYPES.CallExpression && user.callee === field;
  return written || called ? null : field;
}
