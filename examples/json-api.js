// A JSON API without a framework. The body is collected whole with no limit: one client posting
// a few gigabytes takes the whole memory of the server.
const http = require('node:http');

http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      try {
        const { name } = JSON.parse(body);
        res.end(JSON.stringify({ greeting: `hello ${name}` }));
      } catch {
        res.statusCode = 400;
        res.end('bad json');
      }
    });
  })
  .listen(8080);
