import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  descendantsOf,
  drainWaitTarget,
  findVariableOf,
  followVariable,
  isResultDiscarded,
  isSameValue,
  isWithin,
  propertyName,
  relayOf,
  skipTransparent,
  staticString,
  streamKindOf,
  waitsForDrain,
  type Relay,
  type SourceCode,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import { bindingFor } from '../fixes/imports.js';
import { takesErrorsInTime } from '../fixes/pipeline-rewrite.js';
import { errorCallbackText, indentOf } from '../fixes/source-text.js';

type MessageIds =
  | 'unhandled'
  | 'drainWithoutPause'
  | 'rewriteOnDrain'
  | 'drainOnReadable'
  | 'pauseWithoutResume'
  | 'replaceWithPipeline';

type Problem = Exclude<MessageIds, 'replaceWithPipeline'>;

export default createRule<[], MessageIds>({
  name: 'no-unhandled-backpressure',
  meta: {
    type: 'problem',
    docs: {
      description: "Require a hand-made relay ('data' handler that writes) to pause its source when write() returns false and resume it on 'drain'",
      level: 'intermediate',
      topic: 'flow control',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      unhandled: "This '{{event}}' handler writes to '{{destination}}' without backpressure: chunks pile up in memory.",
      drainWithoutPause: "This '{{event}}' handler waits for 'drain' but never pauses '{{source}}': chunks pile up in memory.",
      rewriteOnDrain: "The 'drain' listener writes the chunk to '{{destination}}' again: it was buffered, so it goes twice.",
      drainOnReadable: "This relay waits for 'drain' on '{{source}}', a readable that never emits it: the copy stalls.",
      pauseWithoutResume: "This '{{event}}' handler pauses '{{source}}' and nothing resumes it: the copy stalls.",
      replaceWithPipeline: "Replace the relay with 'pipeline({{source}}, {{destination}}, callback)'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        const relay = relayOf(sourceCode, node);
        if (!relay) return;
        const problem = relayProblem(sourceCode, relay);
        if (!problem) return;
        const destination = relay.writes[0].destination;
        const data = {
          event: relay.event,
          source: sourceCode.getText(relay.source),
          destination: sourceCode.getText(destination),
        };
        context.report({
          node: node.callee,
          messageId: problem,
          data,
          suggest: pipelineSuggestion(sourceCode, relay, data),
        });
      },
    };
  },
});

/** What is wrong with the relay's flow control, the most specific finding first; null when nothing is. */
function relayProblem(sourceCode: SourceCode, relay: Relay): Problem | null {
  const { handler, source } = relay;
  const waitsOnSource = drainWaitsIn(sourceCode, sourceCode.ast).some((wait) =>
    isSameValue(sourceCode, drainWaitTarget(sourceCode, wait)!, source),
  );
  if (waitsOnSource && streamKindOf(sourceCode, source) === 'readable') return 'drainOnReadable';
  if (rewritesOnDrain(sourceCode, relay)) return 'rewriteOnDrain';
  const pauses = pausesSource(sourceCode, relay);
  if (relay.event === 'data' && !pauses && drainWaitsIn(sourceCode, handler).length > 0) return 'drainWithoutPause';
  if (pauses) return resumesSource(sourceCode, relay) ? null : 'pauseWithoutResume';
  const ignored = relay.writes.some(
    (write) => isResultDiscarded(write.call) && !waitsForDrain(sourceCode, write.destination, handler),
  );
  return ignored ? 'unhandled' : null;
}

/** The calls in `within` that wait for `'drain'`, on any stream. */
function drainWaitsIn(sourceCode: SourceCode, within: TSESTree.Node): TSESTree.CallExpression[] {
  return [...descendantsOf(sourceCode, within, { intoFunctions: true })].filter(
    (node): node is TSESTree.CallExpression =>
      node.type === AST_NODE_TYPES.CallExpression && drainWaitTarget(sourceCode, node) !== null,
  );
}

/** `src.pause()`, or `this.pause()` in a `function` handler. */
function pausesSource(sourceCode: SourceCode, relay: Relay): boolean {
  return callsOnSource(sourceCode, relay, relay.handler, 'pause');
}

/**
 * Anything that can resume the source: `src.resume()` (or `src.resume` handed on) anywhere in the
 * file, or a source that leaves the file's sight.
 */
function resumesSource(sourceCode: SourceCode, relay: Relay): boolean {
  if (callsOnSource(sourceCode, relay, sourceCode.ast, 'resume')) return true;
  const source = skipTransparent(relay.source);
  if (source.type !== AST_NODE_TYPES.Identifier) return true;
  const variable = findVariableOf(sourceCode, source);
  return !variable || followVariable(sourceCode, variable).escapes;
}

function callsOnSource(sourceCode: SourceCode, relay: Relay, within: TSESTree.Node, method: string): boolean {
  for (const node of descendantsOf(sourceCode, within, { intoFunctions: true })) {
    if (node.type !== AST_NODE_TYPES.MemberExpression || propertyName(node) !== method) continue;
    if (isSameValue(sourceCode, node.object, relay.source)) return true;
    if (node.object.type === AST_NODE_TYPES.ThisExpression && isWithin(node, relay.handler) && relay.handler.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
      return true;
    }
  }
  return false;
}

/** A `'drain'` listener in the handler that writes the handler's chunk again. */
function rewritesOnDrain(sourceCode: SourceCode, relay: Relay): boolean {
  const chunk = relay.handler.params[0];
  if (relay.event !== 'data' || chunk?.type !== AST_NODE_TYPES.Identifier) return false;
  return drainWaitsIn(sourceCode, relay.handler).some((wait) =>
    relay.writes.some(
      (write) =>
        isWithin(write.call, wait) &&
        write.call.arguments[0]?.type === AST_NODE_TYPES.Identifier &&
        isSameValue(sourceCode, write.call.arguments[0], chunk),
    ),
  );
}

type RelayNames = {
  source: string;
  destination: string;
};

/**
 * `pipeline(src, dst, callback)` in place of a relay that copies each chunk unchanged, together
 * with its `src.on('end', () => dst.end())`: pipeline ends the destination itself.
 */
function pipelineSuggestion(
  sourceCode: SourceCode,
  relay: Relay,
  names: RelayNames,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const statement = relay.registration.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || relay.event !== 'data') return [];
  if (!isPlainCopy(sourceCode, relay)) return [];
  const destination = relay.writes[0].destination;
  if (isSameValue(sourceCode, relay.source, destination)) return [];
  if (!takesErrorsInTime(sourceCode, [relay.source, destination], statement)) return [];
  const endForwarding = endForwardingStatement(sourceCode, statement, relay.source, destination);
  return [
    {
      messageId: 'replaceWithPipeline',
      data: names,
      fix: (fixer) => {
        const binding = bindingFor(sourceCode, fixer, 'stream', 'pipeline');
        if (!binding) return [];
        const callback = errorCallbackText(sourceCode, statement);
        const text = `${binding.expression}(${names.source}, ${names.destination}, ${callback});`;
        const fixes = [...binding.fixes, fixer.replaceText(statement, text)];
        if (endForwarding) fixes.push(fixer.removeRange(lineRange(sourceCode, endForwarding)));
        return fixes;
      },
    },
  ];
}

/** `(chunk) => dst.write(chunk)` or `function (chunk) { dst.write(chunk); }`, nothing more. */
function isPlainCopy(sourceCode: SourceCode, relay: Relay): boolean {
  const { handler } = relay;
  const chunk = handler.params[0];
  if (handler.params.length !== 1 || chunk.type !== AST_NODE_TYPES.Identifier || relay.writes.length !== 1) return false;
  const body = handler.body;
  const only =
    body.type === AST_NODE_TYPES.BlockStatement
      ? body.body.length === 1 && body.body[0].type === AST_NODE_TYPES.ExpressionStatement
        ? body.body[0].expression
        : null
      : body;
  const write = relay.writes[0].call;
  return (
    only === write &&
    write.arguments.length === 1 &&
    write.arguments[0].type === AST_NODE_TYPES.Identifier &&
    isSameValue(sourceCode, write.arguments[0], chunk)
  );
}

/** A sibling statement `src.on('end', () => dst.end())`. */
function endForwardingStatement(
  sourceCode: SourceCode,
  relayStatement: TSESTree.ExpressionStatement,
  source: TSESTree.Node,
  destination: TSESTree.Node,
): TSESTree.Statement | null {
  const block = relayStatement.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program) return null;
  for (const statement of block.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const call = statement.expression;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    if (!['on', 'once'].includes(propertyName(call.callee) ?? '') || staticString(call.arguments[0]) !== 'end') continue;
    if (!isSameValue(sourceCode, call.callee.object, source)) continue;
    const listener = call.arguments[1];
    if (listener?.type !== AST_NODE_TYPES.ArrowFunctionExpression && listener?.type !== AST_NODE_TYPES.FunctionExpression) continue;
    const body = listener.body;
    const ending =
      body.type === AST_NODE_TYPES.BlockStatement && body.body.length === 1 && body.body[0].type === AST_NODE_TYPES.ExpressionStatement
        ? body.body[0].expression
        : body;
    if (
      ending.type === AST_NODE_TYPES.CallExpression &&
      ending.arguments.length === 0 &&
      ending.callee.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(ending.callee) === 'end' &&
      isSameValue(sourceCode, ending.callee.object, destination)
    ) {
      return statement;
    }
  }
  return null;
}

/** The statement's whole line, from its indentation to its line break. */
function lineRange(sourceCode: SourceCode, statement: TSESTree.Node): [number, number] {
  const indent = indentOf(sourceCode, statement);
  if (statement.loc.start.column !== indent.length) return statement.range;
  const start = statement.range[0] - indent.length;
  const end = sourceCode.text[statement.range[1]] === '\n' ? statement.range[1] + 1 : statement.range[1];
  return [start, end];
}
