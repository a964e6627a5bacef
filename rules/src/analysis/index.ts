export * from './syntax/index.js';
export * from './module-bindings.js';
export * from './stream-api.js';
export * from './stream-kind.js';
export * from './pipe-chains.js';
export * from './pipe-error-listeners.js';
export * from './pipe-chain-handling.js';
export * from './stream-flow.js';
export * from './stream-sources.js';
export * from './stream-types.js';
export * from './promise-fate.js';
export * from './relays.js';
export * from './repeating-contexts.js';
export * from './statement-order.js';
export * from './writable-writes.js';
export * from './stream-implementations.js';
export * from './callback-uses.js';
export * from './implementation-invariants.js';
export * from './event-listeners.js';
export * from './chunk-types.js';
export * from './plain-references.js';
export * from './origins/library-models.js';
export type { StreamModel } from './origins/library-streams.js';
export * from './origins/request-handlers.js';
export * from './origins/usage-evidence.js';
export * from './origins/instanceof-narrowing.js';
export * from './late-error-handling.js';
<<<<<<< HEAD
export * from './http-exchange.js';
export * from './abandoned-readables.js';
=======
export * from './fetch-responses.js';
>>>>>>> b9a4cd0 (Rules: no-unconsumed-fetch-body (strict), a fetch() or undici request() response left on a return, throw, continue or break with its body neither read, cancelled nor handed on, or never touched at all: undici holds the connection until GC, and a Node run through a one-connection pool hangs the next fetch (cancel or read frees it); responses of the global fetch, undici, local functions declared to resolve to Response and Response-typed parameters that the function takes over; suggestion to cancel first; catches remix-website and @cerbos/embedded (two more bugs in strict and strict+types); analysis: fetch-responses, codeBefore (syntax), literalPropertyValue, isLoop; example weather-cache.mjs)
