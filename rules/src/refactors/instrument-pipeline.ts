/**
 * "Instrument this pipeline" and "Remove instrumentation", for the expert level's profiling: a
 * measuring pass-through between each two stages of a `pipeline(…)` call, and back.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { resolveQualifiedName } from '../analysis/module-bindings.js';
import { pipelineFunctions } from '../analysis/stream-api.js';
import { streamKindOf } from '../analysis/stream-sources.js';
import { findVariableOf, isFunction, type SourceCode } from '../analysis/syntax/index.js';
import { bindingFor } from '../fixes/imports.js';
import { indentOf, indentUnit } from '../fixes/source-text.js';
import { helperMarker, helperName, helperSource, quoted, stageLabel } from './instrumentation-helper.js';
import { refactorRule, selectionOf, touches, type RefactorContext } from './selection.js';

type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

function isPipelineCall(sourceCode: SourceCode, node: TSESTree.CallExpression): boolean {
  return pipelineFunctions.has(resolveQualifiedName(sourceCode, node.callee) ?? '');
}

/** The streams of a pipeline call: without its callback or its options object. */
function stagesOf(sourceCode: SourceCode, call: TSESTree.CallExpression): TSESTree.Expression[] | null {
  if (call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return null;
  const args = call.arguments as TSESTree.Expression[];
  const last = args.at(-1);
  if (!last) return null;
  const isCallbackForm = resolveQualifiedName(sourceCode, call.callee) === 'stream.pipeline';
  const lastIsCallback =
    isCallbackForm &&
    ((isFunction(last) && !last.async && !last.generator) ||
      (last.type === AST_NODE_TYPES.Identifier && streamKindOf(sourceCode, last) === null));
  const lastIsOptions = !isCallbackForm && last.type === AST_NODE_TYPES.ObjectExpression;
  return lastIsCallback || lastIsOptions ? args.slice(0, -1) : args;
}

function isMeasureCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === helperName
  );
}

/** The helper this action inserted earlier, recognised by its name and its comment. */
function findHelper(sourceCode: SourceCode): TSESTree.FunctionDeclaration | null {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.FunctionDeclaration || statement.id?.name !== helperName) continue;
    const comments = sourceCode.getCommentsBefore(statement);
    if (comments.some((comment) => `//${comment.value}`.startsWith(helperMarker))) return statement;
  }
  return null;
}

function isTypeScript(filename: string): boolean {
  return /\.[mc]?tsx?$/.test(filename);
}

function instrument(context: RefactorContext, fixer: Fixer, stages: TSESTree.Expression[]): Fix[] {
  const sourceCode = context.sourceCode;
  const fixes: Fix[] = [];
  if (!findHelper(sourceCode)) {
    const binding = bindingFor(sourceCode, fixer, 'stream', 'Transform');
    if (!binding) return [];
    fixes.push(...binding.fixes);
    const helper = helperSource(binding.expression, isTypeScript(context.filename), indentUnit(sourceCode));
    const end = sourceCode.text.length;
    fixes.push(fixer.insertTextAfterRange([end, end], `${sourceCode.text.endsWith('\n') ? '\n' : '\n\n'}${helper}\n`));
  }
  for (let index = 0; index + 1 < stages.length; index += 1) {
    const [stage, next] = [stages[index], stages[index + 1]];
    const label = quoted(`${stageLabel(sourceCode.getText(stage))} → ${stageLabel(sourceCode.getText(next))}`);
    const separator = stage.loc.end.line === next.loc.start.line ? ' ' : `\n${indentOf(sourceCode, next)}`;
    fixes.push(fixer.insertTextAfter(stage, `,${separator}${helperName}(${label})`));
  }
  return fixes;
}

/** From the end of what comes before `node` (code or comment) to the end of `node`. */
function rangeWithLeadingSpace(sourceCode: SourceCode, node: TSESTree.Node | TSESTree.Comment): TSESTree.Range {
  const before = sourceCode.getTokenBefore(node, { includeComments: true });
  return [before ? before.range[1] : node.range[0], node.range[1]];
}

/** The whole lines a statement takes, with its line break. */
function linesOf(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.Range {
  const start = node.range[0] - node.loc.start.column;
  const lineEnd = sourceCode.text.indexOf('\n', node.range[1]);
  return [start, lineEnd === -1 ? sourceCode.text.length : lineEnd + 1];
}

/** Removes the import of the helper's `Transform` when nothing else uses it. */
function removeUnusedTransformImport(sourceCode: SourceCode, fixer: Fixer, helper: TSESTree.FunctionDeclaration): Fix[] {
  let created: TSESTree.NewExpression | undefined;
  for (const statement of helper.body.body) {
    if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument?.type === AST_NODE_TYPES.NewExpression) {
      created = statement.argument;
    }
  }
  if (created?.callee.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = findVariableOf(sourceCode, created.callee);
  const definition = variable?.defs[0];
  if (!variable || !definition || variable.defs.length !== 1) return [];
  const usedElsewhere = variable.references.some(
    (reference) => !reference.init && (reference.identifier.range[0] < helper.range[0] || reference.identifier.range[1] > helper.range[1]),
  );
  if (usedElsewhere) return [];
  const definitionNode = definition.node as TSESTree.Node;
  if (definitionNode.type === AST_NODE_TYPES.ImportSpecifier) {
    const declaration = definitionNode.parent as TSESTree.ImportDeclaration;
    return [removeListItem(sourceCode, fixer, declaration, declaration.specifiers, definitionNode)];
  }
  if (definitionNode.type === AST_NODE_TYPES.VariableDeclarator && definitionNode.id.type === AST_NODE_TYPES.ObjectPattern) {
    const property = definitionNode.id.properties.find(
      (each) => each.type === AST_NODE_TYPES.Property && each.value.type === AST_NODE_TYPES.Identifier && each.value.name === variable.name,
    );
    const declaration = definitionNode.parent as TSESTree.VariableDeclaration;
    if (!property || declaration.declarations.length !== 1) return [];
    return [removeListItem(sourceCode, fixer, declaration, definitionNode.id.properties, property)];
  }
  return [];
}

/** Removes `item` and its comma from `items`, or the whole `statement` when it is the only one. */
function removeListItem(sourceCode: SourceCode, fixer: Fixer, statement: TSESTree.Node, items: readonly TSESTree.Node[], item: TSESTree.Node): Fix {
  if (items.length === 1) return fixer.removeRange(linesOf(sourceCode, statement));
  const index = items.indexOf(item);
  return index > 0
    ? fixer.removeRange([items[index - 1].range[1], item.range[1]])
    : fixer.removeRange([item.range[0], items[index + 1].range[0]]);
}

function removeInstrumentation(sourceCode: SourceCode, fixer: Fixer, call: TSESTree.CallExpression): Fix[] {
  const measures = call.arguments.filter(isMeasureCall);
  const fixes = measures.map((measure) => {
    const index = call.arguments.indexOf(measure);
    return fixer.removeRange([call.arguments[index - 1].range[1], measure.range[1]]);
  });
  const helper = findHelper(sourceCode);
  const othersLeft = countMeasureCalls(sourceCode) > measures.length;
  if (helper && !othersLeft) {
    const [comment] = sourceCode.getCommentsBefore(helper);
    fixes.push(fixer.removeRange([rangeWithLeadingSpace(sourceCode, comment ?? helper)[0], helper.range[1]]));
    fixes.push(...removeUnusedTransformImport(sourceCode, fixer, helper));
  }
  return fixes;
}

function countMeasureCalls(sourceCode: SourceCode): number {
  const helper = findHelper(sourceCode);
  if (!helper?.id) return 0;
  const variable = findVariableOf(sourceCode, helper.id);
  return variable?.references.filter((reference) => isMeasureCall(reference.identifier.parent as TSESTree.Node)).length ?? 0;
}

// Instrumentation is for experts' profiling: hidden with that level.
export const instrumentPipeline = refactorRule(
  { description: 'Inserts a measuring pass-through between each two stages of a pipeline() call.', level: 'expert' },
  { instrument: 'Instrument this pipeline' },
  (context) => {
    const selection = selectionOf(context);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (!touches(selection, node) || !isPipelineCall(context.sourceCode, node)) return;
        const stages = stagesOf(context.sourceCode, node);
        if (!stages || stages.length < 2 || stages.some(isMeasureCall)) return;
        context.report({ node, messageId: 'instrument', fix: (fixer) => instrument(context, fixer, stages) });
      },
    };
  },
);

export const removePipelineInstrumentation = refactorRule(
  { description: 'Takes out what "Instrument this pipeline" inserted.', level: 'expert' },
  { remove: 'Remove instrumentation' },
  (context) => {
    const selection = selectionOf(context);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (!touches(selection, node) || !isPipelineCall(context.sourceCode, node)) return;
        if (!node.arguments.some(isMeasureCall)) return;
        context.report({ node, messageId: 'remove', fix: (fixer) => removeInstrumentation(context.sourceCode, fixer, node) });
      },
    };
  },
);
