export * from './module-bindings.js';
export * from './pipe-chains.js';
export * from './stream-flow.js';
export * from './stream-sources.js';
export * from './stream-types.js';
export * from './promise-fate.js';
