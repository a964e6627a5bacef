// Serves files. The file stream has a listener, the response has none, and .pipe() cleans up
// nothing: when a client aborts, the file descriptor stays open until the process runs out of them.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(process.argv[2] ?? '.');

http
  .createServer((req, res) => {
    const file = fs.createReadStream(path.join(root, path.normalize(req.url)));
    file.on('error', () => {
      res.statusCode = 404;
      res.end('not found');
    });
    file.pipe(res);
  })
  .listen(8080);
