// Parses "key=value" lines. A bad line throws inside _transform(): that is not a stream error,
// it escapes from whichever write() fed the chunk, and the process dies.
const { Transform } = require('node:stream');

class KeyValueParser extends Transform {
  constructor() {
    super({ readableObjectMode: true });
  }

  _transform(chunk, encoding, callback) {
    const [key, value] = chunk.toString().trim().split('=');
    if (value === undefined) {
      throw new Error(`Not a key=value line: ${chunk}`);
    }
    callback(null, { key, value });
  }
}

module.exports = { KeyValueParser };
