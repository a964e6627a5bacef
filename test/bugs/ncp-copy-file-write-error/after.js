// Reduced from AvianFlu/ncp lib/ncp.js at d6198ac (MIT).
var fs = require('fs'),
    path = require('path');

module.exports = ncp
ncp.ncp = ncp

function ncp (source, dest, options, callback) {
  var transform = options.transform,
      eventName = 'close',
      finished = 0,
      started = 0;

  function copyFile(file, target) {
    var readStream = fs.createReadStream(file.name),
        writeStream = fs.createWriteStream(target, { mode: file.mode });
    if(transform) {
      transform(readStream, writeStream,file);
    } else {
      writeStream.on('open', function() {
        readStream.pipe(writeStream);
      })
      writeStream.on('error', cb);
    }
    writeStream.once(eventName, cb);
  }

  function cb(skipped) {
    ++finished;
    if (finished === started) {
      return callback();
    }
  }
}
