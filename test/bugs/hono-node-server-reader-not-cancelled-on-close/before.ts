// Reduced from honojs/node-server src/utils.ts before 4b5a8d1 (MIT).
import type { OutgoingHttpHeaders } from 'node:http'
import type { Writable } from 'node:stream'

export async function readWithoutBlocking(
  readPromise: Promise<ReadableStreamReadResult<Uint8Array>>
): Promise<ReadableStreamReadResult<Uint8Array> | undefined> {
  return Promise.race([readPromise, Promise.resolve().then(() => Promise.resolve(undefined))])
}

export function writeFromReadableStreamDefaultReader(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  writable: Writable,
  currentReadPromise?: Promise<ReadableStreamReadResult<Uint8Array>> | undefined
) {
  const handleError = () => {
    // ignore the error
  }

  writable.on('error', handleError)
  ;(currentReadPromise ?? reader.read()).then(flow, handleStreamError)

  return reader.closed.finally(() => {
    writable.off('error', handleError)
  })

  function handleStreamError(error: any) {
    if (error) {
      writable.destroy(error)
    }
  }

  function onDrain() {
    reader.read().then(flow, handleStreamError)
  }

  function flow({ done, value }: ReadableStreamReadResult<Uint8Array>): void | Promise<void> {
    try {
      if (done) {
        writable.end()
      } else if (!writable.write(value)) {
        writable.once('drain', onDrain)
      } else {
        return reader.read().then(flow, handleStreamError)
      }
    } catch (e) {
      handleStreamError(e)
    }
  }
}

export function writeFromReadableStream(stream: ReadableStream<Uint8Array>, writable: Writable) {
  if (stream.locked) {
    throw new TypeError('ReadableStream is locked.')
  } else if (writable.destroyed) {
    return
  }

  return writeFromReadableStreamDefaultReader(stream.getReader(), writable)
}
