// Answers /users/<id> from a JSON file. When the file cannot be read, the error branch answers 500
// but does not return: the line below answers again, after end(), and the response emits
// ERR_STREAM_WRITE_AFTER_END.
const http = require('node:http');
const fs = require('node:fs');

http
  .createServer((req, res) => {
    const id = req.url.split('/')[2];
    fs.readFile(`data/users/${id}.json`, (error, json) => {
      if (error) {
        res.statusCode = error.code === 'ENOENT' ? 404 : 500;
        res.end('no such user\n');
      }
      res.setHeader('content-type', 'application/json');
      res.end(json);
    });
  })
  .listen(8080);
