import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../rules/src/rules/no-unconsumed-fetch-body.js';
import { runModule, unsettledAwaitStatus } from '../support/node-run.js';
import { ruleTester } from './rule-tester.js';

/**
 * Node is the judge: fetch() through a pool of one connection (Node's own undici Agent, taken from
 * its global dispatcher), against a server whose first answer is an error page larger than what
 * undici buffers. `onError` is what the code does with that response before it fetches again.
 */
function fetchTwice(onError: string) {
  return runModule(`
    import http from 'node:http';
    let requests = 0;
    const server = http.createServer((req, res) => {
      requests += 1;
      res.writeHead(requests === 1 ? 503 : 200);
      res.end(Buffer.alloc(1 << 20, 'x'));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.unref();
    await fetch('data:,start-the-global-dispatcher');
    const dispatcherKey = Symbol.for('undici.globalDispatcher.1');
    globalThis[dispatcherKey] = new globalThis[dispatcherKey].constructor({ connections: 1 });
    const url = 'http://127.0.0.1:' + server.address().port + '/';
    async function getSize() {
      const response = await fetch(url);
      if (!response.ok) {
        ${onError}
        return null;
      }
      return (await response.arrayBuffer()).byteLength;
    }
    console.log('first', await getSize());
    console.log('second', await getSize());
  `);
}

describe('under Node', () => {
  it('hangs the next fetch on the same pool when an error response is left unread', () => {
    const run = fetchTwice('');
    assert.equal(run.status, unsettledAwaitStatus, run.stderr);
    assert.match(run.stdout, /first null/);
    assert.doesNotMatch(run.stdout, /second/);
  });

  it('frees the connection when the body is cancelled or read', () => {
    for (const onError of ['await response.body?.cancel();', 'await response.text();']) {
      const run = fetchTwice(onError);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /second 1048576/);
    }
  });
});

ruleTester.run('no-unconsumed-fetch-body', rule, {
  valid: [
    // Read on every path; the error path reads the message (remix-website after the fix).
    `
      export async function getSpeakers(url) {
        const fetched = await fetch(url, { headers: { accept: 'application/json' } });
        if (!fetched.ok) {
          await fetched.text();
          throw new Error('responded with status: ' + fetched.status);
        }
        return fetched.json();
      }
    `,
    // The error text read inside the throw; a status check that cancels.
    `
      async function api(path) {
        const res = await fetch(path);
        if (res.status >= 400) throw new Error(await res.text());
        return res.json();
      }
      async function download(url, file) {
        const res = await fetch(url);
        if (res.status === 304) {
          await res.body?.cancel();
          return false;
        }
        if (!res.body) throw new Error('no body');
        await res.body.pipeTo(file);
        return true;
      }
    `,
    // The response is handed on: whoever gets it owns its body.
    `
      async function proxy(url) {
        const response = await fetch(url);
        if (!response.ok) return response;
        return new Response(response.body, { headers: response.headers });
      }
      async function check(url, handle) {
        const response = await fetch(url);
        handle(response);
        if (response.status !== 200) throw new Error('failed');
      }
    `,
    // HEAD has no body; a local fetch() of the file is not the global one.
    `
      async function exists(url) {
        const res = await fetch(url, { method: 'HEAD' });
        return res.ok;
      }
      async function local(fetch) {
        const res = await fetch('/api');
        return res.ok;
      }
    `,
    // undici's request(): the body dumped on the error path.
    `
      import { request } from 'undici';
      export async function getJson(url) {
        const { statusCode, body } = await request(url);
        if (statusCode !== 200) {
          await body.dump();
          throw new Error('status ' + statusCode);
        }
        return body.json();
      }
    `,
    {
      // A parameter typed Response whose body the function never touches: the caller's business.
      code: `
        function describe(response: Response): string {
          if (!response.ok) throw new Error(response.statusText);
          return String(response.status);
        }
      `,
    },
    {
      // express's Response is not a fetch response.
      code: `
        import type { Response } from 'express';
        function send(res: Response, data: unknown) {
          if (!data) return res.status(404).end();
          res.json(data);
        }
      `,
    },
  ],
  invalid: [
    {
      code: `
async function getUser(id) {
  const res = await fetch('https://api.example.com/users/' + id);
  if (!res.ok) {
    throw new Error('HTTP ' + res.status);
  }
  return res.json();
}
`,
      errors: [
        {
          messageId: 'bodyLeftOnExit',
          data: { exit: 'throw', response: 'res', cancel: 'res.body?.cancel()' },
          line: 5,
          suggestions: [
            {
              messageId: 'cancelBody',
              data: { cancel: 'res.body?.cancel()' },
              output: `
async function getUser(id) {
  const res = await fetch('https://api.example.com/users/' + id);
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error('HTTP ' + res.status);
  }
  return res.json();
}
`,
            },
          ],
        },
      ],
    },
    {
      // A loop that skips failed pages, and a status check without braces.
      code: `
async function crawl(urls, pages) {
  for (const url of urls) {
    const page = await fetch(url);
    if (page.status === 404) continue;
    pages.push(await page.text());
  }
}
`,
      errors: [
        {
          messageId: 'bodyLeftOnExit',
          data: { exit: 'continue', response: 'page', cancel: 'page.body?.cancel()' },
          line: 5,
          suggestions: [
            {
              messageId: 'cancelBody',
              data: { cancel: 'page.body?.cancel()' },
              output: `
async function crawl(urls, pages) {
  for (const url of urls) {
    const page = await fetch(url);
    if (page.status === 404) { await page.body?.cancel(); continue; }
    pages.push(await page.text());
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // Only the status is looked at: the body is never read.
      code: `
export async function ping(url) {
  const response = await fetch(url, { method: 'POST' });
  return response.status === 204;
}
`,
      errors: [{ messageId: 'bodyNeverConsumed', line: 3, column: 26 }],
    },
    {
      code: `
import { request } from 'undici';
export async function getJson(url) {
  const { statusCode, body } = await request(url);
  if (statusCode !== 200) throw new Error('status ' + statusCode);
  return body.json();
}
`,
      errors: [
        {
          messageId: 'bodyLeftOnExit',
          data: { exit: 'throw', response: 'body', cancel: 'body.dump()' },
          line: 5,
          suggestions: [
            {
              messageId: 'cancelBody',
              data: { cancel: 'body.dump()' },
              output: `
import { request } from 'undici';
export async function getJson(url) {
  const { statusCode, body } = await request(url);
  if (statusCode !== 200) { await body.dump(); throw new Error('status ' + statusCode); }
  return body.json();
}
`,
            },
          ],
        },
      ],
    },
    {
      // cerbos: a Response typed parameter, fetched in another function, consumed only when ok.
      code: `
async function instantiateStreaming(response: Response, imports: WebAssembly.Imports) {
  if (!response.ok) {
    throw new Error(\`Failed to download from \${response.url}: HTTP \${response.status}\`);
  }
  return WebAssembly.instantiateStreaming(response, imports);
}
`,
      errors: [
        {
          messageId: 'bodyLeftOnExit',
          line: 4,
          suggestions: [
            {
              messageId: 'cancelBody',
              data: { cancel: 'response.body?.cancel()' },
              output: `
async function instantiateStreaming(response: Response, imports: WebAssembly.Imports) {
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(\`Failed to download from \${response.url}: HTTP \${response.status}\`);
  }
  return WebAssembly.instantiateStreaming(response, imports);
}
`,
            },
          ],
        },
      ],
    },
    {
      // remix-website: fetch is a local variable holding one of two wrappers declared to resolve to a Response.
      code: `
declare function fetchNoCache(url: string): Promise<Response>;
declare function fetchCached(url: string): Promise<Response>;
export async function getSpeakers(noCache: boolean) {
  let fetch = noCache ? fetchNoCache : fetchCached;
  let fetched = await fetch('https://sessionize.com/api/speakers');
  if (!fetched.ok) {
    throw new Error('status: ' + fetched.status);
  }
  return fetched.json();
}
`,
      errors: [
        {
          messageId: 'bodyLeftOnExit',
          data: { exit: 'throw', response: 'fetched', cancel: 'fetched.body?.cancel()' },
          line: 8,
          suggestions: [
            {
              messageId: 'cancelBody',
              data: { cancel: 'fetched.body?.cancel()' },
              output: `
declare function fetchNoCache(url: string): Promise<Response>;
declare function fetchCached(url: string): Promise<Response>;
export async function getSpeakers(noCache: boolean) {
  let fetch = noCache ? fetchNoCache : fetchCached;
  let fetched = await fetch('https://sessionize.com/api/speakers');
  if (!fetched.ok) {
    await fetched.body?.cancel();
    throw new Error('status: ' + fetched.status);
  }
  return fetched.json();
}
`,
            },
          ],
        },
      ],
    },
  ],
});
