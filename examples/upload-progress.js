// Reports the progress of an upload by peeking into the streams' private state. `ended` is not
// `'end'` emitted, and the fields move between Node versions; the public getters say the same
// thing and stay put.
const fs = require('node:fs');
const { pipeline } = require('node:stream');

function upload(path, request) {
  const file = fs.createReadStream(path);
  const timer = setInterval(() => {
    const buffered = file._readableState.length + request._writableState.length;
    console.log(`${buffered} bytes waiting, source ended: ${file._readableState.ended}`);
  }, 1000);
  pipeline(file, request, (error) => {
    clearInterval(timer);
    if (error) console.error('upload failed', error);
  });
}

module.exports = { upload };
