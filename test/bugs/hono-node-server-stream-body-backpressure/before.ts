// Reduced from honojs/node-server src/serve-static.ts before 1a9748e (MIT).
import type { ReadStream } from 'node:fs'
import { createReadStream } from 'node:fs'
import { versions } from 'node:process'
import { Readable } from 'node:stream'

const pr54206Applied = () => {
  const [major, minor] = versions.node.split('.').map((component) => parseInt(component))
  return major >= 23 || (major === 22 && minor >= 7) || (major === 20 && minor >= 18)
}
const useReadableToWeb = pr54206Applied()

const createStreamBody = (stream: ReadStream) => {
  if (useReadableToWeb) {
    return Readable.toWeb(stream) as ReadableStream
  }
  const body = new ReadableStream({
    start(controller) {
      stream.on('data', (chunk) => {
        controller.enqueue(chunk)
      })
      stream.on('error', (err) => {
        controller.error(err)
      })
      stream.on('end', () => {
        controller.close()
      })
    },

    cancel() {
      stream.destroy()
    },
  })
  return body
}

export const serveFile = (path: string) => new Response(createStreamBody(createReadStream(path)))
