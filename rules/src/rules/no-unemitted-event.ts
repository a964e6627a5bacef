import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  listenerCallOf,
  resolveQualifiedName,
  skipTransparent,
  staticString,
  streamRecognitionOf,
  type StreamKind,
  type StreamOrigin,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type MessageIds = 'unemittedEvent' | 'listenFor';

/** Events only one side of a stream emits: the other side waits for them forever. */
const sideEvents: Record<string, { emittedBy: StreamKind; instead: string | null; meaning: string }> = {
  end: { emittedBy: 'readable', instead: 'finish', meaning: 'a readable emits when its data is used up' },
  finish: { emittedBy: 'writable', instead: 'end', meaning: 'a writable emits when its data is flushed' },
  drain: { emittedBy: 'writable', instead: null, meaning: 'a writable emits when its buffer empties' },
};

/** Where a stream is known to be one of Node's own: a core factory or class, a server's request or response, its type. */
const nodeContractOrigins = new Set<StreamOrigin>(['factory', 'handler', 'annotation', 'types', 'narrowing']);

export default createRule<[], MessageIds>({
  name: 'no-unemitted-event',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow waiting for an event the stream never emits ('end' on a writable, 'finish' or 'drain' on a readable)",
      level: 'novice',
      topic: 'writable streams',
      recommended: 'strict',
    },
    hasSuggestions: true,
    messages: {
      unemittedEvent: "'{{stream}}' is a {{kind}} stream and never emits '{{event}}': this listener never runs.",
      listenFor: "Listen for '{{instead}}' instead.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;

    function check(stream: TSESTree.Node, eventNode: TSESTree.Node): void {
      const event = staticString(eventNode);
      const side = event ? sideEvents[event] : undefined;
      if (!event || !side) return;
      const recognition = streamRecognitionOf(sourceCode, stream);
      const kind = recognition?.kind;
      // A duplex emits both sides' events; unknown emitters may be anything. Only Node's own
      // streams keep to these events: a library's (node-tar's Unpack, any Minipass) may emit 'end'
      // on a writable, and a value taken for a stream by its use or its helper proves no contract.
      if (!kind || kind === 'duplex' || kind === side.emittedBy || !nodeContractOrigins.has(recognition.origin)) return;
      const instead = side.instead;
      context.report({
        node: eventNode,
        messageId: 'unemittedEvent',
        data: { stream: sourceCode.getText(stream), kind, event, meaning: side.meaning },
        suggest: instead
          ? [
              {
                messageId: 'listenFor',
                data: { instead },
                fix: (fixer) => {
                  const quote = sourceCode.getText(eventNode)[0];
                  return fixer.replaceText(eventNode, `${quote}${instead}${quote}`);
                },
              },
            ]
          : [],
      });
    }

    return {
      CallExpression(node) {
        const registration = listenerCallOf(node);
        if (registration) {
          check(skipTransparent(registration.emitter), node.arguments[0]);
          return;
        }
        // `await once(stream, 'end')` from node:events waits the same way.
        const [emitter, event] = node.arguments;
        if (!emitter || !event || emitter.type === AST_NODE_TYPES.SpreadElement) return;
        if (resolveQualifiedName(sourceCode, node.callee) === 'events.once') check(skipTransparent(emitter), event);
      },
    };
  },
});
