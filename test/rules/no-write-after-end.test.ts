import rule from '../../rules/src/rules/no-write-after-end.js';
import { ruleTester } from './rule-tester.js';

ruleTester.run('no-write-after-end', rule, {
  valid: [
    // Write, then end.
    `
      const http = require('http');
      http.createServer((req, res) => {
        res.write('hello ');
        res.end('world');
      });
    `,
    // The error branch returns.
    `
      const http = require('http');
      const fs = require('fs');
      http.createServer((req, res) => {
        fs.readFile('index.html', (error, html) => {
          if (error) {
            res.statusCode = 500;
            res.end('cannot read the page');
            return;
          }
          res.end(html);
        });
      });
    `,
    `
      const http = require('http');
      http.createServer((req, res) => {
        if (req.method !== 'GET') return res.end('only GET');
        res.end('ok');
      });
    `,
    // if / else: one end on each path.
    `
      const http = require('http');
      http.createServer((req, res) => {
        if (req.url === '/') res.end('home');
        else res.end('elsewhere');
      });
    `,
    // The branch throws.
    `
      const fs = require('fs');
      function save(path, data) {
        const out = fs.createWriteStream(path);
        out.on('error', console.error);
        if (!data) {
          out.end();
          throw new Error('nothing to save');
        }
        out.end(data);
      }
    `,
    // A second end() without data is forgiven by Node.
    `
      const fs = require('fs');
      const out = fs.createWriteStream('x');
      out.on('error', console.error);
      out.end('last line');
      out.end();
      out.end(() => console.log('flushed'));
    `,
    // The code checks whether the stream has ended.
    `
      const http = require('http');
      http.createServer((req, res) => {
        if (req.headers.expect) res.end('no');
        if (!res.writableEnded) res.end('yes');
      });
    `,
    // The write is in a callback that runs when the stream is still open, or in another switch case.
    `
      const http = require('http');
      http.createServer((req, res) => {
        switch (req.url) {
          case '/a':
            res.end('a');
            break;
          default:
            res.end('other');
        }
      });
    `,
    // The variable now holds another stream.
    `
      const fs = require('fs');
      let out = fs.createWriteStream('part-1');
      out.on('error', console.error);
      out.end('one');
      out = fs.createWriteStream('part-2');
      out.write('two');
    `,
    // Not a stream: execa's subprocess is a promise whose stdin is the stream; usage is no evidence.
    `
      import { execa } from 'execa';
      const session = execa('ssh', ['host']);
      session.end('bye');
      session.write('more');
    `,
    // The end is in a loop and the write after it: the loop may not run.
    `
      const fs = require('fs');
      const out = fs.createWriteStream('x');
      out.on('error', console.error);
      for (const part of parts) {
        if (part.last) { out.end(part.text); }
      }
      out.write('never mind');
    `,
  ],
  invalid: [
    {
      // Of unknown origin, but written and ended: a writable by its usage.
      code: `
export function close(session) {
  session.end('bye');
  session.write('more');
}
`,
      errors: [{ messageId: 'writeAfterEnd', data: { name: 'session', method: 'write', line: '3' }, line: 4, column: 3 }],
    },
    {
      // The missing return of an error branch.
      code: `
const http = require('http');
const fs = require('fs');

http.createServer((req, res) => {
  fs.readFile('index.html', (error, html) => {
    if (error) {
      res.statusCode = 500;
      res.end('cannot read the page');
    }
    res.end(html);
  });
}).listen(8080);
`,
      errors: [
        {
          messageId: 'writeAfterEnd',
          data: { name: 'res', method: 'end', line: '9' },
          line: 11,
          column: 5,
          endLine: 11,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'returnAfterEnd',
              data: { line: '9' },
              output: `
const http = require('http');
const fs = require('fs');

http.createServer((req, res) => {
  fs.readFile('index.html', (error, html) => {
    if (error) {
      res.statusCode = 500;
      res.end('cannot read the page');
      return;
    }
    res.end(html);
  });
}).listen(8080);
`,
            },
          ],
        },
      ],
    },
    {
      // A branch without braces.
      code: `
const http = require('http');
http.createServer((req, res) => {
  if (!req.url.startsWith('/api')) res.end('not found');
  res.write('{"items": []}');
  res.end();
});
`,
      errors: [
        {
          messageId: 'writeAfterEnd',
          data: { name: 'res', method: 'write', line: '4' },
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'returnAfterEnd',
              data: { line: '4' },
              output: `
const http = require('http');
http.createServer((req, res) => {
  if (!req.url.startsWith('/api')) { res.end('not found'); return; }
  res.write('{"items": []}');
  res.end();
});
`,
            },
          ],
        },
      ],
    },
    {
      // Straight-line code: a footer written after the end.
      code: `
const fs = require('fs');
function writeReport(path, lines) {
  const out = fs.createWriteStream(path);
  out.on('error', console.error);
  out.end(lines.join('\\n'));
  out.write('-- end of report --');
}
`,
      errors: [{ messageId: 'writeAfterEnd', data: { name: 'out', method: 'write', line: '6' }, line: 7, column: 3, suggestions: [] }],
    },
    {
      // The function returns a value: a bare return would change it, so no suggestion.
      code: `
const net = require('net');
const socket = net.connect(7000);
socket.on('error', console.error);
function send(message) {
  if (!message) {
    socket.end('QUIT\\n');
  }
  socket.write(message + '\\n');
  return socket.writableLength;
}
`,
      errors: [{ messageId: 'writeAfterEnd', data: { name: 'socket', method: 'write', line: '7' }, line: 9, column: 3, suggestions: [] }],
    },
  ],
});
