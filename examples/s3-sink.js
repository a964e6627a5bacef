// Uploads each chunk as an object. _write is async: when an upload fails, the rejected promise is
// ignored by the stream, which waits for its callback forever, and the process dies on an
// unhandled rejection instead of the pipeline reporting the failed upload.
const { Writable } = require('node:stream');

class ObjectSink extends Writable {
  constructor(client, bucket) {
    super({ objectMode: true });
    this.client = client;
    this.bucket = bucket;
  }

  async _write(record, encoding, callback) {
    await this.client.putObject({ Bucket: this.bucket, Key: record.key, Body: record.body });
    callback();
  }
}

module.exports = ObjectSink;
