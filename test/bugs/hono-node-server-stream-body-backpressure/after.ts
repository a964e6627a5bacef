// Reduced from honojs/node-server src/utils/stream.ts and src/serve-static.ts at 1a9748e (MIT).
import type { ReadStream } from 'node:fs'
import { createReadStream } from 'node:fs'
import { versions } from 'node:process'
import { Readable } from 'node:stream'

const pr54206Applied = () => {
  const [major, minor] = versions.node.split('.').map((component) => parseInt(component))
  return major >= 23 || (major === 22 && minor >= 7) || (major === 20 && minor >= 18)
}
const useReadableToWeb = pr54206Applied()

export const createStreamBody = (
  stream: ReadStream,
  useNativeReadableToWeb = useReadableToWeb
): ReadableStream<Uint8Array> => {
  if (useNativeReadableToWeb) {
    return Readable.toWeb(stream) as ReadableStream<Uint8Array>
  }

  let controller: ReadableStreamDefaultController<Uint8Array> | undefined
  let settled = false

  const cleanup = () => {
    stream.off('data', onData)
    stream.off('error', onError)
    stream.off('end', onTerminate)
    stream.off('close', onTerminate)
  }

  const settle = (callback?: () => void) => {
    if (settled) {
      return
    }
    settled = true
    cleanup()
    callback?.()
  }

  const onData = (chunk: Buffer | string) => {
    if (settled || !controller) {
      return
    }
    controller.enqueue(chunk as Buffer)
    if ((controller.desiredSize ?? 0) <= 0) {
      stream.pause()
    }
  }

  const onError = (error: Error) => {
    settle(() => {
      controller?.error(error)
    })
  }

  const onTerminate = () => {
    settle(() => {
      controller?.close()
    })
  }

  return new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController
      stream.on('data', onData)
      stream.on('error', onError)
      stream.on('end', onTerminate)
      stream.on('close', onTerminate)
      stream.pause()
    },

    pull() {
      if (!settled) {
        stream.resume()
      }
    },

    cancel() {
      settle()
      const ignoreError = () => {}
      stream.on('error', ignoreError)
      stream.once('close', () => stream.off('error', ignoreError))
      stream.destroy()
    },
  })
}

export const serveFile = (path: string) => new Response(createStreamBody(createReadStream(path)))
