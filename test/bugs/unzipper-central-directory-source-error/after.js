// Reduced from ZJONSSON/node-unzipper lib/Open/directory.js at 646dff0 (MIT).
var PullStream = require('../PullStream');
var Promise = require('bluebird');
var Buffer = require('../Buffer');

var signature = Buffer.alloc(4);
signature.writeUInt32LE(0x06054b50,0);

module.exports = function centralDirectory(source, options) {
  var endDir = PullStream(),
      tailSize = (options && options.tailSize) || 80,
      sourceSize;

  return source.size()
    .then(function(size) {
      sourceSize = size;

      source.stream(Math.max(0,size-tailSize))
        .on('error', function (error) { endDir.emit('error', error) })
        .pipe(endDir);

      return endDir.pull(signature);
    })
    .then(function() {
      return endDir.pull(22);
    });
};
