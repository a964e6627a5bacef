// Streams the rows of an in-memory report as a readable. When the rows run out it ends the
// stream, then still pushes the total line: Node fails the stream with
// ERR_STREAM_PUSH_AFTER_EOF and the download stops just before the total.
const { Readable } = require('node:stream');

function reportStream(rows) {
  let index = 0;
  return new Readable({
    read() {
      if (index < rows.length) {
        this.push(`${rows[index++].join(',')}\n`);
        return;
      }
      this.push(null);
      this.push(`total,${rows.length}\n`);
    },
  });
}

module.exports = reportStream;
