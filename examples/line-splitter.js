// Splits a byte stream into lines. When a chunk ends in the middle of a line, _transform keeps the
// piece and returns without calling back: the stream waits for that callback forever, and the
// pipeline hangs on the first chunk without a newline.
const { Transform } = require('node:stream');

class LineSplitter extends Transform {
  constructor() {
    super({ readableObjectMode: true });
    this.rest = '';
  }

  _transform(chunk, encoding, callback) {
    const text = this.rest + chunk.toString('utf8');
    const end = text.lastIndexOf('\n');
    if (end === -1) {
      this.rest = text;
      return;
    }
    for (const line of text.slice(0, end).split('\n')) this.push(line);
    this.rest = text.slice(end + 1);
    callback();
  }

  _flush(callback) {
    if (this.rest) this.push(this.rest);
    callback();
  }
}

module.exports = LineSplitter;
