import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  enclosingFunctionOf,
  findVariableOf,
  isFunction,
  isReadableKind,
  isSingleAssignment,
  isWithin,
  isWritableKind,
  listenerMethods,
  moduleSpecifierOf,
  propertyName,
  resolveQualifiedName,
  skipTransparent,
  streamKindOf,
  type StreamKind,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import {
  bindingFor,
  insertStatementAfterImports,
  removeImportsOnlyUsedIn,
  removeStatement,
  specifierFor,
  usesModuleSyntax,
  type Binding,
} from '../fixes/imports.js';

type MessageIds = 'promisifiedStreamFunction' | 'handMadeFinished' | 'useFinished';

type PromiseFunction = 'pipeline' | 'finished';

/** `util.promisify` of these returns exactly the function of `node:stream/promises` (Node 20). */
const promisifiedFunctions: Record<string, PromiseFunction> = {
  'stream.pipeline': 'pipeline',
  'stream.finished': 'finished',
};


/** The event a hand-made promise resolves on, and the kinds of stream that emit it. */
const settlingEvents: Record<string, (kind: StreamKind) => boolean> = {
  finish: isWritableKind,
  end: isReadableKind,
  close: () => true,
};

export default createRule<[], MessageIds>({
  name: 'prefer-stream-promises',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Prefer pipeline() and finished() from node:stream/promises to promisify() and hand-made promises',
      level: 'expert',
      topic: 'advanced piping',
      recommended: 'strict',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      promisifiedStreamFunction: "'promisify({{name}})' is a detour: 'node:stream/promises' exports '{{name}}()' ready to await.",
      handMadeFinished: "This promise waits for '{{event}}' or 'error': a stream destroyed without an error leaves it pending.",
      useFinished: "Replace the promise with '{{call}}'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;

    function checkPromisify(call: TSESTree.CallExpression): void {
      const [wrapped] = call.arguments;
      if (call.arguments.length !== 1 || wrapped.type === AST_NODE_TYPES.SpreadElement) return;
      if (resolveQualifiedName(sourceCode, call.callee) !== 'util.promisify') return;
      const qualified = resolveQualifiedName(sourceCode, wrapped);
      const name = qualified ? promisifiedFunctions[qualified] : undefined;
      // readable-stream's own pipeline is another implementation: its users keep it.
      if (!name || !isCoreStreamSpecifier(moduleSpecifierOf(sourceCode, wrapped))) return;
      context.report({
        node: call,
        messageId: 'promisifiedStreamFunction',
        data: { name },
        fix: sourceCode.getCommentsInside(call).length > 0 ? null : (fixer) => promisifyFix(fixer, call, name),
      });
    }

    /**
     * `const pipelineAsync = promisify(pipeline)` at the top becomes an import under the same name,
     * after the file's other imports (in its place when a comment above it speaks of it); the
     * imports that only the call used go.
     */
    function promisifyFix(fixer: TSESLint.RuleFixer, call: TSESTree.CallExpression, name: PromiseFunction): TSESLint.RuleFix[] {
      const declarator = topLevelDeclarator(call);
      if (declarator && sourceCode.getCommentsInside(declarator.parent).length === 0) {
        const declaration = declarator.parent;
        const local = (declarator.id as TSESTree.Identifier).name;
        const specifier = specifierFor(sourceCode, 'stream/promises');
        const moduleSyntax = usesModuleSyntax(sourceCode);
        if (declaration.declarations.length === 1 && (!moduleSyntax || isSingleAssignment(sourceCode.getDeclaredVariables(declarator)[0]))) {
          const semicolon = sourceCode.getText(declaration).endsWith(';') ? ';' : '';
          const line = moduleSyntax
            ? `import { ${local === name ? name : `${name} as ${local}`} } from '${specifier}'${semicolon}`
            : `${declaration.kind} { ${local === name ? name : `${name}: ${local}`} } = require('${specifier}')${semicolon}`;
          const unused = removeImportsOnlyUsedIn(sourceCode, fixer, declaration);
          if (sourceCode.getCommentsBefore(declaration).length > 0) return [fixer.replaceText(declaration, line), ...unused.fixes];
          return [
            removeStatement(sourceCode, fixer, declaration),
            insertStatementAfterImports(sourceCode, fixer, line, new Set([...unused.removed, declaration])),
            ...unused.fixes,
          ];
        }
        if (!moduleSyntax) {
          const pattern = local === name ? name : `${name}: ${local}`;
          return [fixer.replaceText(declarator, `{ ${pattern} } = require('${specifier}')`), ...removeImportsOnlyUsedIn(sourceCode, fixer, call).fixes];
        }
      }
      const binding = promisesBinding(fixer, call, name, removeImportsOnlyUsedIn(sourceCode, fixer, call).removed);
      if (!binding) return [];
      // Computed again beside the import the binding adds: ESLint takes no fix whose parts touch.
      const unused = removeImportsOnlyUsedIn(sourceCode, fixer, call, binding.fixes);
      return [...binding.fixes, fixer.replaceText(call, binding.expression), ...unused.fixes];
    }

    /**
     * How to reach `name` of node:stream/promises at `site`: an import the file has or gets, or in
     * CommonJS an inline require when the name is taken.
     */
    function promisesBinding(
      fixer: TSESLint.RuleFixer,
      site: TSESTree.Node,
      name: PromiseFunction,
      removing?: ReadonlySet<TSESTree.Node>,
    ): Binding | null {
      const binding = bindingFor(sourceCode, fixer, 'stream/promises', name, (variable) => isCoreBindingAt(variable, site), removing);
      if (binding) return binding;
      if (usesModuleSyntax(sourceCode)) return null;
      return { expression: `require('${specifierFor(sourceCode, 'stream/promises')}').${name}`, fixes: [] };
    }

    /**
     * A top-level variable that `site` sees, that holds its value when `site` runs, and that comes
     * from core (a promisified readable-stream pipeline resolves to the same name, but is not it).
     */
    function isCoreBindingAt(variable: TSESLint.Scope.Variable, site: TSESTree.Node): boolean {
      const identifier = variable.identifiers[0];
      const definition = variable.defs[0];
      if (!identifier || !definition || ASTUtils.findVariable(sourceCode.getScope(site), variable.name) !== variable) {
        return false;
      }
      // `export const early = promisify(pipeline)` must not become `early = early`.
      if (isWithin(site, definition.node)) return false;
      // Read at the top before its declaration runs, it would not be initialised yet.
      const hoisted = definition.type === 'ImportBinding';
      if (!hoisted && identifier.range[0] > site.range[0] && !enclosingFunctionOf(site)) return false;
      return isCoreStreamSpecifier(moduleSpecifierOf(sourceCode, identifier));
    }

    function checkPromise(node: TSESTree.NewExpression): void {
      const settling = handMadeFinished(node);
      if (!settling) return;
      const streamText = sourceCode.getText(settling.stream);
      const options =
        settling.kind !== 'duplex' || settling.event === 'close'
          ? ''
          : settling.event === 'finish'
            ? ', { readable: false }'
            : ', { writable: false }';
      context.report({
        loc: { start: node.loc.start, end: node.callee.loc.end },
        messageId: 'handMadeFinished',
        data: { event: settling.event },
        suggest: [
          {
            messageId: 'useFinished',
            data: { call: `finished(${streamText}${options})` },
            fix: (fixer) => {
              const binding = promisesBinding(fixer, node, 'finished');
              return binding
                ? [...binding.fixes, fixer.replaceText(node, `${binding.expression}(${streamText}${options})`)]
                : [];
            },
          },
        ],
      });
    }

    /**
     * `new Promise((resolve, reject) => { s.on('finish', resolve); s.on('error', reject); })` and
     * nothing else, for one stream whose kind emits that event.
     */
    function handMadeFinished(node: TSESTree.NewExpression): { stream: TSESTree.Node; event: string; kind: StreamKind } | null {
      if (!isGlobalPromise(node.callee) || node.arguments.length !== 1) return null;
      const executor = node.arguments[0];
      if (!isFunction(executor) || executor.async || executor.params.length !== 2) return null;
      const [resolve, reject] = executor.params;
      if (resolve.type !== AST_NODE_TYPES.Identifier || reject.type !== AST_NODE_TYPES.Identifier) return null;
      const listeners = listenersOf(executor.body);
      if (listeners?.length !== 2) return null;
      const failure = listeners.find((listener) => listener.event === 'error');
      const success = listeners.find((listener) => listener.event !== 'error');
      if (!failure || !success || !(success.event in settlingEvents)) return null;
      if (!forwards(failure.handler, reject.name, true) || !forwards(success.handler, resolve.name, false)) return null;
      const stream = failure.stream;
      // In a function executor, `this` is not the `this` around the promise.
      if (executor.type !== AST_NODE_TYPES.ArrowFunctionExpression && usesThis(stream)) return null;
      if (!isPlainReference(stream) || sourceCode.getText(stream) !== sourceCode.getText(success.stream)) return null;
      const kind = streamKindOf(sourceCode, stream);
      return kind && settlingEvents[success.event](kind) ? { stream, event: success.event, kind } : null;
    }

    function isGlobalPromise(callee: TSESTree.Node): boolean {
      if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'Promise') return false;
      const variable = findVariableOf(sourceCode, callee);
      return !variable || variable.defs.length === 0;
    }

    return {
      CallExpression: checkPromisify,
      NewExpression: checkPromise,
    };
  },
});

function isCoreStreamSpecifier(specifier: string | null): boolean {
  return specifier !== null && /^(node:)?stream(\/promises)?$/.test(specifier);
}

/** The declarator `const name = promisify(…)` of a top-level declaration, with a plain name. */
function topLevelDeclarator(call: TSESTree.CallExpression): TSESTree.VariableDeclarator | null {
  const declarator = call.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== call) return null;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.typeAnnotation) return null;
  if (declarator.parent.declare || declarator.parent.parent?.type !== AST_NODE_TYPES.Program) return null;
  return declarator;
}

interface Listener {
  stream: TSESTree.Node;
  event: string;
  handler: TSESTree.Node;
}

/** The listeners an executor body adds, when adding listeners is all it does. */
function listenersOf(body: TSESTree.Node): Listener[] | null {
  if (body.type !== AST_NODE_TYPES.BlockStatement) return listenerChain(body);
  const listeners: Listener[] = [];
  for (const statement of body.body) {
    const chain = statement.type === AST_NODE_TYPES.ExpressionStatement ? listenerChain(statement.expression) : null;
    if (!chain) return null;
    listeners.push(...chain);
  }
  return listeners;
}

/** `s.on('error', reject).on('finish', resolve)`: each call of the chain, on the stream at its root. */
function listenerChain(expression: TSESTree.Node): Listener[] | null {
  const listeners: Listener[] = [];
  let current = skipTransparent(expression);
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTransparent(current.callee);
    const [event, handler] = current.arguments;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !listenerMethods.has(propertyName(callee) ?? '')) return null;
    if (current.arguments.length !== 2 || event.type !== AST_NODE_TYPES.Literal || typeof event.value !== 'string') {
      return null;
    }
    listeners.unshift({ stream: callee.object, event: event.value, handler });
    current = skipTransparent(callee.object);
  }
  if (listeners.length === 0) return null;
  // Every call of a chain listens on the same object: the root.
  return listeners.map((listener) => ({ ...listener, stream: current }));
}

/**
 * `resolve` itself, or `() => resolve()`; with `withError`, `reject` or `(error) => reject(error)`:
 * a handler that passes on nothing else.
 */
function forwards(handler: TSESTree.Node, name: string, withError: boolean): boolean {
  if (handler.type === AST_NODE_TYPES.Identifier) return handler.name === name;
  if (!isFunction(handler) || handler.async || handler.generator) return false;
  if (handler.params.some((parameter) => parameter.type === AST_NODE_TYPES.Identifier && parameter.name === name)) return false;
  const body = handler.body;
  const expression =
    body.type !== AST_NODE_TYPES.BlockStatement
      ? body
      : body.body.length === 1 && body.body[0].type === AST_NODE_TYPES.ExpressionStatement
        ? body.body[0].expression
        : null;
  if (expression?.type !== AST_NODE_TYPES.CallExpression) return false;
  if (expression.callee.type !== AST_NODE_TYPES.Identifier || expression.callee.name !== name) return false;
  if (!withError) return expression.arguments.length === 0;
  const [parameter] = handler.params;
  const [argument] = expression.arguments;
  return (
    expression.arguments.length === 1 &&
    parameter?.type === AST_NODE_TYPES.Identifier &&
    argument.type === AST_NODE_TYPES.Identifier &&
    argument.name === parameter.name
  );
}

function usesThis(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ThisExpression || (node.type === AST_NODE_TYPES.MemberExpression && usesThis(node.object));
}

/** `s`, `this.output`, `child.stdout`: the same stream each time it is written. */
function isPlainReference(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && !node.optional && isPlainReference(node.object);
}
