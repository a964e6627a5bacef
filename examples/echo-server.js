// The echo server of many tutorials: the first client that resets its connection (ECONNRESET)
// crashes the server for everyone.
const net = require('node:net');

const server = net.createServer((socket) => {
  socket.write('echo server\r\n');
  socket.pipe(socket);
});

server.listen(1337, '127.0.0.1');
