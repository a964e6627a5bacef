export * from './nodes.js';
export * from './variables.js';
export * from './walk.js';
