import noFloatingPipeline from './no-floating-pipeline.js';
import noIgnoredWrite from './no-ignored-write.js';
import noUnhandledBackpressure from './no-unhandled-backpressure.js';
import noUnhandledError from './no-unhandled-error.js';
import preferPipeline from './prefer-pipeline.js';

/** Every rule of the plugin, by name. Keep sorted: the docs and configs follow this order. */
export const rules = {
  'no-floating-pipeline': noFloatingPipeline,
  'no-ignored-write': noIgnoredWrite,
  'no-unhandled-backpressure': noUnhandledBackpressure,
  'no-unhandled-error': noUnhandledError,
  'prefer-pipeline': preferPipeline,
};

export type RuleName = keyof typeof rules;
