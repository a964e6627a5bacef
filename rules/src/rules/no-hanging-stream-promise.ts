import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  descendantsOf,
  findVariableOf,
  isFunction,
  isPlainReference,
  listenerCallOf,
  skipTransparent,
  statementOf,
  streamKindOf,
  type ListenerCall,
  type SourceCode,
  type StreamKind,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import { indentOf } from '../fixes/source-text.js';

type MessageIds = 'noRejectPath' | 'rejectOnError';

/**
 * The events that never come once a stream has failed. A promise waiting for one that the stream
 * never emits at all (`'end'` of a writable) hangs even sooner: no-unemitted-event says so, and
 * this rule still asks for the error path that its fix will need.
 */
const successEvents: Record<string, (kind: StreamKind | null) => boolean> = {
  finish: () => true,
  end: (kind) => kind !== null,
};

export default createRule<[], MessageIds>({
  name: 'no-hanging-stream-promise',
  meta: {
    type: 'problem',
    docs: {
      description: "Require a promise that resolves on a stream's 'finish' or 'end' to settle on its 'error' too",
      level: 'intermediate',
      topic: 'error handling',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      noRejectPath: "This promise settles on '{{event}}' of '{{stream}}' but not on 'error': a failure leaves it pending.",
      rejectOnError: "Reject the promise on 'error' of '{{stream}}'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      NewExpression(node) {
        const executor = promiseExecutorOf(sourceCode, node);
        if (!executor) return;
        const [resolve, reject] = executor.params;
        if (resolve?.type !== AST_NODE_TYPES.Identifier) return;
        const listeners = listenerCallsIn(sourceCode, executor);
        for (const registration of listeners) {
          const isSuccess = successEvents[registration.event];
          if (!isSuccess || !settlesWith(sourceCode, registration.listener, resolve.name)) continue;
          const emitter = skipTransparent(registration.emitter);
          if (!isSuccess(streamKindOf(sourceCode, emitter))) continue;
          if (registration.event === 'finish' && !looksLikeStream(sourceCode, emitter)) continue;
          const stream = sourceCode.getText(emitter);
          const settlers = [resolve.name, ...(reject?.type === AST_NODE_TYPES.Identifier ? [reject.name] : [])];
          const settlesOnError = listeners.some(
            (other) =>
              other.event === 'error' &&
              sourceCode.getText(skipTransparent(other.emitter)) === stream &&
              mayCallAny(sourceCode, other.listener, settlers),
          );
          if (settlesOnError) continue;
          if (handsStreamOn(sourceCode, executor, stream)) continue;
          const rejectName = reject?.type === AST_NODE_TYPES.Identifier ? reject.name : null;
          const statement = statementOf(registration.call);
          const canSuggest =
            statement.parent?.type === AST_NODE_TYPES.BlockStatement &&
            isPlainReference(emitter) &&
            rejectName !== null;
          context.report({
            node: registration.call,
            messageId: 'noRejectPath',
            data: { event: registration.event, stream },
            suggest: canSuggest
              ? [
                  {
                    messageId: 'rejectOnError',
                    data: { stream },
                    fix: (fixer) => {
                      const addition = `\n${indentOf(sourceCode, statement)}${stream}.once('error', ${rejectName ?? 'reject'});`;
                      const fixes = [fixer.insertTextAfter(statement, addition)];
                      if (!rejectName) {
                        const before = sourceCode.getTokenBefore(resolve);
                        const parenthesised = before?.value === '(' && before.range[0] >= executor.range[0];
                        fixes.push(
                          parenthesised
                            ? fixer.insertTextAfter(resolve, ', reject')
                            : fixer.replaceText(resolve, `(${resolve.name}, reject)`),
                        );
                      }
                      return fixes;
                    },
                  },
                ]
              : [],
          });
        }
      },
    };
  },
});

/** The executor of `new Promise(executor)`, when Promise is the global one. */
function promiseExecutorOf(sourceCode: SourceCode, node: TSESTree.NewExpression) {
  if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'Promise') return null;
  const variable = findVariableOf(sourceCode, node.callee);
  if (variable && variable.defs.length > 0) return null;
  const executor = node.arguments[0] && skipTransparent(node.arguments[0]);
  return executor && isFunction(executor) ? executor : null;
}

function listenerCallsIn(sourceCode: SourceCode, root: TSESTree.Node): ListenerCall[] {
  const calls: ListenerCall[] = [];
  for (const node of descendantsOf(sourceCode, root, { intoFunctions: true })) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const registration = listenerCallOf(node);
    if (registration) calls.push(registration);
  }
  return calls;
}

/** The listener is `resolve` itself, or a function that calls it. */
function settlesWith(sourceCode: SourceCode, listener: TSESTree.Node, resolveName: string): boolean {
  const target = skipTransparent(listener);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === resolveName;
  if (!isFunction(target)) return false;
  for (const node of descendantsOf(sourceCode, target, { intoFunctions: false })) {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === resolveName) {
      return true;
    }
  }
  return false;
}

/**
 * An 'error' listener may settle the promise: a function handed in by name (we cannot see it), or
 * one that mentions `resolve` or `reject`. A listener that only logs leaves the promise pending.
 */
function mayCallAny(sourceCode: SourceCode, listener: TSESTree.Node, names: string[]): boolean {
  const target = skipTransparent(listener);
  if (!isFunction(target)) return true;
  for (const node of descendantsOf(sourceCode, target.body, { intoFunctions: true })) {
    if (node.type === AST_NODE_TYPES.Identifier && names.includes(node.name)) return true;
  }
  return false;
}

/** `'finish'` is a stream's event, but emitters of unknown kind with a `this` or a known stream. */
function looksLikeStream(sourceCode: SourceCode, emitter: TSESTree.Node): boolean {
  return emitter.type === AST_NODE_TYPES.ThisExpression || streamKindOf(sourceCode, emitter) !== null;
}

/**
 * Inside the executor the stream goes to something that takes its errors over (`pipeline()`,
 * `finished()`, a function of the caller's): the author's error path lies there.
 */
function handsStreamOn(sourceCode: SourceCode, executor: TSESTree.Node, stream: string): boolean {
  for (const node of descendantsOf(sourceCode, executor, { intoFunctions: true })) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    if (listenerCallOf(node)) continue;
    if (node.arguments.some((argument) => sourceCode.getText(skipTransparent(argument)) === stream)) {
      const callee = skipTransparent(node.callee);
      // `source.pipe(stream)` hands no errors on.
      if (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'pipe') continue;
      return true;
    }
  }
  return false;
}

/** Adding a `reject` parameter is safe when the executor has one parameter and no `reject` in scope. */
function canAddReject(sourceCode: SourceCode, executor: TSESTree.FunctionLike): boolean {
  if (executor.params.length !== 1) return false;
  const scope = sourceCode.getScope(executor.body!);
  for (let current: typeof scope | null = scope; current; current = current.upper) {
    if (current.set.has('reject')) return false;
  }
  return !executor.body || !sourceCode.getText(executor.body).includes('reject');
}
