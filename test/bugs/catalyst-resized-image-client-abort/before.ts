// Reduced from decentraland/catalyst lambdas/src/apis/images/controllers/images.ts before ee18b5dd (Apache-2.0).
import { Request, Response } from 'express'
import fs from 'fs'
import { SmartContentServerFetcher } from '../../../utils/SmartContentServerFetcher'

class ServiceError extends Error {
  statusCode: number

  constructor(message: string, code: number = 400) {
    super(message)
    this.statusCode = code
  }
}

export async function getResizedImage(
  fetcher: SmartContentServerFetcher,
  rooStorageLocation: string,
  req: Request,
  res: Response
) {
  // Method: GET
  // Path: /images/:cid/:size

  try {
    const { cid, size } = req.params

    const [stream, length]: [NodeJS.ReadableStream, number] = await getStreamFor(cid, size)

    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': length,
      ETag: cid,
      'Cache-Control': 'public, max-age=31536000, immutable'
    })

    stream.pipe(res)
  } catch (e) {
    if (e instanceof ServiceError) {
      res.status(e.statusCode).send(JSON.stringify({ status: e.statusCode, message: e.message }))
    }
  }

  async function getFileStream(filePath: string): Promise<[NodeJS.ReadableStream, number]> {
    const stat = await fs.promises.stat(filePath)
    return [fs.createReadStream(filePath), stat.size]
  }

  async function getStreamFor(cid: string, size: string): Promise<[NodeJS.ReadableStream, number]> {
    const filePath = `${rooStorageLocation}/${cid}_${size}`
    return getFileStream(filePath)
  }
}
