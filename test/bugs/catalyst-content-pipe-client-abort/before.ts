// Reduced from decentraland/catalyst content/src/controller/Controller.ts before 5c9264a0 (Apache-2.0).
import express from 'express'
import { ContentItem } from '../storage/ContentStorage'

export class Controller {
  constructor(private readonly service: { getContent(hashId: string): Promise<ContentItem | undefined> }) {}

  async getContent(req: express.Request, res: express.Response) {
    // Method: GET
    // Path: /contents/:hashId
    const hashId = req.params.hashId

    const data: ContentItem | undefined = await this.service.getContent(hashId)

    if (data) {
      res.contentType('application/octet-stream')
      res.setHeader('ETag', JSON.stringify(hashId)) // by spec, the ETag must be a double-quoted string
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')

      if (data.getLength()) {
        res.setHeader('Content-Length', data.getLength()!.toString())
      }
      data.asStream().pipe(res)
    } else {
      res.status(404).send()
    }
  }
}
