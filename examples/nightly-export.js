// Compresses yesterday's log and tells the scheduler the job succeeded. When the log is missing or
// the disk fills up, pipeline() destroys the streams and passes the error to the callback, which
// never looks at it: the scheduler records a success and deletes the original.
const { pipeline } = require('node:stream');
const fs = require('node:fs');
const zlib = require('node:zlib');

function exportLog(path, scheduler) {
  pipeline(fs.createReadStream(path), zlib.createGzip(), fs.createWriteStream(`${path}.gz`), () => {
    scheduler.succeeded(path);
    fs.unlink(path, () => {});
  });
}

module.exports = exportLog;
