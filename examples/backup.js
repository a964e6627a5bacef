// Backs up a database table to a gzipped file and writes a manifest beside it. Written for
// Node 10: pipeline is promisified by hand, and the manifest's end is awaited by hand with a
// promise that never settles when the stream is destroyed without an error.
const fs = require('node:fs');
const util = require('node:util');
const stream = require('node:stream');
const zlib = require('node:zlib');

const pipelineAsync = util.promisify(stream.pipeline);

async function backup(table, directory) {
  const file = `${directory}/${table.name}.gz`;
  await pipelineAsync(table.exportStream(), zlib.createGzip(), fs.createWriteStream(file));

  const manifest = fs.createWriteStream(`${directory}/manifest.json`);
  manifest.end(JSON.stringify({ table: table.name, file, at: new Date().toISOString() }));
  await new Promise((resolve, reject) => {
    manifest.on('finish', resolve);
    manifest.on('error', reject);
  });
}

module.exports = backup;
