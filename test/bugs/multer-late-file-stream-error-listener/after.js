// Reduced from expressjs/multer lib/make-middleware.js at adfeaf6 (v2.0.2) (MIT).
var is = require('type-is')
var Busboy = require('busboy')
var extend = require('xtend')

var Counter = require('./counter')
var MulterError = require('./multer-error')
var FileAppender = require('./file-appender')

function makeMiddleware (setup) {
  return function multerMiddleware (req, res, next) {
    if (!is(req, ['multipart'])) return next()

    var options = setup()
    var storage = options.storage
    var fileFilter = options.fileFilter

    var busboy = Busboy({ headers: req.headers, limits: options.limits })
    var appender = new FileAppender(options.fileStrategy, req)
    var pendingWrites = new Counter()
    var uploadedFiles = []

    function abortWithError (uploadError) { /* remove uploaded files, then next(uploadError) */ }

    function abortWithCode (code, optionalField) {
      abortWithError(new MulterError(code, optionalField))
    }

    // handle files
    busboy.on('file', function (fieldname, fileStream, { filename, encoding, mimeType }) {
      var pendingWritesIncremented = false

      fileStream.on('error', function (err) {
        if (pendingWritesIncremented) {
          pendingWrites.decrement()
        }
        abortWithError(err)
      })

      if (fieldname == null) return abortWithCode('MISSING_FIELD_NAME')

      // don't attach to the files object, if there is no file
      if (!filename) return fileStream.resume()

      var file = {
        fieldname: fieldname,
        originalname: filename,
        encoding: encoding,
        mimetype: mimeType
      }

      var placeholder = appender.insertPlaceholder(file)

      fileFilter(req, file, function (err, includeFile) {
        if (err) {
          appender.removePlaceholder(placeholder)
          return abortWithError(err)
        }

        if (!includeFile) {
          appender.removePlaceholder(placeholder)
          return fileStream.resume()
        }

        var aborting = false
        pendingWritesIncremented = true
        pendingWrites.increment()

        fileStream.on('limit', function () {
          aborting = true
          abortWithCode('LIMIT_FILE_SIZE', fieldname)
        })

        storage._handleFile(req, file, function (err, info) {
          if (err) {
            appender.removePlaceholder(placeholder)
            pendingWrites.decrement()
            return abortWithError(err)
          }

          var fileInfo = extend(file, info)
          appender.replacePlaceholder(placeholder, fileInfo)
          uploadedFiles.push(fileInfo)
          pendingWrites.decrement()
        })
      })
    })

    busboy.on('error', function (err) { abortWithError(err) })

    req.pipe(busboy)
  }
}

module.exports = makeMiddleware
