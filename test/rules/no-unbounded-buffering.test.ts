import rule from '../../rules/src/rules/no-unbounded-buffering.js';
import { ruleTester } from './rule-tester.js';

ruleTester.run('no-unbounded-buffering', rule, {
  valid: [
    // The size is checked as the chunks arrive.
    `
      const http = require('http');
      const limit = 1e6;
      http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => {
          body += chunk;
          if (body.length > limit) {
            res.statusCode = 413;
            res.end('too large');
            req.destroy();
          }
        });
        req.on('end', () => res.end(JSON.parse(body).name));
      });
    `,
    `
      const http = require('http');
      http.createServer(async (req, res) => {
        const chunks = [];
        let size = 0;
        for await (const chunk of req) {
          size += chunk.length;
          if (size > 10 * 1024 * 1024) return res.writeHead(413).end();
          chunks.push(chunk);
        }
        res.end(String(Buffer.concat(chunks).length));
      });
    `,
    // Hashing or counting keeps nothing.
    `
      const crypto = require('crypto');
      const fs = require('fs');
      const hash = crypto.createHash('sha1');
      let bytes = 0;
      const input = fs.createReadStream('big.iso');
      input.on('error', console.error);
      input.on('data', (chunk) => { hash.update(chunk); bytes += chunk.length; });
    `,
    // Lines are processed, not kept: each chunk's remainder is all that stays.
    `
      const fs = require('fs');
      let rest = '';
      const input = fs.createReadStream('log.txt', 'utf8');
      input.on('error', console.error);
      input.on('data', (chunk) => {
        const lines = (rest + chunk).split('\\n');
        rest = lines.pop();
        for (const line of lines) handle(line);
      });
    `,
    // A stream that is neither a request nor a file: standard input of a CLI.
    `
      let input = '';
      process.stdin.on('data', (chunk) => { input += chunk; });
      process.stdin.on('end', () => console.log(JSON.parse(input)));
    `,
    // Collected per chunk into a variable of the handler, not kept.
    `
      const fs = require('fs');
      const input = fs.createReadStream('x');
      input.on('error', console.error);
      input.on('data', (chunk) => {
        const parts = [];
        parts.push(chunk);
        send(parts);
      });
    `,
    // An unknown source.
    `
      function collect(source) {
        const chunks = [];
        source.on('data', (chunk) => chunks.push(chunk));
        return chunks;
      }
    `,
  ],
  invalid: [
    {
      // The JSON body parser of many tutorials.
      code: `
const http = require('http');
http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => res.end(JSON.parse(body).name));
}).listen(8080);
`,
      errors: [
        {
          messageId: 'unbounded',
          data: {
            what: 'the request body',
            name: 'body',
            risk: 'a client can exhaust the memory.',
          },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 18,
        },
      ],
    },
    {
      code: `
const http = require('http');
http.createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  res.end(String(Buffer.concat(chunks).length));
});
`,
      errors: [{ messageId: 'unbounded', data: { what: 'the request body', name: 'chunks', risk: 'a client can exhaust the memory.' }, line: 5, column: 34 }],
    },
    {
      // A whole file read through a stream, as text.
      code: `
const fs = require('fs');
function readAll(path, callback) {
  let text = '';
  const input = fs.createReadStream(path);
  input.on('error', callback);
  input.on('data', (chunk) => { text = text + chunk.toString('utf8'); });
  input.on('end', () => callback(null, text));
}
`,
      errors: [{ messageId: 'unbounded', data: { what: 'the file', name: 'text', risk: 'a large file fills the memory.' }, line: 7, column: 33 }],
    },
    {
      code: `
const fs = require('fs');
let buffer = Buffer.alloc(0);
fs.createReadStream('dump.bin')
  .on('error', console.error)
  .on('data', (chunk) => { buffer = Buffer.concat([buffer, chunk]); });
`,
      errors: [{ messageId: 'unbounded', data: { what: 'the file', name: 'buffer', risk: 'a large file fills the memory.' }, line: 6, column: 28 }],
    },
  ],
});
