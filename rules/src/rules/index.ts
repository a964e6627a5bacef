import implementationCallback from './implementation-callback.js';
import noAsyncImplementation from './no-async-implementation.js';
import noFloatingPipeline from './no-floating-pipeline.js';
import noHangingStreamPromise from './no-hanging-stream-promise.js';
import noIgnoredPipelineError from './no-ignored-pipeline-error.js';
import noIgnoredWrite from './no-ignored-write.js';
import noMixedConsumption from './no-mixed-consumption.js';
import noStreamInternals from './no-stream-internals.js';
import noThrowInImplementation from './no-throw-in-implementation.js';
import noUnboundedBuffering from './no-unbounded-buffering.js';
import noUnemittedEvent from './no-unemitted-event.js';
import noUnhandledBackpressure from './no-unhandled-backpressure.js';
import noUnhandledError from './no-unhandled-error.js';
import noWriteAfterEnd from './no-write-after-end.js';
import preferPipeline from './prefer-pipeline.js';
import preferStreamPromises from './prefer-stream-promises.js';

/** Every rule of the plugin, by name. Keep sorted: the docs and configs follow this order. */
export const rules = {
  'implementation-callback': implementationCallback,
  'no-async-implementation': noAsyncImplementation,
  'no-floating-pipeline': noFloatingPipeline,
  'no-hanging-stream-promise': noHangingStreamPromise,
  'no-ignored-pipeline-error': noIgnoredPipelineError,
  'no-ignored-write': noIgnoredWrite,
  'no-mixed-consumption': noMixedConsumption,
  'no-stream-internals': noStreamInternals,
  'no-throw-in-implementation': noThrowInImplementation,
  'no-unbounded-buffering': noUnboundedBuffering,
  'no-unemitted-event': noUnemittedEvent,
  'no-unhandled-backpressure': noUnhandledBackpressure,
  'no-unhandled-error': noUnhandledError,
  'no-write-after-end': noWriteAfterEnd,
  'prefer-pipeline': preferPipeline,
  'prefer-stream-promises': preferStreamPromises,
};

export type RuleName = keyof typeof rules;
