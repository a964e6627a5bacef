import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  enclosingFunctionOf,
  findVariableOf,
  initializerOf,
  isMadeOutside,
  isFunction,
  isResultDiscarded,
  isSameValue,
  classFieldsOf,
  thisFieldOf,
  isSingleAssignment,
  listenerMethods,
  propertyName,
  relayOfWrite,
  repeatingContextOf,
  skipTransparent,
  staticString,
  streamKindOf,
  waitsForDrain,
  writableReceiverOf,
  type RepeatingContext,
  type SourceCode,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import { takesErrorsInTime } from '../fixes/pipeline-rewrite.js';
import { bindingFor } from '../fixes/imports.js';

type MessageIds = 'ignoredWrite' | 'awaitDrain';
type Options = [{ checkStandardStreams?: boolean }];

const writeMethod = new Set(['write']);

export default createRule<Options, MessageIds>({
  name: 'no-ignored-write',
  meta: {
    type: 'problem',
    docs: {
      description: "Require waiting for 'drain' when write() returns false in code that writes again and again",
      level: 'intermediate',
      topic: 'flow control',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      ignoredWrite: "'{{name}}.write()' in a {{context}} ignores a full buffer: chunks pile up in memory.",
      awaitDrain: "Wait for 'drain' when '{{name}}.write()' returns false.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkStandardStreams: {
            type: 'boolean',
            description: 'Also report writes to process.stdout and process.stderr.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ checkStandardStreams: false }],
  create(context, [{ checkStandardStreams = false }]) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        const receiver = writableReceiverOf(sourceCode, node, writeMethod, { standardStreams: checkStandardStreams });
        if (!receiver || !isResultDiscarded(node)) return;
        const repeating = repeatingContextOf(sourceCode, node);
        if (!repeating || !isMadeOutside(sourceCode, receiver, repeating.node)) return;
        const scope = enclosingFunctionOf(repeating.node) ?? sourceCode.ast;
        if (waitsForDrain(sourceCode, receiver, scope)) return;
        // A hand-made relay is reported once, as a whole, by no-unhandled-backpressure.
        if (relayOfWrite(sourceCode, node)) return;
        if (isFilledBeforeAnyReader(sourceCode, receiver, repeating.node)) return;
        if (isQueueReplay(sourceCode, node, repeating)) return;
        if (writesContentInHand(sourceCode, receiver, repeating)) return;
        const name = sourceCode.getText(receiver);
        context.report({
          node,
          messageId: 'ignoredWrite',
          data: { name, context: repeating.description },
          suggest: awaitDrainSuggestion(sourceCode, node, receiver, repeating),
        });
      },
    };
  },
});

/**
 * `queue.forEach((chunk) => out.write(chunk))` where `queue` is filled with `push()` or is an
 * object's own field that starts as `[]`: writes
 * held back until the stream was ready, replayed as they are. They are in memory already, and the
 * queue is as long as its producer let it grow, which is where backpressure belongs.
 */
function isQueueReplay(sourceCode: SourceCode, write: TSESTree.CallExpression, repeating: RepeatingContext): boolean {
  const [chunk] = write.arguments;
  if (chunk?.type !== AST_NODE_TYPES.Identifier) return false;
  let element: TSESTree.Node | undefined;
  let queue: TSESTree.Node | undefined;
  if (repeating.kind === 'iteration' && isFunction(repeating.node)) {
    element = repeating.node.params[0];
    const call = repeating.node.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression) queue = call.callee.object;
  } else if (repeating.node.type === AST_NODE_TYPES.ForOfStatement) {
    const left = repeating.node.left;
    element = left.type === AST_NODE_TYPES.VariableDeclaration ? left.declarations[0]?.id : left;
    queue = repeating.node.right;
  }
  if (element?.type !== AST_NODE_TYPES.Identifier || element.name !== chunk.name || !queue) return false;
  if (findVariableOf(sourceCode, chunk)?.identifiers[0] !== element) return false;
  return pushesInto(sourceCode, queue) || isQueueField(sourceCode, queue);
}

/** `this._buffer` (or `me._buffer`, `me` an alias of this) that the object starts as `[]`: its own queue. */
function isQueueField(sourceCode: SourceCode, queue: TSESTree.Node): boolean {
  const field = thisFieldOf(queue, sourceCode);
  const values = field ? classFieldsOf(sourceCode, field.owner).writes.get(field.name) ?? [] : [];
  return values.some((value) => value.type === AST_NODE_TYPES.ArrayExpression && value.elements.length === 0);
}

/** Whether the file calls `push()` on the same value (`me._buffer.push(c)` for `me._buffer`). */
function pushesInto(sourceCode: SourceCode, queue: TSESTree.Node): boolean {
  const name = queue.type === AST_NODE_TYPES.MemberExpression ? propertyName(queue) : queue.type === AST_NODE_TYPES.Identifier ? queue.name : null;
  if (!name) return false;
  for (const token of sourceCode.ast.tokens ?? []) {
    if (token.value !== 'push') continue;
    const member = sourceCode.getNodeByRangeIndex(token.range[0])?.parent;
    if (member?.type === AST_NODE_TYPES.MemberExpression && member.parent?.type === AST_NODE_TYPES.CallExpression && isSameValue(sourceCode, member.object, queue)) {
      return true;
    }
  }
  return false;
}

/** Calls that return a new array of what is already in memory. */
const arrayMethods = new Set(['slice', 'split', 'map', 'filter', 'concat', 'keys', 'values', 'entries']);

/**
 * `files.forEach((file) => md.write(file)); md.end();`: every element of a collection already in
 * memory (what forEach() runs over, an array made here, the command line), then the end. The
 * writes are as many as the elements and the data exists already: the buffer holds what the
 * program holds anyway, and cannot grow past it. A for…of over anything else may be a generator
 * or a cursor, and writes inside a 'data' handler or a `for await` go on as long as the input does.
 */
function writesContentInHand(sourceCode: SourceCode, receiver: TSESTree.Node, repeating: RepeatingContext): boolean {
  let loop: TSESTree.Node | null = null;
  if (repeating.kind === 'iteration' && isFunction(repeating.node)) {
    const call = repeating.node.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(call.callee) === 'forEach') {
      loop = call.parent?.type === AST_NODE_TYPES.ExpressionStatement ? call.parent : null;
    }
  } else if (repeating.node.type === AST_NODE_TYPES.ForOfStatement && !repeating.node.await && isArrayInHand(sourceCode, repeating.node.right)) {
    loop = repeating.node;
  }
  if (!loop || repeatingContextOf(sourceCode, loop)) return false;
  return isEndedAfter(sourceCode, receiver, loop);
}

/** `process.argv.slice(2)`, `Object.keys(map)`, `text.split('\\n')`: an array made of what is in memory. */
function isArrayInHand(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = skipTransparent(node);
  if (target.type === AST_NODE_TYPES.MemberExpression) return sourceCode.getText(target) === 'process.argv';
  if (target.type !== AST_NODE_TYPES.CallExpression || target.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(target.callee);
  return method !== null && arrayMethods.has(method) && (method !== 'keys' && method !== 'values' && method !== 'entries' ? true : sourceCode.getText(target.callee.object) === 'Object');
}

/** Whether a statement after `loop`, in a block that holds it within the same function, ends the receiver. */
function isEndedAfter(sourceCode: SourceCode, receiver: TSESTree.Node, loop: TSESTree.Node): boolean {
  let child = loop;
  for (let current = loop.parent; current && !isFunction(current); child = current, current = current.parent) {
    if (current.type !== AST_NODE_TYPES.BlockStatement && current.type !== AST_NODE_TYPES.Program) continue;
    const later = current.body.slice(current.body.indexOf(child as TSESTree.Statement) + 1);
    const ends = later.some((statement) => {
      const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : null;
      if (expression?.type !== AST_NODE_TYPES.CallExpression || expression.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      return propertyName(expression.callee) === 'end' && isSameValue(sourceCode, expression.callee.object, receiver);
    });
    if (ends) return true;
  }
  return false;
}

const consumingMethods = new Set(['pipe', 'resume', 'read']);
const consumingEvents = new Set(['data', 'readable']);

/**
 * A duplex stream made here and written full before anything reads it, to be handed on: a
 * `PassThrough` prefilled from a buffer. Nobody could drain it, so waiting for 'drain' would hang.
 */
function isFilledBeforeAnyReader(sourceCode: SourceCode, receiver: TSESTree.Expression, loop: TSESTree.Node): boolean {
  if (receiver.type !== AST_NODE_TYPES.Identifier || streamKindOf(sourceCode, receiver) !== 'duplex') return false;
  const variable = findVariableOf(sourceCode, receiver);
  const init = variable && isSingleAssignment(variable) ? initializerOf(sourceCode, receiver) : null;
  if (!variable || init?.type !== AST_NODE_TYPES.NewExpression) return false;
  if (enclosingFunctionOf(init) !== enclosingFunctionOf(loop)) return false;
  return variable.references.every(
    (reference) => reference.init || reference.identifier.range[0] > loop.range[0] || !isConsumerUse(reference.identifier as TSESTree.Identifier),
  );
}

function isConsumerUse(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) return parent.callee !== identifier;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return true;
  const call = parent.parent;
  const method = propertyName(parent);
  if (call?.type !== AST_NODE_TYPES.CallExpression || !method) return false;
  return consumingMethods.has(method) || (listenerMethods.has(method) && consumingEvents.has(staticString(call.arguments[0]) ?? ''));
}

/**
 * `if (!w.write(x)) await once(w, 'drain');` for a write that is a statement of its own, in a loop
 * of an async function: there the `await` holds the loop. In a callback it would hold nothing.
 */
function awaitDrainSuggestion(
  sourceCode: SourceCode,
  write: TSESTree.CallExpression,
  receiver: TSESTree.Expression,
  repeating: RepeatingContext,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const statement = write.parent;
  const fn = enclosingFunctionOf(write);
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || repeating.kind !== 'loop') return [];
  if (!fn?.async || fn !== enclosingFunctionOf(repeating.node)) return [];
  // once(stream, 'drain') takes the stream's errors where the loop runs: too late for a stream made before an await.
  if (!takesErrorsInTime(sourceCode, [receiver], repeating.node)) return [];
  const name = sourceCode.getText(receiver);
  return [
    {
      messageId: 'awaitDrain',
      data: { name },
      fix: (fixer) => {
        const binding = bindingFor(sourceCode, fixer, 'events', 'once');
        if (!binding) return [];
        const text = `if (!${sourceCode.getText(write)}) await ${binding.expression}(${name}, 'drain');`;
        return [...binding.fixes, fixer.replaceText(statement, text)];
      },
    },
  ];
}
