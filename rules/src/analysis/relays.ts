import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { listenerFunctionOf, listenerRegistrationOf } from './repeating-contexts.js';
import { isReadableKind } from './stream-kind.js';
import { streamKindOf } from './stream-sources.js';
import { descendantsOf, isFunction, listenerSites, type FunctionNode, type SourceCode } from './syntax/index.js';
import { isMadeOutside, writableReceiverOf } from './writable-writes.js';

/**
 * A relay made by hand: a `'data'` or `'readable'` handler on a readable stream that writes what
 * it gets to a writable stream, the anti-pattern of Node's backpressure guide. Its writes belong
 * to the relay: whether they respect backpressure is a question about the relay as a whole.
 */
export interface Relay {
  registration: TSESTree.CallExpression;
  source: TSESTree.Expression;
  event: 'data' | 'readable';
  handler: FunctionNode;
  writes: RelayWrite[];
}

export interface RelayWrite {
  call: TSESTree.CallExpression;
  destination: TSESTree.Expression;
}

const writeMethod = new Set(['write']);

/** The relay that `call` registers, if it registers one. */
export function relayOf(sourceCode: SourceCode, call: TSESTree.CallExpression): Relay | null {
  const registration = listenerRegistrationOf(call);
  if (!registration || (registration.event !== 'data' && registration.event !== 'readable')) return null;
  if (!isReadableKind(streamKindOf(sourceCode, registration.emitter))) return null;
  const handler = listenerFunctionOf(sourceCode, call.arguments[1]);
  if (!handler) return null;
  const writes: RelayWrite[] = [];
  for (const node of [handler.body, ...descendantsOf(sourceCode, handler.body, { intoFunctions: true })]) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    // Standard streams never make a relay: scripts print chunks to them freely.
    const destination = writableReceiverOf(sourceCode, node, writeMethod, { standardStreams: false });
    if (destination && isMadeOutside(sourceCode, destination, handler)) writes.push({ call: node, destination });
  }
  if (writes.length === 0) return null;
  return { registration: call, source: registration.emitter, event: registration.event, handler, writes };
}

/** The relay a write belongs to, if it is one of a relay's writes. */
export function relayOfWrite(sourceCode: SourceCode, write: TSESTree.CallExpression): Relay | null {
  for (let current: TSESTree.Node | undefined = write.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    for (const call of listenerSites(sourceCode, current)) {
      const relay = relayOf(sourceCode, call);
      if (relay?.writes.some((each) => each.call === write)) return relay;
    }
  }
  return null;
}
