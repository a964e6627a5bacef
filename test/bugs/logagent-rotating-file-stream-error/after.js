// Reduced from sematext/logagent-js lib/plugins/output/files.js at 99b87f5 (Apache-2.0).
'use strict'
var format = require('string-template')
var safeStringify = require('fast-safe-stringify')
var rfs = require('rotating-file-stream')

function OutputFile (config, eventEmitter) {
  this.streams = {}
  this.config = config
  this.eventEmitter = eventEmitter
}

OutputFile.prototype.createStream = function (file) {
  var stream = rfs(file, {
    size: this.config.size || '10M', // rotate every 10 MegaBytes written
    interval: this.config.interval || '1d', // rotate daily
    compress: this.config.compress || true // compress rotated files
  })
  stream.on('error', console.log)
  stream.on('warning', console.log)

  return stream
}

OutputFile.prototype.eventHandler = function (data, context) {
  var fileName = format(this.config.fileName, data)
  if (!this.streams[fileName]) {
    this.streams[fileName] = this.createStream(fileName)
  }
  var stream = this.streams[fileName]
  stream.write(safeStringify(data) + '\n')
}

OutputFile.prototype.start = function () {
  this.eventEmitter.on('data.parsed', this.eventHandler.bind(this))
}

module.exports = OutputFile
