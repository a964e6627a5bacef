export * from './nodes.js';
export * from './variables.js';
export * from './walk.js';
export * from './definitions.js';
export * from './class-fields.js';
export * from './evaluation-order.js';
