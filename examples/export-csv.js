// Exports a table as CSV. On a slow disk (or a network share) the file cannot keep up, write()
// returns false, and the loop goes on: every row of the export ends up buffered in memory.
const fs = require('node:fs');

function exportCsv(rows, path) {
  const out = fs.createWriteStream(path);
  out.on('error', (error) => console.error(`cannot write ${path}:`, error.message));
  out.write('id,name,email\n');
  for (const row of rows) {
    out.write(`${row.id},${row.name},${row.email}\n`);
  }
  out.end();
}

module.exports = { exportCsv };
