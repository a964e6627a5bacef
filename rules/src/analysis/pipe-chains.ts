import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { sameStreamMethods } from './stream-api.js';
import { streamKindOf } from './stream-sources.js';
import { propertyName, skipTransparent, type SourceCode } from './syntax/index.js';

/** `source.pipe(a).pipe(b)`: the source, then each destination in order. */
export interface PipeChain {
  /** The last `.pipe()` call: its value is the last destination. */
  outermost: TSESTree.CallExpression;
  stages: TSESTree.Expression[];
  pipeCalls: TSESTree.CallExpression[];
  /** Only `.pipe(destination)` calls, no options and no other methods in between. */
  isPlain: boolean;
}

export function isPipeCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTransparent(node.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(callee) === 'pipe' &&
    (node.arguments.length === 1 || node.arguments.length === 2) &&
    node.arguments[0].type !== AST_NODE_TYPES.SpreadElement
  );
}

/** The call whose receiver is `node` (`node.method(…)`), if any. */
function callOnValue(node: TSESTree.Node): { call: TSESTree.CallExpression; method: string } | null {
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.ChainExpression) current = current.parent;
  const member = current.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return null;
  const call = member.parent;
  const method = propertyName(member);
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || !method) return null;
  return { call, method };
}

/** The outermost pipe call of the chain that `pipeCall` belongs to. */
export function outermostPipeCall(pipeCall: TSESTree.CallExpression): TSESTree.CallExpression {
  let outermost = pipeCall;
  let current: TSESTree.Node = pipeCall;
  for (let next = callOnValue(current); next; next = callOnValue(current)) {
    if (next.method === 'pipe' && isPipeCall(next.call)) outermost = next.call;
    else if (!sameStreamMethods.has(next.method)) break;
    current = next.call;
  }
  return outermost;
}

export function pipeChainOf(pipeCall: TSESTree.CallExpression): PipeChain {
  const outermost = outermostPipeCall(pipeCall);
  const stages: TSESTree.Expression[] = [];
  const pipeCalls: TSESTree.CallExpression[] = [];
  let isPlain = true;
  let current: TSESTree.Expression = outermost;
  for (;;) {
    const node = skipTransparent(current) as TSESTree.Expression;
    if (node.type !== AST_NODE_TYPES.CallExpression) break;
    const callee = skipTransparent(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    const method = propertyName(callee);
    if (method === 'pipe' && isPipeCall(node)) {
      stages.unshift(node.arguments[0] as TSESTree.Expression);
      pipeCalls.unshift(node);
      if (node.arguments.length > 1) isPlain = false;
    } else if (method && sameStreamMethods.has(method) && pipeCalls.length > 0) {
      isPlain = false;
    } else {
      break;
    }
    current = callee.object;
  }
  stages.unshift(current);
  return { outermost, stages, pipeCalls, isPlain };
}

/**
 * Whether the chain pipes Node streams: RxJS, gulp-like and other `.pipe()` APIs must show a
 * stream somewhere before we speak.
 */
export function isStreamPipeChain(sourceCode: SourceCode, chain: PipeChain): boolean {
  return chain.stages.some((stage) => streamKindOf(sourceCode, stage) !== null);
}
