// Reduced from max-mapper/extract-zip index.js at 990fc64 (BSD-2-Clause).
var fs = require('fs')
var path = require('path')
var yauzl = require('yauzl')
var debug = require('debug')('extract-zip')

module.exports = function (zipPath, opts, cb) {
  openZip(opts)

  function openZip () {
    debug('opening', zipPath, 'with opts', opts)

    yauzl.open(zipPath, {lazyEntries: true}, function (err, zipfile) {
      if (err) return cb(err)

      var cancelled = false

      zipfile.on('error', function (err) {
        if (err) {
          cancelled = true
          return cb(err)
        }
      })
      zipfile.readEntry()

      zipfile.on('close', function () {
        if (!cancelled) {
          debug('zip extraction complete')
          cb()
        }
      })

      zipfile.on('entry', function (entry) {
        if (cancelled) return

        zipfile.openReadStream(entry, function (err, readStream) {
          if (err) {
            cancelled = true
            return cb(err)
          }
          readStream.on('error', function (err) {
            console.log('read err', err)
          })
          var writeStream = fs.createWriteStream(path.join(opts.dir, entry.fileName))
          readStream.pipe(writeStream)
          writeStream.on('finish', function () {
            zipfile.readEntry()
          })
          writeStream.on('error', function (err) {
            cancelled = true
            zipfile.close()
            return cb(err)
          })
        })
      })
    })
  }
}
