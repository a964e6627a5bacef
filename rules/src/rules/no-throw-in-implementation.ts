import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import {
  callbackUses,
  enclosingFunctionOf,
  implementationOf,
  iterationCall,
  type ImplementationName,
  type SourceCode,
  type StreamImplementation,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type MessageIds = 'throwInImplementation' | 'callBackWithError';

/**
 * The implementations Node calls without a try: their throw leaves through `write()`. Node catches
 * throws from `_read`, `_flush`, `_final`, `_destroy` and `_construct` and destroys the stream.
 */
const uncaughtImplementations = new Set<ImplementationName>(['write', 'writev', 'transform']);

export default createRule<[], MessageIds>({
  name: 'no-throw-in-implementation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow throw in _transform, _write and _writev: pass the error to the callback',
      level: 'advanced',
      topic: 'custom streams',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      throwInImplementation: "This throw in '{{name}}' escapes from the 'write()' that fed the chunk and crashes the process.",
      callBackWithError: "Pass the error to the callback: 'return {{callback}}(error)'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      ThrowStatement(node) {
        // A function an array method runs per element runs inside the implementation, now.
        let fn = enclosingFunctionOf(node);
        let perElement = false;
        for (let call = fn && iterationCall(fn); call; call = fn && iterationCall(fn)) {
          fn = enclosingFunctionOf(call);
          perElement = true;
        }
        const implementation = fn && implementationOf(sourceCode, fn);
        if (!implementation || !uncaughtImplementations.has(implementation.name)) return;
        // An async implementation rejects instead: no-async-implementation's concern.
        if (implementation.function.async || isCaught(node, implementation.function) || isRethrow(node)) return;
        // `return callback(…)` would return from the per-element function only.
        const callback = perElement || mayHaveCalledBack(sourceCode, implementation, node) ? null : reachableCallback(implementation, node);
        context.report({
          node,
          messageId: 'throwInImplementation',
          data: { name: implementation.displayName },
          suggest: callback
            ? [
                {
                  messageId: 'callBackWithError',
                  data: { callback },
                  fix: (fixer) => fixer.replaceText(node, `return ${callback}(${sourceCode.getText(node.argument)});`),
                },
              ]
            : [],
        });
      },
    };

    /** The callback's name, when it is declared and not hidden by another variable at `node`. */
    function reachableCallback(implementation: StreamImplementation, node: TSESTree.Node): string | null {
      const parameter = implementation.callback;
      if (!parameter) return null;
      const declared = sourceCode.getDeclaredVariables(implementation.function).find((each) => each.name === parameter.name);
      const seen = ASTUtils.findVariable(sourceCode.getScope(node), parameter.name);
      return declared && seen === declared ? parameter.name : null;
    }
  },
});

/**
 * `catch (e) { if (cbCalled) throw e; cb(e); }` (fast-csv): the error the try let through goes on
 * as if nothing had caught it, and a call that throws is not this rule's report either.
 */
function isRethrow(node: TSESTree.ThrowStatement): boolean {
  const thrown = node.argument;
  if (thrown.type !== AST_NODE_TYPES.Identifier) return false;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) {
      return current.param?.type === AST_NODE_TYPES.Identifier && current.param.name === thrown.name;
    }
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  }
  return false;
}

/** Whether a `try` between the throw and the function catches it. */
function isCaught(node: TSESTree.Node, fn: TSESTree.Node): boolean {
  let child = node;
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.block === child && current.handler) return true;
    child = current;
  }
  return false;
}

/**
 * Whether the callback may already have been called or handed on when the throw runs: then
 * `return callback(error)` would call it twice (fast-csv rethrows from a catch when it was).
 */
function mayHaveCalledBack(sourceCode: SourceCode, implementation: StreamImplementation, node: TSESTree.Node): boolean {
  const found = callbackUses(sourceCode, implementation);
  if (!found) return true;
  return found.uses.some((use) => use.site.range[0] < node.range[0] && !leavesBefore(use.site, node));
}

const contains = (outer: TSESTree.Node, inner: TSESTree.Node) => outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];

/** Whether the code at `site` cannot go on to `target`: it returns or throws first, or they sit in two branches of one `if`. */
function leavesBefore(site: TSESTree.Node, target: TSESTree.Node): boolean {
  for (let child = site, parent = site.parent; parent; child = parent, parent = parent.parent) {
    if (contains(parent, target)) {
      const isBranching = parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression;
      return isBranching && (parent as TSESTree.IfStatement | TSESTree.ConditionalExpression).test !== child;
    }
    if (parent.type === AST_NODE_TYPES.ReturnStatement) return true;
    const statements: TSESTree.Node[] =
      parent.type === AST_NODE_TYPES.BlockStatement ? parent.body : parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : [];
    const rest = statements.slice(statements.indexOf(child));
    if (rest.some((statement) => statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement)) {
      return true;
    }
  }
  return false;
}
