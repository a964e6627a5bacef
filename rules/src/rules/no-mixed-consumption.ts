import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  enclosingFunctionOf,
  isReadableKind,
  isSingleAssignment,
  isWithin,
  listenerMethods,
  listenerRemovalMethods,
  pipelineFunctions,
  propertyName,
  resolveQualifiedName,
  sameStreamMethods,
  skipTransparent,
  statementOf,
  statementsRunningAfter,
  staticString,
  streamKindOf,
  type SourceCode,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type Consumption = 'data' | 'readable' | 'pipe' | 'iterator';

interface Consumer {
  kind: Consumption;
  /** What to report. */
  node: TSESTree.Node;
  /** Where it runs, for the order of consumers. */
  anchor: TSESTree.Node;
  description: string;
}

/**
 * Pairs that break each other. A `'data'` listener beside `pipe()` is left alone: both see every
 * chunk, the usual way to count bytes of a piped stream.
 */
const conflicts = new Set(['data/readable', 'data/iterator', 'pipe/readable', 'pipe/iterator', 'readable/iterator']);

export default createRule<[], 'mixedConsumption'>({
  name: 'no-mixed-consumption',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow consuming one readable stream two ways ('data', 'readable', pipe(), for await)",
      level: 'intermediate',
      topic: 'flow control',
      recommended: 'recommended',
    },
    messages: {
      mixedConsumption: "'{{name}}' is read by {{first}} (line {{line}}) and {{second}}: chunks get lost or the flow stalls.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const scope of sourceCode.scopeManager?.scopes ?? []) {
          for (const variable of scope.variables) checkVariable(sourceCode, variable, context);
        }
      },
    };
  },
});

function checkVariable(
  sourceCode: SourceCode,
  variable: TSESLint.Scope.Variable,
  context: Readonly<TSESLint.RuleContext<'mixedConsumption', []>>,
): void {
  const reads = variable.references.filter((reference) => reference.isRead());
  if (reads.length < 2 || !isSingleAssignment(variable)) return;
  // Finding consumers is a look at the parents; asking whether it is a stream costs more, so it
  // comes only for the few variables read two ways.
  const consumers = reads
    .map((reference) => consumerAt(sourceCode, reference.identifier as TSESTree.Identifier))
    .filter((consumer): consumer is Consumer => consumer !== null)
    .sort((a, b) => a.anchor.range[0] - b.anchor.range[0]);
  if (consumers.length < 2) return;
  if (!isReadableKind(streamKindOf(sourceCode, reads[0].identifier))) return;
  if (reads.some((reference) => removesListeners(reference.identifier))) return;
  for (const [index, later] of consumers.entries()) {
    const earlier = consumers.slice(0, index).find((first) => isConflict(first, later) && runsBefore(first, later));
    if (!earlier) continue;
    context.report({
      node: later.node,
      messageId: 'mixedConsumption',
      data: {
        name: variable.name,
        first: earlier.description,
        line: String(earlier.node.loc.start.line),
        second: later.description,
      },
    });
    return;
  }
}

function isConflict(first: Consumer, second: Consumer): boolean {
  return conflicts.has(`${first.kind}/${second.kind}`) || conflicts.has(`${second.kind}/${first.kind}`);
}

/** In one function, and `later` runs after `earlier` on some straight-line path. */
function runsBefore(earlier: Consumer, later: Consumer): boolean {
  if (enclosingFunctionOf(earlier.anchor) !== enclosingFunctionOf(later.anchor)) return false;
  const statement = statementOf(earlier.anchor);
  return isWithin(later.anchor, statement) || statementsRunningAfter(statement).some((next) => isWithin(later.anchor, next));
}

/** How a read of the variable consumes the stream, if it does. */
function consumerAt(sourceCode: SourceCode, identifier: TSESTree.Identifier): Consumer | null {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.await && parent.right === identifier) {
    return { kind: 'iterator', node: identifier, anchor: parent, description: "'for await'" };
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === identifier) {
    const name = resolveQualifiedName(sourceCode, parent.callee);
    if (name && pipelineFunctions.has(name)) return { kind: 'pipe', node: identifier, anchor: parent, description: "'pipeline()'" };
  }
  // `s.setEncoding('utf8').on('data', …)`: follow methods that return the stream.
  let value: TSESTree.Node = identifier;
  for (;;) {
    const member: TSESTree.Node | undefined = value.parent;
    const call: TSESTree.Node | undefined = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== value) return null;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return null;
    const method = propertyName(member);
    if (!method) return null;
    if (method === 'pipe') return { kind: 'pipe', node: member, anchor: call, description: "'pipe()'" };
    if (method === 'iterator') return { kind: 'iterator', node: member, anchor: call, description: "'iterator()'" };
    const event = staticString(call.arguments[0]);
    if (listenerMethods.has(method) && (event === 'data' || event === 'readable')) {
      return { kind: event, node: member, anchor: call, description: `a '${event}' listener` };
    }
    if (!sameStreamMethods.has(method)) return null;
    value = call;
  }
}

/** `s.off(…)`, `s.removeListener(…)`: code that switches from one way of reading to another. */
function removesListeners(identifier: TSESTree.Node): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return false;
  const method = propertyName(member);
  return method !== null && listenerRemovalMethods.has(method) && skipTransparent(member) === member;
}
