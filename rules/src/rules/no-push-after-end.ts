import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  descendantsOf,
  implementationOf,
  isWithin,
  mayHoldImplementations,
  propertyName,
  skipTransparent,
  statementOf,
  statementsRunningAfter,
  type SourceCode,
  type StreamImplementation,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type MessageIds = 'pushAfterEnd' | 'endInTransform';

export default createRule<[], MessageIds>({
  name: 'no-push-after-end',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow push() after push(null), and push(null) inside _transform',
      level: 'intermediate',
      topic: 'transform streams',
      recommended: 'strict',
    },
    messages: {
      pushAfterEnd: "This 'push()' runs after 'push(null)' ended the stream: it fails with 'ERR_STREAM_PUSH_AFTER_EOF'.",
      endInTransform: "'push(null)' in '{{name}}' ends the output at the first chunk: the next push fails.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!mayHoldImplementations(sourceCode)) return {};

    function check(fn: TSESTree.Node): void {
      const implementation = implementationOf(sourceCode, fn);
      if (!implementation || !implementation.thisIsStream || !implementation.function.body) return;
      const pushes: TSESTree.CallExpression[] = [];
      for (const node of descendantsOf(sourceCode, implementation.function.body, { intoFunctions: false })) {
        if (node.type === AST_NODE_TYPES.CallExpression && isThisPush(node)) pushes.push(node);
      }
      for (const end of pushes.filter(isEndOfData)) {
        if (implementation.name === 'transform') {
          if (isEndGuardingPushes(sourceCode, end, pushes, implementation)) continue;
          context.report({ node: end, messageId: 'endInTransform', data: { name: implementation.displayName } });
          continue;
        }
        const after = statementsRunningAfter(statementOf(end));
        for (const push of pushes) {
          if (push !== end && !isEndOfData(push) && after.some((statement) => isWithin(push, statement))) {
            context.report({ node: push, messageId: 'pushAfterEnd' });
          }
        }
      }
    }

    return {
      FunctionDeclaration: check,
      FunctionExpression: check,
      ArrowFunctionExpression: check,
    };
  },
});

/** `this.push(…)`. */
function isThisPush(call: TSESTree.CallExpression): boolean {
  const callee = skipTransparent(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.ThisExpression &&
    propertyName(callee) === 'push' &&
    call.arguments.length >= 1
  );
}

/** `push(null)`: the end of the data. */
function isEndOfData(call: TSESTree.CallExpression): boolean {
  const [argument] = call.arguments;
  return argument.type === AST_NODE_TYPES.Literal && argument.value === null;
}

/**
 * `if (parser.status === NEED_MORE) { this.push(data) } else { this.push(null) }`: push(null) on one
 * side of a test, and every chunk the transform pushes (itself or through its callback) on the
 * other side of the same test. The state that ended the data skips the pushes of every later chunk.
 */
function isEndGuardingPushes(
  sourceCode: SourceCode,
  end: TSESTree.CallExpression,
  pushes: TSESTree.CallExpression[],
  implementation: StreamImplementation,
): boolean {
  const guard = branchOf(end, implementation.function);
  if (!guard) return false;
  const test = sourceCode.getText(guard.statement.test);
  const callback = implementation.callback?.name;
  const dataCalls = [...descendantsOf(sourceCode, implementation.function.body, { intoFunctions: true })].filter(
    (node): node is TSESTree.CallExpression =>
      node.type === AST_NODE_TYPES.CallExpression &&
      ((node !== end && pushes.includes(node) && !isEndOfData(node)) ||
        (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === callback && node.arguments.length >= 2 && !isNothing(node.arguments[1]))),
  );
  return dataCalls.every((call) => {
    for (let current: TSESTree.Node = call; current !== (implementation.function as TSESTree.Node); ) {
      const branch = branchOf(current, implementation.function);
      if (!branch) return false;
      if (sourceCode.getText(branch.statement.test) === test && branch.consequent !== guard.consequent) return true;
      current = branch.statement;
    }
    return false;
  });
}

/** The nearest `if` around `node` in `fn`, and whether `node` is in its consequent. */
function branchOf(node: TSESTree.Node, fn: TSESTree.Node): { statement: TSESTree.IfStatement; consequent: boolean } | null {
  let child = node;
  for (let current = node.parent; current && current !== fn; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && child !== current.test) return { statement: current, consequent: current.consequent === child };
  }
  return null;
}

function isNothing(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}
