// Saves an uploaded avatar and answers when the file is on disk. It waits for 'end' on the write
// stream, which only readables emit: the response never goes out and the client times out.
const http = require('node:http');
const fs = require('node:fs');
const { pipeline } = require('node:stream');

http.createServer((req, res) => {
  const file = fs.createWriteStream(`/var/avatars/${Date.now()}.png`);
  pipeline(req, file, (error) => {
    if (error) {
      res.statusCode = 500;
      res.end('upload failed');
    }
  });
  file.on('end', () => res.end('saved'));
}).listen(8080);
