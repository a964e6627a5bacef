// Exports a million rows to CSV. write() returns false when the file's buffer is full, but the
// loop writes on: every row waits in memory until the disk catches up.
const { createWriteStream } = require('node:fs');
const { finished } = require('node:stream/promises');

async function exportRows(path, rows) {
  const file = createWriteStream(path);
  for (const row of rows) {
    file.write(`${row.id},${row.name}\n`);
  }
  file.end();
  await finished(file);
}

const rows = Array.from({ length: 1_000_000 }, (_, id) => ({ id, name: `row ${id}` }));
exportRows('/tmp/export.csv', rows).catch((error) => console.error(error));
