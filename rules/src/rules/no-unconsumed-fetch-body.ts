import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  bodyFateOf,
  enclosingFunctionOf,
  fetchResponseOfDeclarator,
  fetchResponseOfParameter,
  isFunction,
  type FetchResponse,
  type FunctionNode,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type MessageIds = 'bodyNeverConsumed' | 'bodyLeftOnExit' | 'cancelBody';

export default createRule<[], MessageIds>({
  name: 'no-unconsumed-fetch-body',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the body of a fetch() response to be read or cancelled on every path',
      level: 'expert',
      topic: 'http integration',
      recommended: 'strict',
    },
    hasSuggestions: true,
    messages: {
      bodyNeverConsumed:
        "The body of '{{response}}' is never read nor cancelled: undici holds its connection until GC. Read it, or call '{{cancel}}'.",
      bodyLeftOnExit:
        "This '{{exit}}' leaves the body of '{{response}}' unread: undici holds its connection until GC. Call '{{cancel}}' first.",
      cancelBody: "Cancel the body before leaving: '{{cancel}}'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;

    function cancelCall(response: FetchResponse): string {
      const name = response.variable.name;
      return response.holds === 'body' ? `${name}.dump()` : `${name}.body?.cancel()`;
    }

    function check(response: FetchResponse, owner: FunctionNode | TSESTree.Program): void {
      const fate = bodyFateOf(sourceCode, response, owner);
      const cancel = cancelCall(response);
      const data = { response: response.variable.name, cancel };
      if (fate.neverTakenCareOf) {
        // A parameter's body may be the caller's business; only a fetch made here is surely ours.
        if (response.fetchedHere) context.report({ node: response.origin, messageId: 'bodyNeverConsumed', data });
        return;
      }
      const isAsync = owner.type === AST_NODE_TYPES.Program || owner.async;
      for (const exit of fate.leavingUntouched) {
        const keyword = sourceCode.getFirstToken(exit)?.value ?? 'return';
        const statement = isAsync ? `await ${cancel};` : `${cancel}${response.holds === 'body' ? '' : '?.catch(() => {})'};`;
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [
          {
            messageId: 'cancelBody',
            data: { cancel },
            fix: (fixer) =>
              exit.parent?.type === AST_NODE_TYPES.BlockStatement || exit.parent?.type === AST_NODE_TYPES.SwitchCase || exit.parent?.type === AST_NODE_TYPES.Program
                ? fixer.insertTextBefore(exit, `${statement}\n${indentOf(exit)}`)
                : fixer.replaceText(exit, `{ ${statement} ${sourceCode.getText(exit)} }`),
          },
        ];
        context.report({ node: exit, messageId: 'bodyLeftOnExit', data: { ...data, exit: keyword }, suggest });
      }
    }

    function indentOf(node: TSESTree.Node): string {
      const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
      return line.slice(0, node.loc.start.column).replace(/\S.*$/, '');
    }

    return {
      VariableDeclarator(declarator) {
        for (const response of fetchResponseOfDeclarator(sourceCode, declarator)) {
          check(response, enclosingFunctionOf(declarator) ?? sourceCode.ast);
        }
      },
      ':function'(fn: FunctionNode) {
        if (!isFunction(fn) || !fn.body) return;
        for (const parameter of fn.params) {
          const response = fetchResponseOfParameter(sourceCode, parameter);
          if (response) check(response, fn);
        }
      },
    };
  },
});
