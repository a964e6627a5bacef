// Reduced from ZJONSSON/node-unzipper lib/parse.js before d7f01ee (MIT).
var zlib = require('zlib');
var Stream = require('stream');
var Promise = require('bluebird');
var NoopStream = require('./NoopStream');

Parse.prototype._readFile = function () {
  var self = this;
  return self.pull(30).then(function(vars) {
    return self.pull(vars.fileNameLength).then(function(fileNameBuffer) {
      var fileName = fileNameBuffer.toString('utf8');
      var entry = Stream.PassThrough();
      var __autodraining = false;

      entry.autodrain = function() {
        __autodraining = true;
        return entry.pipe(NoopStream());
      };

      entry.path = fileName;
      self.emit('entry', entry);

      var fileSizeKnown = !(vars.flags & 0x08) || vars.compressedSize > 0,
          eof = vars.compressedSize;

      var inflater = (vars.compressionMethod && !__autodraining) ? zlib.createInflateRaw() : Stream.PassThrough();

      return new Promise(function(resolve, reject) {
        self.stream(eof)
          .pipe(inflater)
          .on('error',function(err) { self.emit('error',err);})
          .pipe(entry)
          .on('finish', function() {
            return fileSizeKnown ? resolve(fileSizeKnown) : self._processDataDescriptor(entry).then(resolve).catch(reject);
          });
      });
    });
  });
};
