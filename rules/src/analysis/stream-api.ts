/**
 * Node's stream and event API by name: one home for the method and function names every
 * analysis and rule matches against.
 */

/** Methods that add an event listener. */
export const listenerMethods: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
]);

/** Methods that add a listener that stays for every emission. */
export const persistentListenerMethods: ReadonlySet<string> = new Set(['on', 'addListener', 'prependListener']);

/** Methods that remove event listeners. */
export const listenerRemovalMethods: ReadonlySet<string> = new Set(['off', 'removeListener', 'removeAllListeners']);

/** Methods of a stream that return the stream itself, so calls can be chained. */
export const sameStreamMethods: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'off',
  'removeListener',
  'removeAllListeners',
  'setMaxListeners',
  'setEncoding',
  'setDefaultEncoding',
  'pause',
  'resume',
  'setTimeout',
  'setNoDelay',
  'setKeepAlive',
  'ref',
  'unref',
  'destroy',
  'end',
  'wrap',
  'unpipe',
]);

/** `pipeline()` in its callback and promise forms, by qualified name. */
export const pipelineFunctions: ReadonlySet<string> = new Set(['stream.pipeline', 'stream/promises.pipeline']);

/** `finished()` in its callback and promise forms, by qualified name. */
export const finishedFunctions: ReadonlySet<string> = new Set(['stream.finished', 'stream/promises.finished']);

/** Functions that take over a stream's errors: they reject, call back with, or forward them. */
export const errorConsumingFunctions: ReadonlySet<string> = new Set([
  ...pipelineFunctions,
  ...finishedFunctions,
  'stream.compose',
  'events.once',
  'events.on',
  'pump',
  'pumpify',
  'end-of-stream',
  'stream.addAbortSignal',
]);

/** Whether a qualified name is the promise form of a stream function (`stream/promises.pipeline`). */
export function isPromiseForm(qualifiedName: string): boolean {
  return qualifiedName.startsWith('stream/promises.');
}

/**
 * Functions that only look at a stream and keep nothing: handing a stream to them hands nothing
 * over. isstream 1 (`isStream`, `.isReadable`, `.isWritable`, `.isDuplex`), is-stream 2
 * (`isStream.readable`, …) and 3+ (`isWritableStream`, …), and Node's own predicates.
 */
export const streamInspectingFunctions: ReadonlySet<string> = new Set([
  'isstream',
  'isstream.isReadable',
  'isstream.isWritable',
  'isstream.isDuplex',
  'is-stream',
  'is-stream.readable',
  'is-stream.writable',
  'is-stream.duplex',
  'is-stream.transform',
  'is-stream.isStream',
  'is-stream.isReadableStream',
  'is-stream.isWritableStream',
  'is-stream.isDuplexStream',
  'is-stream.isTransformStream',
  'stream.isReadable',
  'stream.isWritable',
  'stream.isErrored',
  'stream.isDisturbed',
  'stream.Readable.isDisturbed',
]);
