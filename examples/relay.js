// Uploads land on disk through a hand-made relay. The disk is slower than a fast client, write()
// returns false, the handler keeps writing: the whole upload waits in memory, per client.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

http
  .createServer((req, res) => {
    const file = fs.createWriteStream(path.join('/var/uploads', path.basename(req.url)));
    file.on('error', () => res.destroy());
    req.on('data', (chunk) => file.write(chunk));
    req.on('end', () => {
      file.end();
      res.end('stored\n');
    });
  })
  .listen(8080);
