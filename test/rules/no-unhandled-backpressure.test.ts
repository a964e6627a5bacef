import rule from '../../rules/src/rules/no-unhandled-backpressure.js';
import { ruleTester } from './rule-tester.js';

ruleTester.run('no-unhandled-backpressure', rule, {
  valid: [
    // The relay done right: pause when write() says false, resume on 'drain'.
    `
      const fs = require('fs');
      const input = fs.createReadStream('in.log');
      const output = fs.createWriteStream('out.log');
      input.on('data', (chunk) => {
        if (!output.write(chunk)) input.pause();
      });
      output.on('drain', () => input.resume());
      input.on('end', () => output.end());
    `,
    `
      const net = require('net');
      net.createServer((client) => {
        const upstream = net.connect(5432);
        client.on('data', function (chunk) {
          if (!upstream.write(chunk)) {
            this.pause();
            upstream.once('drain', () => client.resume());
          }
        });
      });
    `,
    // The buffer's state checked after the write.
    `
      const fs = require('fs');
      const input = fs.createReadStream('in.log');
      const output = fs.createWriteStream('out.log');
      input.on('data', (chunk) => {
        output.write(chunk);
        if (output.writableNeedDrain) {
          input.pause();
          output.once('drain', () => input.resume());
        }
      });
    `,
    // A 'readable' loop that stops reading until 'drain'.
    `
      const fs = require('fs');
      const input = fs.createReadStream('in.log');
      const output = fs.createWriteStream('out.log');
      input.on('readable', function flow() {
        let chunk;
        while ((chunk = input.read()) !== null) {
          if (!output.write(chunk)) {
            output.once('drain', flow);
            return;
          }
        }
      });
    `,
    // Hashing or counting in a 'data' handler: nothing is written.
    `
      const crypto = require('crypto');
      const fs = require('fs');
      const hash = crypto.createHash('sha256');
      let bytes = 0;
      fs.createReadStream('big.iso')
        .on('data', (chunk) => { hash.update(chunk); bytes += chunk.length; })
        .on('end', () => console.log(bytes, hash.digest('hex')))
        .on('error', console.error);
    `,
    // A hash written to from a 'data' handler never pushes back.
    `
      const crypto = require('crypto');
      const http = require('http');
      http.createServer((req, res) => {
        const hash = crypto.createHash('md5');
        req.on('data', (chunk) => hash.write(chunk));
        req.on('end', () => res.end(hash.digest('hex')));
      });
    `,
    // Printing to standard output is not a relay.
    `
      const fs = require('fs');
      fs.createReadStream('notes.txt').on('error', console.error).on('data', (chunk) => process.stdout.write(chunk));
    `,
    // A class of the file with its own write method, and an unknown source.
    `
      class Collector { write(chunk) { this.parts.push(chunk); } }
      const collector = new Collector();
      const fs = require('fs');
      fs.createReadStream('x').on('error', console.error).on('data', (chunk) => collector.write(chunk));
    `,
    `
      const fs = require('fs');
      const out = fs.createWriteStream('ticks.log');
      feed.on('data', (tick) => out.write(tick.price + '\\n'));
    `,
    // A destination made for each chunk is not a relay.
    `
      const fs = require('fs');
      const input = fs.createReadStream('parts.bin');
      let index = 0;
      input.on('data', (chunk) => {
        const part = fs.createWriteStream('part-' + index++);
        part.end(chunk);
      });
    `,
    // The result is used in a way we cannot follow: silent.
    `
      const fs = require('fs');
      const input = fs.createReadStream('in.log');
      const output = fs.createWriteStream('out.log');
      input.on('data', (chunk) => {
        if (!output.write(chunk)) throttle(input, output);
      });
    `,
  ],
  invalid: [
    {
      // The relay starts after an await and the file exists before it: pipeline() there would take
      // the file's errors too late (no-late-error-listener), so no rewrite is offered.
      code: `
const fs = require('fs');
const net = require('net');
async function relay(path, ready) {
  const file = fs.createReadStream(path);
  const socket = net.connect(8080, 'localhost');
  file.on('error', () => socket.destroy());
  socket.on('error', () => file.destroy());
  await ready;
  file.on('data', (chunk) => socket.write(chunk));
}
module.exports = relay;
`,
      errors: [{ messageId: 'unhandled', line: 10, suggestions: [] }],
    },
    {
      // The anti-pattern of Node's backpressure guide, with the end forwarded by hand.
      code: `
const fs = require('fs');

const input = fs.createReadStream('access.log');
const output = fs.createWriteStream('copy.log');
input.on('data', (chunk) => output.write(chunk));
input.on('end', () => output.end());
`,
      errors: [
        {
          messageId: 'unhandled',
          data: { event: 'data', source: 'input', destination: 'output' },
          line: 6,
          column: 1,
          endLine: 6,
          endColumn: 9,
          suggestions: [
            {
              messageId: 'replaceWithPipeline',
              data: { source: 'input', destination: 'output' },
              output: `
const fs = require('fs');
const { pipeline } = require('stream');

const input = fs.createReadStream('access.log');
const output = fs.createWriteStream('copy.log');
pipeline(input, output, (error) => {
  if (error) console.error(error);
});
`,
            },
          ],
        },
      ],
    },
    {
      // A proxy: each chunk of the client goes to the upstream socket.
      code: `
import net from 'node:net';

net.createServer((client) => {
  const upstream = net.connect(6379);
  client.on('data', (chunk) => {
    upstream.write(chunk);
  });
  upstream.on('data', (chunk) => {
    client.write(chunk);
  });
}).listen(6380);
`,
      errors: [
        {
          messageId: 'unhandled',
          data: { event: 'data', source: 'client', destination: 'upstream' },
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'replaceWithPipeline',
              data: { source: 'client', destination: 'upstream' },
              output: `
import net from 'node:net';
import { pipeline } from 'node:stream';

net.createServer((client) => {
  const upstream = net.connect(6379);
  pipeline(client, upstream, (error) => {
    if (error) console.error(error);
  });
  upstream.on('data', (chunk) => {
    client.write(chunk);
  });
}).listen(6380);
`,
            },
          ],
        },
        {
          messageId: 'unhandled',
          data: { event: 'data', source: 'upstream', destination: 'client' },
          line: 9,
          column: 3,
          suggestions: [
            {
              messageId: 'replaceWithPipeline',
              data: { source: 'upstream', destination: 'client' },
              output: `
import net from 'node:net';
import { pipeline } from 'node:stream';

net.createServer((client) => {
  const upstream = net.connect(6379);
  client.on('data', (chunk) => {
    upstream.write(chunk);
  });
  pipeline(upstream, client, (error) => {
    if (error) console.error(error);
  });
}).listen(6380);
`,
            },
          ],
        },
      ],
    },
    {
      // An upload relayed to disk while changing it: no pipeline() suggestion for a handler that does more.
      code: `
const http = require('http');
const fs = require('fs');
http.createServer((req, res) => {
  const file = fs.createWriteStream('/tmp/upload');
  file.on('error', () => res.destroy());
  req.on('data', (chunk) => {
    received += chunk.length;
    file.write(chunk);
  });
  req.on('end', () => { file.end(); res.end('ok'); });
});
`,
      errors: [{ messageId: 'unhandled', data: { event: 'data', source: 'req', destination: 'file' }, line: 7, column: 3, suggestions: [] }],
    },
    {
      // Waiting for 'drain' without pausing: a new listener for every chunk, and no pause.
      code: `
const fs = require('fs');
const input = fs.createReadStream('in');
const output = fs.createWriteStream('out');
input.on('data', (chunk) => {
  if (!output.write(chunk)) output.once('drain', () => console.log('drained'));
});
`,
      errors: [{ messageId: 'drainWithoutPause', line: 5, column: 1, suggestions: [] }],
    },
    {
      // An async handler: the emitter does not wait for its promise.
      code: `
const { once } = require('events');
const fs = require('fs');
const input = fs.createReadStream('in');
const output = fs.createWriteStream('out');
input.on('data', async (chunk) => {
  if (!output.write(chunk)) await once(output, 'drain');
});
`,
      errors: [{ messageId: 'drainWithoutPause', line: 6, column: 1, suggestions: [] }],
    },
    {
      // Writing the chunk again on 'drain': it was buffered, not refused.
      code: `
const fs = require('fs');
const input = fs.createReadStream('in');
const output = fs.createWriteStream('out');
input.on('data', (chunk) => {
  if (!output.write(chunk)) {
    input.pause();
    output.once('drain', () => {
      output.write(chunk);
      input.resume();
    });
  }
});
`,
      errors: [{ messageId: 'rewriteOnDrain', data: { event: 'data', source: 'input', destination: 'output' }, line: 5, column: 1, suggestions: [] }],
    },
    {
      // Waiting for 'drain' on the readable side: it never comes.
      code: `
const fs = require('fs');
const input = fs.createReadStream('in');
const output = fs.createWriteStream('out');
input.on('data', (chunk) => {
  if (!output.write(chunk)) {
    input.pause();
    input.once('drain', () => input.resume());
  }
});
`,
      errors: [{ messageId: 'drainOnReadable', data: { event: 'data', source: 'input', destination: 'output' }, line: 5, column: 1, suggestions: [] }],
    },
    {
      // Paused, never resumed.
      code: `
const fs = require('fs');
const input = fs.createReadStream('in');
const output = fs.createWriteStream('out');
input.on('data', (chunk) => {
  if (!output.write(chunk)) input.pause();
});
`,
      errors: [{ messageId: 'pauseWithoutResume', line: 5, column: 1, suggestions: [] }],
    },
    {
      // A 'readable' loop that writes everything it reads.
      code: `
const { spawn } = require('child_process');
const fs = require('fs');
const child = spawn('find', ['/']);
const list = fs.createWriteStream('files.txt');
child.stdout.on('readable', () => {
  let chunk;
  while ((chunk = child.stdout.read()) !== null) list.write(chunk);
});
`,
      errors: [
        {
          messageId: 'unhandled',
          data: { event: 'readable', source: 'child.stdout', destination: 'list' },
          line: 6,
          column: 1,
          endColumn: 16,
          suggestions: [],
        },
      ],
    },
  ],
});
