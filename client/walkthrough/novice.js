// Counts the lines of a log file. Give it a path that does not exist: the whole process crashes,
// because nobody listens for the stream's 'error' event.
const fs = require('node:fs');

function countLines(path, callback) {
  let lines = 0;
  const stream = fs.createReadStream(path, { encoding: 'utf8' });
  stream.on('data', (chunk) => {
    lines += chunk.split('\n').length - 1;
  });
  stream.on('end', () => callback(null, lines));
}

countLines('/var/log/no-such-file.log', (error, lines) => console.log(error ?? `${lines} lines`));
