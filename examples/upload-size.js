// Stores an upload and reports its size. The size is counted by a 'data' listener while the body
// is read by for await: two consumers of one request, each seeing chunks the other may not.
const http = require('node:http');
const fs = require('node:fs/promises');

http
  .createServer(async (req, res) => {
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
    });
    const file = await fs.open('/tmp/upload', 'w');
    for await (const chunk of req) await file.write(chunk);
    await file.close();
    res.end(`stored ${size} bytes\n`);
  })
  .listen(8080);
