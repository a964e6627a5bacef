// Saves a remote file to disk. Two bugs: nobody listens for errors on the request or the file,
// and .pipe() would not pass them on anyway.
const https = require('node:https');
const fs = require('node:fs');

function download(url, path) {
  https.get(url, (response) => {
    const file = fs.createWriteStream(path);
    response.pipe(file);
  });
}

download('https://example.com/archive.tar.gz', '/tmp/archive.tar.gz');
