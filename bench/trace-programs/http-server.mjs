// An http server whose handler streams its response with pipeline(): each request makes an
// IncomingMessage, a Readable and a pipeline, on keep-alive sockets. Prints its port; GET /cpu
// answers the CPU time the process has used, in milliseconds.
import { createServer } from 'node:http';
import { Readable, pipeline } from 'node:stream';

const parts = ['{"items":[', '1,2,3,4,5,6,7,8,9', ']}'];
const server = createServer((request, response) => {
  if (request.url === '/cpu') {
    const cpu = process.cpuUsage();
    return response.end(String((cpu.user + cpu.system) / 1000));
  }
  response.setHeader('content-type', 'application/json');
  pipeline(Readable.from(parts), response, (error) => {
    if (error) response.destroy(error);
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
server.keepAliveTimeout = 60_000;
