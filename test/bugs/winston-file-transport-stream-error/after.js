// Reduced from winstonjs/winston lib/winston/transports/file.js at 4efdf874 (MIT).
var events = require('events'),
    fs = require('fs'),
    path = require('path'),
    util = require('util'),
    Transport = require('./transport').Transport,
    isWritable = require('isstream').isWritable;

var File = exports.File = function (options) {
  Transport.call(this, options);
  this.dirname = options.dirname;
  this.options = options.options || { flags: 'a' };
};

util.inherits(File, Transport);

File.prototype._createStream = function () {
  var self = this;
  this.opening = true;

  (function checkFile (target) {
    var fullname = path.join(self.dirname, target);

    function createAndFlush (size) {
      if (self._stream) {
        self._stream.end();
        self._stream.destroySoon();
      }

      self._size = size;
      self.filename = target;
      self._stream = fs.createWriteStream(fullname, self.options);
      self._isStreams2 = isWritable(self._stream);
      self._stream.on('error', function(error){
        self.emit('error', error);
      });
      //
      // We need to listen for drain events when
      // write() returns false. This can make node
      // mad at times.
      //
      self._stream.setMaxListeners(Infinity);

      self.once('flush', function () {
        self.flush();
        self.opening = false;
        self.emit('open', fullname);
      });

      self.flush();
    }

    fs.stat(fullname, function (err, stats) {
      if (err) {
        return createAndFlush(0);
      }
      createAndFlush(stats.size);
    });
  })(this._getFile());
};
