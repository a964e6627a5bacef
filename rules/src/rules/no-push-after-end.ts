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
