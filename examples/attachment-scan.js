// Scans an uploaded attachment for viruses before it is stored. The file is opened first and its
// 'error' listener waits for the scanner's connection: a missing or unreadable file fails during
// that await, with nobody listening, and the process crashes.
const fs = require('node:fs');

async function scanAttachment(path, scanner) {
  const file = fs.createReadStream(path);
  const session = await scanner.connect();
  file.on('error', (error) => session.abort(error));
  file.pipe(session.input);
  return session.verdict;
}

module.exports = scanAttachment;
