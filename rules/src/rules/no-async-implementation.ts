import { ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import { implementationOf } from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type MessageIds = 'asyncWithCallback' | 'asyncWithoutCallback';

export default createRule<[], MessageIds>({
  name: 'no-async-implementation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow async _transform, _write, _flush and the other implementations that Node hands a callback',
      level: 'advanced',
      topic: 'custom streams',
      recommended: 'recommended',
    },
    messages: {
      asyncWithCallback:
        "async {{name}} takes a callback, but Node ignores the promise it returns: when it rejects, the stream never hears of it and waits for '{{callback}}' forever, while the process reports an unhandled rejection. Drop async and call back from .then(…, callback), or wrap the body in try/catch that calls back with the error.",
      asyncWithoutCallback:
        '{{name}} is async and declares no callback: Node does not wait for the promise, only for the callback it passes, so the stream stops here.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;

    function check(fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration): void {
      if (!fn.async) return;
      const implementation = implementationOf(sourceCode, fn);
      if (!implementation?.takesCallback) return;
      context.report({
        loc: ASTUtils.getFunctionHeadLocation(fn, sourceCode),
        messageId: implementation.declaresCallback ? 'asyncWithCallback' : 'asyncWithoutCallback',
        data: { name: implementation.displayName, callback: implementation.callback?.name ?? 'callback' },
      });
    }

    return {
      FunctionExpression: check,
      ArrowFunctionExpression: check,
      FunctionDeclaration: check,
    };
  },
});
