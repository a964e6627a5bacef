// Serves compressed files. .pipe() forwards no errors and cleans nothing up: when a client goes
// away, the file stays open; when the file fails, the response hangs.
const http = require('node:http');
const fs = require('node:fs');
const zlib = require('node:zlib');

http
  .createServer((request, response) => {
    response.setHeader('content-encoding', 'gzip');
    fs.createReadStream('./public/index.html').pipe(zlib.createGzip()).pipe(response);
  })
  .listen(8080);
