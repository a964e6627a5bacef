// Reduced from mjackson/remix-the-web packages/node-fetch-server/src/lib/request-listener.ts at 83c8f43 (MIT).
import type * as http from 'node:http';
import type * as http2 from 'node:http2';

import { readStream } from './read-stream.ts';

/**
 * Sends a Response to the client using a Node.js http.ServerResponse/http2.Http2ServerResponse object.
 */
export async function sendResponse(
  res: http.ServerResponse | http2.Http2ServerResponse,
  response: Response,
): Promise<void> {
  let headers: Record<string, string | string[]> = {};
  for (let [key, value] of response.headers) {
    if (key in headers) {
      if (Array.isArray(headers[key])) {
        headers[key].push(value);
      } else {
        headers[key] = [headers[key] as string, value];
      }
    } else {
      headers[key] = value;
    }
  }

  res.writeHead(response.status, headers);

  if (response.body != null && res.req.method !== 'HEAD') {
    for await (let chunk of readStream(response.body)) {
      // @ts-expect-error - Node typings for http2 require a 2nd parameter to write but it's optional
      if (res.write(chunk) === false) {
        await new Promise<void>((resolve) => {
          res.once('drain', resolve);
        });
      }
    }
  }

  res.end();
}
