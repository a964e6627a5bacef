// The callback form of pipeline() without a callback: it throws ERR_INVALID_ARG_TYPE before a
// single byte is copied.
const { pipeline } = require('node:stream');
const fs = require('node:fs');

function backup(path) {
  pipeline(fs.createReadStream(path), fs.createWriteStream(`${path}.bak`));
}

module.exports = { backup };
