import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { listenerCallOf } from './event-listeners.js';
import { sameStreamMethods } from './stream-api.js';
import { isNonStreamLibraryValue } from './origins/usage-evidence.js';
import { isPipeCall, pipeChainOf, type PipeChain } from './pipe-chains.js';
import { followVariable } from './stream-flow.js';
import { findVariableOf, initializerOf, propertyName, skipTransparent, type SourceCode } from './syntax/index.js';
import { streamCreationOf } from './stream-sources.js';

export interface EndOnlyErrorListener {
  chain: PipeChain;
  /** The first stage before the end whose errors nobody hears. */
  unheard: TSESTree.Expression;
}

/**
 * `a.pipe(b).pipe(c).on('error', h)`: an 'error' listener on the end of a `.pipe()` chain, as if
 * `.pipe()` forwarded errors. It does not, so a failure of an earlier stage that has no listener
 * of its own crashes the process. The shape itself is the evidence: no stage needs a known origin.
 * Stages created here are left to the creation's own report, and values of libraries that only
 * look like streams are left alone.
 */
export function endOnlyErrorListenerOf(sourceCode: SourceCode, call: TSESTree.CallExpression): EndOnlyErrorListener | null {
  const listener = listenerCallOf(call);
  if (listener?.event !== 'error' || !isPipeCall(skipTransparent(listener.emitter))) return null;
  const chain = pipeChainOf(skipTransparent(listener.emitter) as TSESTree.CallExpression);
  if (chain.outermost !== skipTransparent(listener.emitter) || chain.stages.some((stage) => isNonStreamLibraryValue(sourceCode, stage))) {
    return null;
  }
  // A stage's value is the stage itself, and for every stage after the source its `.pipe()` call too.
  const unheard = chain.stages
    .slice(0, -1)
    .find((stage, index) => !hasChainedErrorListener(stage) && !(index > 0 && hasChainedErrorListener(chain.pipeCalls[index - 1])) && isUnheardStage(sourceCode, stage));
  return unheard ? { chain, unheard } : null;
}

function isUnheardStage(sourceCode: SourceCode, stage: TSESTree.Expression): boolean {
  const target = skipTransparent(stage);
  if (target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.NewExpression) {
    return streamCreationOf(sourceCode, target) === null;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const created = initializerOf(sourceCode, target);
  const creation = created && skipTransparent(created);
  if ((creation?.type === AST_NODE_TYPES.CallExpression || creation?.type === AST_NODE_TYPES.NewExpression) && streamCreationOf(sourceCode, creation)) {
    return false;
  }
  const variable = findVariableOf(sourceCode, target);
  return variable !== null && variable.defs.length === 1 && !followVariable(sourceCode, variable).errorHandled;
}

/** `s.on('error', h).pipe(…)`: a listener chained on the stage before it is piped on. */
function hasChainedErrorListener(stage: TSESTree.Expression): boolean {
  for (let current: TSESTree.Node = stage; ; ) {
    const member: TSESTree.Node | undefined = current.parent;
    const call: TSESTree.Node | undefined = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return false;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return false;
    if (listenerCallOf(call)?.event === 'error') return true;
    const method = propertyName(member);
    if (!method || method === 'pipe' || !sameStreamMethods.has(method)) return false;
    current = call;
  }
}
