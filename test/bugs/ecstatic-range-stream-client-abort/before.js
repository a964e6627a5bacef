// Reduced from jfhbrook/node-ecstatic lib/ecstatic.js before cb2cd60 (MIT).
var path = require('path'),
    fs = require('fs'),
    url = require('url'),
    mime = require('mime'),
    status = require('./ecstatic/status-handlers');

var ecstatic = module.exports = function (dir, options) {
  var root = path.join(path.resolve(dir), '/');

  return function middleware (req, res, next) {
    var parsed = url.parse(req.url);
    var file = path.normalize(path.join(root, parsed.pathname));

    fs.stat(file, function (err, stat) {
      if (err) return status[404](res, next);
      serve(stat);
    });

    function serve(stat) {
      var contentType = mime.lookup(file);

      var range = (req.headers && req.headers['range']);
      if (range) {
        var total = stat.size;
        var parts = range.replace(/bytes=/, "").split("-");
        var start = parseInt(parts[0], 10);
        var end = Math.min(total-1, parts[1] ? parseInt(parts[1], 10) : total-1);
        var chunksize = (end-start)+1;
        if (start > end || isNaN(start) || isNaN(end)) {
          return status['416'](res, next);
        }
        var fstream = fs.createReadStream(file, {start: start, end: end});
        fstream.on('error', function (err) {
          status['500'](res, next, { error: err });
        });
        res.writeHead(206, {
          'Content-Range': 'bytes ' + start + '-' + end + '/' + total,
          'Accept-Ranges': 'bytes',
          'Content-Length': chunksize,
          'Content-Type': contentType
        });
        fstream.pipe(res);
        return;
      }

      res.setHeader('content-length', stat.size);
      res.setHeader('content-type', contentType);

      var stream = fs.createReadStream(file);

      stream.pipe(res);
      stream.on('error', function (err) {
        status['500'](res, next, { error: err });
      });
    }
  };
};
