// Reduced from expressjs/multer lib/make-middleware.js at 2c8505f (v2.0.0) (MIT).
var is = require('type-is')
var Busboy = require('busboy')

var Counter = require('./counter')
var MulterError = require('./multer-error')

function drainStream (stream) {
  stream.on('readable', () => {
    while (stream.read() !== null) {}
  })
}

function makeMiddleware (setup) {
  return function multerMiddleware (req, res, next) {
    if (!is(req, ['multipart'])) return next()

    var options = setup()
    var limits = options.limits
    var preservePath = options.preservePath

    req.body = Object.create(null)

    req.on('error', function (err) {
      abortWithError(err)
    })

    var busboy

    try {
      busboy = Busboy({ headers: req.headers, limits: limits, preservePath: preservePath })
    } catch (err) {
      return next(err)
    }

    var isDone = false
    var readFinished = false
    var errorOccured = false
    var pendingWrites = new Counter()

    function done (err) {
      if (isDone) return
      isDone = true
      req.unpipe(busboy)
      drainStream(req)
      req.resume()
      setImmediate(() => {
        busboy.removeAllListeners()
      })
      next(err)
    }

    function indicateDone () {
      if (readFinished && pendingWrites.isZero() && !errorOccured) done()
    }

    function abortWithError (uploadError) {
      if (errorOccured) return
      errorOccured = true
      pendingWrites.onceZero(function () {
        done(uploadError)
      })
    }

    function abortWithCode (code, optionalField) {
      abortWithError(new MulterError(code, optionalField))
    }

    busboy.on('error', function (err) { abortWithError(err) })
    busboy.on('partsLimit', function () { abortWithCode('LIMIT_PART_COUNT') })
    busboy.on('close', function () {
      readFinished = true
      indicateDone()
    })

    req.pipe(busboy)
  }
}

module.exports = makeMiddleware
