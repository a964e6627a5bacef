// Compresses yesterday's logs. The promise of pipeline() floats: when the disk fills up the
// rejection goes unhandled and the process dies without saying which file failed.
import { pipeline } from 'node:stream/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createGzip } from 'node:zlib';

export async function archiveLogs(directory) {
  for (const name of await readdir(directory)) {
    if (!name.endsWith('.log')) continue;
    pipeline(createReadStream(`${directory}/${name}`), createGzip(), createWriteStream(`${directory}/${name}.gz`));
  }
}
