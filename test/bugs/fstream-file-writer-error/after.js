// Reduced from npm/fstream lib/file-writer.js at f0ff682 (ISC).
module.exports = FileWriter

var fs = require("graceful-fs")
  , Writer = require("./writer.js")
  , inherits = require("inherits")
  , EOF = {}

inherits(FileWriter, Writer)

function FileWriter (props) {
  var me = this
  me._buffer = []
  me._bytesWritten = 0
  Writer.call(this, props)
}

FileWriter.prototype._create = function () {
  var me = this
  if (me._stream) return

  var so = {}
  if (me.props.flags) so.flags = me.props.flags
  so.mode = Writer.filemode

  me._stream = fs.createWriteStream(me._path, so)

  me._stream.on("open", function (fd) {
    me.ready = true
    me._buffer.forEach(function (c) {
      if (c === EOF) me._stream.end()
      else me._stream.write(c)
    })
    me.emit("ready")
    me.emit("drain")
  })

  me._stream.on("error", function (error) { me.emit("error") })

  me._stream.on("drain", function () { me.emit("drain") })

  me._stream.on("close", function () {
    me._finish()
  })
}
