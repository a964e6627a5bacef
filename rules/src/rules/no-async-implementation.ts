import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import {
  descendantsOf,
  implementationOf,
  isFunction,
  propertyName,
  type SourceCode,
  type StreamImplementation,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type MessageIds = 'asyncWithCallback' | 'asyncWithoutCallback' | 'asyncWithoutErrorPath';

type Options = [{ requireErrorPath?: boolean }];

export default createRule<Options, MessageIds>({
  name: 'no-async-implementation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow async _transform, _write, _flush and the other implementations that Node hands a callback',
      level: 'advanced',
      topic: 'custom streams',
      recommended: 'recommended',
      strictOptions: [{ requireErrorPath: true }],
    },
    messages: {
      asyncWithCallback: "Node ignores the promise of async '{{name}}': a rejection never calls '{{callback}}', so it stalls.",
      asyncWithoutCallback: "Node waits for a callback, not for the promise of async '{{name}}': the stream stalls here.",
      asyncWithoutErrorPath: "A rejection in async '{{name}}' never reaches the stream: it stalls; the rejection goes unhandled.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          requireErrorPath: {
            type: 'boolean',
            description: 'Also report an async implementation without a callback (_read) whose failures reach no destroy(), emit(\'error\') or callback.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ requireErrorPath: false }],
  create(context, [{ requireErrorPath }]) {
    const sourceCode = context.sourceCode;

    function check(fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration): void {
      if (!fn.async) return;
      const implementation = implementationOf(sourceCode, fn);
      if (!implementation) return;
      if (!implementation.takesCallback) {
        if (requireErrorPath && !hasErrorPath(sourceCode, implementation)) {
          context.report({
            loc: ASTUtils.getFunctionHeadLocation(fn, sourceCode),
            messageId: 'asyncWithoutErrorPath',
            data: { name: implementation.displayName },
          });
        }
        return;
      }
      // The fix the message asks for: every wait under a try whose catch calls back with the error.
      if (implementation.declaresCallback && awaitsAreSettled(sourceCode, implementation)) return;
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

/**
 * Whether the failures of an async implementation reach the stream: it has a `catch` (a clause or
 * a promise's `.catch()`) that hands the error on, and every `await` lies under one.
 */
function hasErrorPath(sourceCode: SourceCode, implementation: StreamImplementation): boolean {
  return waitsHandled(sourceCode, implementation) === 'handed';
}

/**
 * Whether no wait of an implementation that takes a callback can reject past it: each `await` is a
 * promise that only resolves, or lies under a catch that hands the error on, in a try that does not
 * call back itself (called after an await, the callback can throw into the try, and the catch
 * calls it again).
 */
function awaitsAreSettled(sourceCode: SourceCode, implementation: StreamImplementation): boolean {
  return waitsHandled(sourceCode, implementation, { callbackOutsideTry: true }) !== 'unhandled';
}

/**
 * How the waits of an async implementation fail: `unhandled` when one can reject past every catch;
 * `handed` when each is handled and some catch hands an error on; `none` when nothing it waits for
 * can reject.
 */
function waitsHandled(
  sourceCode: SourceCode,
  implementation: StreamImplementation,
  { callbackOutsideTry } = { callbackOutsideTry: false },
): 'unhandled' | 'handed' | 'none' {
  const fn = implementation.function;
  let handsOn = false;
  for (const node of [fn.body, ...descendantsOf(sourceCode, fn.body, { intoFunctions: false })]) {
    if (node.type === AST_NODE_TYPES.TryStatement && node.handler && handsErrorOn(sourceCode, node.handler, implementation)) {
      handsOn = true;
    }
    const waits = node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await);
    if (!waits) continue;
    if (node.type === AST_NODE_TYPES.AwaitExpression && catchesItself(sourceCode, node.argument, implementation)) {
      handsOn = true;
    } else if (!isUnderHandingTry(sourceCode, node, implementation, callbackOutsideTry) && !(node.type === AST_NODE_TYPES.AwaitExpression && onlyResolves(node.argument))) {
      return 'unhandled';
    }
  }
  return handsOn ? 'handed' : 'none';
}

/**
 * `new Promise((resolve) => this.once('done', resolve))`: an executor that takes no `reject` and
 * only registers a function or calls one it is given cannot make the promise reject.
 */
function onlyResolves(awaited: TSESTree.Node): boolean {
  if (awaited.type !== AST_NODE_TYPES.NewExpression || awaited.callee.type !== AST_NODE_TYPES.Identifier || awaited.callee.name !== 'Promise') return false;
  const executor = awaited.arguments[0];
  if (!executor || !isFunction(executor) || executor.params.length > 1 || executor.async) return false;
  const statements = executor.body.type === AST_NODE_TYPES.BlockStatement ? executor.body.body : [executor.body];
  return statements.every((statement) => {
    const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : statement;
    return expression.type === AST_NODE_TYPES.CallExpression && expression.arguments.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement);
  });
}

/** `await load().catch((error) => this.destroy(error))`, or `.then(ok, fail)` alike. */
function catchesItself(sourceCode: SourceCode, awaited: TSESTree.Node, implementation: StreamImplementation): boolean {
  if (awaited.type !== AST_NODE_TYPES.CallExpression || awaited.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(awaited.callee);
  const handler = method === 'catch' ? awaited.arguments[0] : method === 'then' ? awaited.arguments[1] : undefined;
  return handler !== undefined && isFunction(handler) && handsErrorOn(sourceCode, handler.body, implementation);
}

function isUnderHandingTry(sourceCode: SourceCode, node: TSESTree.Node, implementation: StreamImplementation, callbackOutsideTry: boolean): boolean {
  let child = node;
  for (let current = node.parent; current && current !== implementation.function; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.TryStatement &&
      current.block === child &&
      current.handler &&
      handsErrorOn(sourceCode, current.handler, implementation) &&
      !(callbackOutsideTry && callsCallback(sourceCode, current.block, implementation))
    ) {
      return true;
    }
    child = current;
  }
  return false;
}

/** Whether code calls the implementation's callback by its name. */
function callsCallback(sourceCode: SourceCode, code: TSESTree.Node, implementation: StreamImplementation): boolean {
  const name = implementation.callback?.name;
  return [...descendantsOf(sourceCode, code, { intoFunctions: true })].some(
    (node) => node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === name,
  );
}

/** Code that calls `destroy(…)`, `emit('error', …)` or the implementation's callback with an error. */
function handsErrorOn(sourceCode: SourceCode, code: TSESTree.Node, implementation: StreamImplementation): boolean {
  for (const node of [code, ...descendantsOf(sourceCode, code, { intoFunctions: true })]) {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length === 0) continue;
    const callee = node.callee;
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === implementation.callback?.name) return true;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = propertyName(callee);
    const [first] = node.arguments;
    if (method === 'destroy') return true;
    if (method === 'emit' && first.type === AST_NODE_TYPES.Literal && first.value === 'error' && node.arguments.length > 1) return true;
  }
  return false;
}
