// Reduced from honojs/node-server src/serve-static.ts before 0ee7ce1 (MIT).
import type { Context, Env, MiddlewareHandler } from 'hono'
import type { ReadStream } from 'node:fs'
import { createReadStream, lstatSync } from 'node:fs'

const createStreamBody = (stream: ReadStream) => {
  const body = new ReadableStream({
    start(controller) {
      stream.on('data', (chunk) => {
        controller.enqueue(chunk)
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

export const serveStatic = <E extends Env = any>(options: { root?: string } = { root: '' }): MiddlewareHandler<E> => {
  return async (c: Context, next) => {
    const path = (options.root || '') + c.req.path
    const stats = lstatSync(path)
    const size = stats.size
    const range = c.req.header('range') || ''

    if (!range) {
      c.header('Content-Length', size.toString())
      return c.body(createStreamBody(createReadStream(path)), 200)
    }

    const parts = range.replace(/bytes=/, '').split('-', 2)
    const start = parseInt(parts[0], 10) || 0
    const end = parseInt(parts[1], 10) || size - 1
    const stream = createReadStream(path, { start, end })

    c.header('Content-Range', `bytes ${start}-${end}/${stats.size}`)
    return c.body(createStreamBody(stream), 206)
  }
}
