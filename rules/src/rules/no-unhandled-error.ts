import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  conventionalParameter,
  enclosingFunctionOf,
  endOnlyErrorListenerOf,
  findVariableOf,
  followStream,
  followVariable,
  isCompressionStage,
  isPipeCall,
  isStreamPipeChain,
  pipeChainOf,
  skipTransparent,
  streamCreationOf,
  type SourceCode,
  type PipeChain,
  type StreamFate,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import { pipelineFormsFor, rewriteAsPipeline } from '../fixes/pipeline-rewrite.js';
import { indentOf, indentUnit } from '../fixes/source-text.js';

type MessageIds =
  | 'unhandled'
  | 'unhandledPiped'
  | 'unhandledSocket'
  | 'errorListenerOnEnd'
  | 'addErrorListener'
  | 'convertToPipeline'
  | 'convertToAwaitPipeline';

const errorHandler = `(error) => console.error(error)`;

export default createRule<[], MessageIds>({
  name: 'no-unhandled-error',
  meta: {
    type: 'problem',
    docs: {
      description: "Require an 'error' listener on streams created here, so that a failure does not crash the process",
      level: 'intermediate',
      topic: 'error handling',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      unhandled: "The stream from '{{factory}}' has no 'error' listener: a failure crashes the process.",
      unhandledPiped: "The stream from '{{factory}}' is piped with no 'error' listener: a failure crashes Node.",
      unhandledSocket: "The accepted socket '{{name}}' has no 'error' listener: a reset connection crashes the process.",
      errorListenerOnEnd: "Only the end of this '.pipe()' chain listens for 'error': a failure of '{{name}}' crashes Node.",
      addErrorListener: "Add an 'error' listener.",
      convertToPipeline: "Rewrite the chain with 'pipeline(…, callback)', which handles every error.",
      convertToAwaitPipeline: "Rewrite the chain with 'await pipeline(…)' from 'node:stream/promises'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;

    function checkCreation(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const creation = streamCreationOf(sourceCode, node);
      if (!creation?.canFail || creation.errorsHeardByNode) return;
      const fate = followStream(sourceCode, node);
      if (fate.errorHandled || fate.escapes) return;
      if (creation.failsOnlyAsStream && !fate.usedAsStream) return;
      if (isCompressionBetweenHeardStreams(sourceCode, node, fate)) return;
      const piped = fate.pipeSources.length + fate.pipeDestinations.length > 0;
      context.report({
        node,
        messageId: piped ? 'unhandledPiped' : 'unhandled',
        data: { factory: `${creation.factory}(…)` },
        suggest: [...listenerSuggestion(sourceCode, node), ...pipelineSuggestions(sourceCode, node, fate)],
      });
    }

    // An accepted socket comes from a net or tls server, which the file must name.
    const mayAcceptSockets = /\b(net|tls)\b/.test(sourceCode.text);

    function checkAcceptedSockets(fn: TSESTree.FunctionLike): void {
      // The socket is the first parameter of a connection listener.
      const parameter = fn.params[0];
      if (!mayAcceptSockets || parameter?.type !== AST_NODE_TYPES.Identifier) return;
      if (!conventionalParameter(sourceCode, parameter)?.acceptedSocket) return;
      const variable = sourceCode.getDeclaredVariables(fn).find((each) => each.name === parameter.name);
      if (!variable) return;
      const fate = followVariable(sourceCode, variable);
      if (fate.errorHandled || fate.escapes) return;
      context.report({
        node: parameter,
        messageId: 'unhandledSocket',
        data: { name: parameter.name },
        suggest: socketListenerSuggestion(sourceCode, fn, parameter.name),
      });
    }

    // `a.pipe(b).on('error', h)` hears b only; a stage created here has its own report.
    function checkEndOnlyListener(node: TSESTree.CallExpression): void {
      const found = endOnlyErrorListenerOf(sourceCode, node);
      if (!found) return;
      context.report({
        node: found.unheard,
        messageId: 'errorListenerOnEnd',
        data: { name: sourceCode.getText(found.unheard) },
        suggest: chainPipelineSuggestions(sourceCode, found.chain),
      });
    }

    return {
      CallExpression(node) {
        checkCreation(node);
        checkEndOnlyListener(node);
      },
      NewExpression: checkCreation,
      ArrowFunctionExpression: checkAcceptedSockets,
      FunctionExpression: checkAcceptedSockets,
      FunctionDeclaration: checkAcceptedSockets,
    };
  },
});

/**
 * `input.pipe(zlib.createGzip()).pipe(output)` with both ends heard: compressing accepts any bytes,
 * so the stage between them has nothing to fail on, and a failure of either end is heard already.
 */
function isCompressionBetweenHeardStreams(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  fate: StreamFate,
): boolean {
  if (!isCompressionStage(sourceCode, node) || fate.pipeDestinations.length === 0) return false;
  const inputs = fate.pipeDestinations.map((call) => (call.callee as TSESTree.MemberExpression).object);
  const outputs = fate.pipeSources.flatMap((call) => call.arguments.slice(0, 1));
  return [...inputs, ...outputs].every((stream) => {
    const target = skipTransparent(stream);
    const variable = target.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, target) : null;
    return variable !== null && followVariable(sourceCode, variable).errorHandled;
  });
}

type Suggestion = TSESLint.SuggestionReportDescriptor<MessageIds>;

/** Adds the listener right after the declaration, or chained on the creation itself. */
function listenerSuggestion(sourceCode: SourceCode, node: TSESTree.CallExpression | TSESTree.NewExpression): Suggestion[] {
  const declarator = node.parent;
  const declaration = declarator?.parent;
  if (
    declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.id.type === AST_NODE_TYPES.Identifier &&
    declaration?.type === AST_NODE_TYPES.VariableDeclaration &&
    declaration.declarations.length === 1 &&
    !declaration.parent?.type.startsWith('For')
  ) {
    const name = declarator.id.name;
    const indent = indentOf(sourceCode, declaration);
    return [
      {
        messageId: 'addErrorListener',
        fix: (fixer) => fixer.insertTextAfter(declaration, `\n${indent}${name}.on('error', ${errorHandler});`),
      },
    ];
  }
  const text = sourceCode.getText(node);
  // `new PassThrough` without parentheses would swallow the chained call into the `new`.
  const receiver = node.type === AST_NODE_TYPES.NewExpression && !text.endsWith(')') ? `(${text})` : text;
  return [
    {
      messageId: 'addErrorListener',
      fix: (fixer) => fixer.replaceText(node, `${receiver}.on('error', ${errorHandler})`),
    },
  ];
}

function socketListenerSuggestion(sourceCode: SourceCode, fn: TSESTree.FunctionLike, name: string): Suggestion[] {
  const body = fn.body;
  if (body?.type !== AST_NODE_TYPES.BlockStatement) return [];
  const first = body.body[0];
  const indent = first ? indentOf(sourceCode, first) : indentOf(sourceCode, fn) + indentUnit(sourceCode);
  const openBrace = sourceCode.getFirstToken(body)!;
  return [
    {
      messageId: 'addErrorListener',
      fix: (fixer) => fixer.insertTextAfter(openBrace, `\n${indent}${name}.on('error', ${errorHandler});`),
    },
  ];
}

function pipelineSuggestions(sourceCode: SourceCode, creation: TSESTree.Node, fate: StreamFate): Suggestion[] {
  const pipeCall = [...fate.pipeSources, ...fate.pipeDestinations].find((call) => isPipeCall(call));
  if (!pipeCall) return [];
  // A chain in another function (a field piped in another method) is that function's business: a
  // rewrite offered at the creation would change code far from the problem the user is looking at.
  if (enclosingFunctionOf(pipeCall) !== enclosingFunctionOf(creation)) return [];
  const chain = pipeChainOf(pipeCall);
  return isStreamPipeChain(sourceCode, chain) ? chainPipelineSuggestions(sourceCode, chain) : [];
}

function chainPipelineSuggestions(sourceCode: SourceCode, chain: PipeChain): Suggestion[] {
  return pipelineFormsFor(sourceCode, chain).map((form) => ({
    messageId: form === 'await' ? 'convertToAwaitPipeline' : 'convertToPipeline',
    fix: (fixer) => rewriteAsPipeline(sourceCode, fixer, chain, form),
  }));
}
