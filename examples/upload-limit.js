// An upload middleware that gives up when a file is too large. It unpipes the request from the
// parser and hands the error on, but never drains the request: it stays paused, the client's
// upload never completes, and its socket and buffers are held (multer's CVE-2025-47935).
const Busboy = require('busboy');

module.exports = function uploadLimit(maxBytes) {
  return function upload(req, res, next) {
    const busboy = Busboy({ headers: req.headers, limits: { fileSize: maxBytes } });
    let finished = false;
    function done(error) {
      if (finished) return;
      finished = true;
      req.unpipe(busboy);
      next(error);
    }
    busboy.on('file', (name, file) => {
      file.on('limit', () => done(new Error(`${name} is larger than ${maxBytes} bytes`)));
      file.resume();
    });
    busboy.on('error', done);
    busboy.on('close', () => done());
    req.pipe(busboy);
  };
};
