import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  enclosingFunctionOf,
  isFunction,
  isSingleAssignment,
  lateErrorHandlingOf,
  skipTransparent,
  streamCreationOf,
  streamRecognitionOf,
  type Deferral,
  type FunctionNode,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type MessageIds = 'lateErrorListener';

export default createRule<[], MessageIds>({
  name: 'no-late-error-listener',
  meta: {
    type: 'problem',
    docs: {
      description: "Require the 'error' listener of a stream that can fail to be attached before the first await or deferred callback",
      level: 'intermediate',
      topic: 'error handling',
      recommended: 'strict',
    },
    messages: {
      lateErrorListener: "An early error of '{{stream}}' crashes the process: its 'error' listener comes {{when}}.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;

    function check(variable: TSESLint.Scope.Variable, owner: FunctionNode | TSESTree.Program, start: number, name: string): void {
      const late = lateErrorHandlingOf(sourceCode, variable, owner, start);
      if (!late) return;
      context.report({ node: late.site, messageId: 'lateErrorListener', data: { stream: name, when: describeDeferral(late.deferral) } });
    }

    function describeDeferral(deferral: Deferral): string {
      switch (deferral.kind) {
        case 'await':
          return deferral.node.type === AST_NODE_TYPES.ForOfStatement ? "inside a 'for await' loop" : "after an 'await'";
        case 'timer':
          return `in a timer callback ('${sourceCode.getText(deferral.call.callee)}')`;
        case 'promise':
          return 'in a promise callback';
        case 'event':
          return `once '${deferral.event}' has been emitted`;
        case 'completion':
          return `in the callback of '${sourceCode.getText(deferral.call.callee)}()'`;
      }
    }

    return {
      VariableDeclarator(declarator) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return;
        const init = skipTransparent(declarator.init);
        if (init.type !== AST_NODE_TYPES.CallExpression && init.type !== AST_NODE_TYPES.NewExpression) return;
        const creation = streamCreationOf(sourceCode, init);
        // A stream that fails only once it is used cannot fail before its first listener.
        if (!creation || !creation.canFail || creation.failsOnlyAsStream || creation.errorsHeardByNode) return;
        const [variable] = sourceCode.getDeclaredVariables(declarator);
        if (!variable || !isSingleAssignment(variable)) return;
        check(variable, enclosingFunctionOf(declarator) ?? sourceCode.ast, declarator.range[1], declarator.id.name);
      },
      // A library hands a live stream to a listener (`busboy.on('file', (name, file) => …)`): it can fail from the first line.
      'CallExpression > :function'(fn: FunctionNode) {
        if (!isFunction(fn)) return;
        for (const parameter of fn.params) {
          if (parameter.type !== AST_NODE_TYPES.Identifier) continue;
          if (streamRecognitionOf(sourceCode, parameter)?.origin !== 'library') continue;
          const variable = sourceCode.getDeclaredVariables(fn).find((each) => each.name === parameter.name);
          if (!variable || !isSingleAssignment(variable)) continue;
          check(variable, fn, fn.body.range[0], parameter.name);
        }
      },
    };
  },
});
