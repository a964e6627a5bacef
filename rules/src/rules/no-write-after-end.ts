import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  descendantsOf,
  enclosingFunctionOf,
  findVariableOf,
  isFunction,
  isSameValue,
  isWithin,
  propertyName,
  skipTransparent,
  statementOf,
  statementsRunningAfter,
  writableReceiverOf,
  type SourceCode,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import { indentOf } from '../fixes/source-text.js';

type MessageIds = 'writeAfterEnd' | 'returnAfterEnd';

const endMethod = new Set(['end']);
const lateMethods = new Set(['write', 'end']);

/** Properties that show the code knows a stream may have ended: it checks before it writes. */
const endStateProperties = new Set(['writableEnded', 'writableFinished', 'finished', 'writable', 'destroyed', 'headersSent']);

/** Names a callback usually has: `end(callback)` passes no data. */
const callbackNames = new Set(['callback', 'cb', 'done', 'next', 'resolve', 'reject']);

export default createRule<[], MessageIds>({
  name: 'no-write-after-end',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow write() and end(data) on a stream after its end() on the same path',
      level: 'novice',
      topic: 'writable streams',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      writeAfterEnd: "'{{name}}.{{method}}()' after '{{name}}.end()' (line {{line}}) fails: 'ERR_STREAM_WRITE_AFTER_END'.",
      returnAfterEnd: "Return after the 'end()' on line {{line}}.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        const receiver = writableReceiverOf(sourceCode, node, endMethod, { standardStreams: true });
        if (!receiver || !isStableReference(sourceCode, receiver)) return;
        const scope = enclosingFunctionOf(node) ?? sourceCode.ast;
        if (checksEndState(sourceCode, receiver, scope)) return;
        const late = lateCallAfter(sourceCode, node, receiver);
        if (!late) return;
        const callee = late.callee as TSESTree.MemberExpression;
        const line = String(node.loc.start.line);
        context.report({
          node: late,
          messageId: 'writeAfterEnd',
          data: { name: sourceCode.getText(receiver), method: propertyName(callee)!, line },
          suggest: returnSuggestion(sourceCode, node, late, line),
        });
      },
    };
  },
});

/** A variable (or a path of properties from one) that nothing re-assigns. */
function isStableReference(sourceCode: SourceCode, receiver: TSESTree.Node): boolean {
  let root = skipTransparent(receiver);
  while (root.type === AST_NODE_TYPES.MemberExpression && !root.computed) root = skipTransparent(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, root);
  if (!variable) return false;
  return !variable.references.some((reference) => reference.isWrite() && !reference.init);
}

function checksEndState(sourceCode: SourceCode, receiver: TSESTree.Node, scope: TSESTree.Node): boolean {
  for (const node of descendantsOf(sourceCode, scope, { intoFunctions: true })) {
    if (node.type !== AST_NODE_TYPES.MemberExpression) continue;
    const property = propertyName(node);
    if (property && endStateProperties.has(property) && isSameValue(sourceCode, node.object, receiver)) return true;
  }
  return false;
}

/** The first `write()` or `end(data)` on the same stream in the statements that run after `end`. */
function lateCallAfter(
  sourceCode: SourceCode,
  end: TSESTree.CallExpression,
  receiver: TSESTree.Node,
): TSESTree.CallExpression | null {
  for (const statement of statementsRunningAfter(statementOf(end))) {
    for (const node of [statement, ...descendantsOf(sourceCode, statement, { intoFunctions: false })]) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      const callee = skipTransparent(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
      const method = propertyName(callee);
      if (!method || !lateMethods.has(method) || !isSameValue(sourceCode, callee.object, receiver)) continue;
      if (method === 'end' && !passesData(sourceCode, node)) continue;
      return node;
    }
  }
  return null;
}

/**
 * Whether `end(…)` is given a chunk. A second `end()` without one is forgiven by Node ("usually
 * such errors are harmless"); a second `end(data)` writes after the end.
 */
function passesData(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const first = call.arguments[0];
  if (!first) return false;
  const value = skipTransparent(first);
  if (isFunction(value)) return false;
  if (value.type === AST_NODE_TYPES.Literal && value.value === null) return false;
  if (value.type !== AST_NODE_TYPES.Identifier) return true;
  if (value.name === 'undefined' || callbackNames.has(value.name)) return false;
  const definition = findVariableOf(sourceCode, value)?.defs[0];
  if (definition?.type === 'FunctionName') return false;
  return !(definition?.type === 'Variable' && definition.node.init && isFunction(definition.node.init));
}

/**
 * `return;` at the end of the `if` branch that holds the first `end()`: the missing return of
 * `if (error) { res.end('failed'); } res.end(data);`. Offered only in a function that returns no
 * value, where a bare `return` changes nothing else.
 */
function returnSuggestion(
  sourceCode: SourceCode,
  end: TSESTree.CallExpression,
  late: TSESTree.CallExpression,
  line: string,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const fn = enclosingFunctionOf(end);
  if (!fn || fn.body.type !== AST_NODE_TYPES.BlockStatement || returnsValue(sourceCode, fn.body)) return [];
  const branch = branchLeftBy(statementOf(end), late);
  if (!branch) return [];
  if (branch.type === AST_NODE_TYPES.BlockStatement) {
    const last = branch.body.at(-1)!;
    return [
      {
        messageId: 'returnAfterEnd',
        data: { line },
        fix: (fixer) => fixer.insertTextAfter(last, `\n${indentOf(sourceCode, last)}return;`),
      },
    ];
  }
  return [
    {
      messageId: 'returnAfterEnd',
      data: { line },
      fix: (fixer) => fixer.replaceText(branch, `{ ${sourceCode.getText(branch)} return; }`),
    },
  ];
}

/** The innermost `if` branch around `statement` that `late` lies outside of. */
function branchLeftBy(statement: TSESTree.Node, late: TSESTree.Node): TSESTree.Node | null {
  for (let current: TSESTree.Node = statement; current.parent && !isFunction(current.parent); current = current.parent) {
    const parent = current.parent;
    const isBranch = parent.type === AST_NODE_TYPES.IfStatement && (parent.consequent === current || parent.alternate === current);
    if (isBranch && !isWithin(late, parent)) return current;
  }
  return null;
}

function returnsValue(sourceCode: SourceCode, body: TSESTree.BlockStatement): boolean {
  return [...descendantsOf(sourceCode, body, { intoFunctions: false })].some(
    (node) => node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null,
  );
}
