// Reduced from decentraland/catalyst content/src/controller/utils.ts before fe67a847 (Apache-2.0).
import { ContentItem } from '@dcl/catalyst-storage'
import { fromStream } from 'file-type'
import { Readable } from 'stream'

export async function createContentFileHeaders(content: ContentItem, hashId: string): Promise<Record<string, string>> {
  const stream: Readable = await content.asRawStream()
  const mime = await fromStream(stream)
  const mimeType = mime?.mime || 'application/octet-stream'

  const headers: Record<string, string> = {
    'Content-Type': mimeType,
    ETag: JSON.stringify(hashId), // by spec, the ETag must be a double-quoted string
    'Access-Control-Expose-Headers': 'ETag',
    'Cache-Control': 'public,max-age=31536000,s-maxage=31536000,immutable'
  }
  if (content.encoding) {
    headers['Content-Encoding'] = content.encoding
  }
  if (content.size) {
    headers['Content-Length'] = content.size.toString()
  }

  return headers
}
