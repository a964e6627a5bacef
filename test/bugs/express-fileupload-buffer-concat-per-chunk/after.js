// Reduced from richardgirges/express-fileupload lib/index.js at e23f337 (MIT).
'use strict';

const Busboy = require('busboy');

function processMultipart(options, req, res, next) {
  let busboy = new Busboy({ headers: req.headers });

  req.files = null;

  // Build req.files fields
  busboy.on('file', function(fieldname, file, filename, encoding, mime) {
    const buffers = [];

    file.on('data', function(data) {
      buffers.push(data);

      if (options.debug)
        return console.log('Uploading %s -> %s', fieldname, filename);
    });

    file.on('end', function() {
      if (!req.files)
        req.files = {};

      const buf = Buffer.concat(buffers);
      if(!buf.length)
        return;

      req.files[fieldname] = {
        name: filename,
        data: buf,
        encoding: encoding,
        mimetype: mime
      };
    });
  });

  busboy.on('finish', next);

  req.pipe(busboy);
}

module.exports = processMultipart;
