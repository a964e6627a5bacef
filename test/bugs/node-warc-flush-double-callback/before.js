// Reduced from N0taN3rd/node-warc lib/parsers/warcStreamTransform.js before da8d473 (MIT).
'use strict'
const { Transform } = require('stream')
const RecordBuilder = require('../warcRecord/builder')
const { crlf } = require('../warcRecord/fieldIdentifiers')

class WARCStreamTransform extends Transform {
  constructor () {
    super({
      readableObjectMode: true
    })
    this.buffered = undefined
    this.builder = new RecordBuilder()
    this.sepLen = crlf.length
  }

  _consumeChunk (chunk, done, pushLast) {
    let offset = 0
    let lastMatch = 0
    let idx
    let maybeRecord
    let chunkLen = chunk.length
    while (true) {
      idx = offset >= chunkLen ? -1 : chunk.indexOf(crlf, offset)
      if (idx !== -1 && idx < chunk.length) {
        maybeRecord = this.builder.consumeLine(
          chunk.slice(lastMatch, idx + this.sepLen)
        )
        if (maybeRecord != null) this.push(maybeRecord)
        offset = idx + this.sepLen
        lastMatch = offset
      } else {
        this.buffered = chunk.slice(lastMatch)
        if (pushLast) {
          maybeRecord = this.builder.buildRecord()
          if (maybeRecord) {
            this.push(maybeRecord)
          }
        }
        break
      }
    }
    done()
  }

  _transform (buf, enc, done) {
    let chunk
    if (this.buffered) {
      chunk = Buffer.concat(
        [this.buffered, buf],
        this.buffered.length + buf.length
      )
      this.buffered = undefined
    } else {
      chunk = buf
    }
    this._consumeChunk(chunk, done)
  }

  _flush (done) {
    if (this.buffered) {
      this._consumeChunk(this.buffered, done, true)
    }
    done()
  }
}

module.exports = WARCStreamTransform
