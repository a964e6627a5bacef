import rule from '../../rules/src/rules/no-mixed-consumption.js';
import { ruleTester } from './rule-tester.js';

ruleTester.run('no-mixed-consumption', rule, {
  valid: [
    // One way of reading.
    `
      const http = require('http');
      http.createServer(async (req, res) => {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        res.end(Buffer.concat(chunks));
      });
    `,
    // A 'data' listener that counts bytes beside pipe(): both see every chunk.
    `
      const fs = require('fs');
      const input = fs.createReadStream('big.iso');
      let bytes = 0;
      input.on('data', (chunk) => { bytes += chunk.length; });
      input.pipe(fs.createWriteStream('copy.iso'));
    `,
    // 'data' and 'end' and 'error' listeners: one way of reading.
    `
      const fs = require('fs');
      const input = fs.createReadStream('notes.txt', 'utf8');
      let text = '';
      input.on('data', (chunk) => { text += chunk; });
      input.on('end', () => console.log(text));
      input.on('error', console.error);
    `,
    // Two branches, two ways: only one runs.
    `
      const fs = require('fs');
      async function read(path, streaming) {
        const input = fs.createReadStream(path);
        if (streaming) {
          for await (const chunk of input) process.stdout.write(chunk);
        } else {
          input.on('data', (chunk) => console.log(chunk.length));
        }
      }
    `,
    `
      const fs = require('fs');
      async function read(path, toStdout) {
        const input = fs.createReadStream(path);
        if (toStdout) {
          input.pipe(process.stdout);
          return;
        }
        for await (const chunk of input) console.log(chunk.length);
      }
    `,
    // Switching on purpose: the first listener is removed.
    `
      const net = require('net');
      const socket = net.connect(80);
      function onReadable() {
        const header = socket.read(4);
        if (header === null) return;
        socket.removeListener('readable', onReadable);
        socket.on('data', (chunk) => console.log(chunk));
      }
      socket.on('readable', onReadable);
    `,
    // Consumers in different functions run at different times.
    `
      const fs = require('fs');
      const input = fs.createReadStream('x');
      function sniff() { input.once('readable', () => input.read(1)); }
      async function drain() { for await (const chunk of input) console.log(chunk); }
    `,
    // Not a known stream: a 'line' listener and an async iterable (readline's interface).
    `
      async function f(source) {
        source.on('line', console.log);
        for await (const item of source) console.log(item);
      }
    `,
  ],
  invalid: [
    {
      // Of unknown origin, but given a 'data' listener: a readable by its usage.
      code: `
export async function f(source) {
  source.on('data', console.log);
  for await (const item of source) console.log(item);
}
`,
      errors: [{ messageId: 'mixedConsumption', line: 4 }],
    },
    {
      // A 'data' listener left over, then a for await loop.
      code: `
const http = require('http');
http.createServer(async (req, res) => {
  let size = 0;
  req.on('data', (chunk) => { size += chunk.length; });
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  res.end(String(size));
});
`,
      errors: [
        {
          messageId: 'mixedConsumption',
          data: { name: 'req', first: "a 'data' listener", line: '5', second: "'for await'" },
          line: 7,
          column: 29,
          endColumn: 32,
        },
      ],
    },
    {
      // 'readable' takes over the flow: the 'data' listener only sees what read() returns.
      code: `
const fs = require('fs');
const input = fs.createReadStream('log.txt');
input.on('readable', () => console.log('more data'));
input.on('data', (chunk) => process.stdout.write(chunk));
`,
      errors: [
        {
          messageId: 'mixedConsumption',
          data: { name: 'input', first: "a 'readable' listener", line: '4', second: "a 'data' listener" },
          line: 5,
          column: 1,
          endColumn: 9,
        },
      ],
    },
    {
      // Piped, then iterated.
      code: `
const { spawn } = require('child_process');
const fs = require('fs');
async function run() {
  const child = spawn('ls');
  const out = child.stdout;
  out.pipe(fs.createWriteStream('ls.txt'));
  for await (const chunk of out) console.log(chunk.length);
}
`,
      errors: [{ messageId: 'mixedConsumption', data: { name: 'out', first: "'pipe()'", line: '7', second: "'for await'" }, line: 8, column: 29 }],
    },
    {
      // Through a chain of methods that return the stream, and after an if that did not return.
      code: `
const net = require('net');
const socket = net.connect(6379);
if (process.env.DEBUG) socket.setEncoding('utf8').on('data', console.log);
socket.on('readable', () => socket.read());
`,
      errors: [{ messageId: 'mixedConsumption', data: { name: 'socket', first: "a 'data' listener", line: '4', second: "a 'readable' listener" }, line: 5, column: 1 }],
    },
    {
      // pipeline() and a 'readable' listener.
      code: `
const { pipeline } = require('stream');
const fs = require('fs');
const zlib = require('zlib');
const input = fs.createReadStream('log');
pipeline(input, zlib.createGzip(), fs.createWriteStream('log.gz'), () => {});
input.on('readable', () => console.log('readable'));
`,
      errors: [{ messageId: 'mixedConsumption', data: { name: 'input', first: "'pipeline()'", line: '6', second: "a 'readable' listener" }, line: 7, column: 1 }],
    },
  ],
});
