// Exports the day's orders as CSV through a pipeline, and opens its header template, which it then
// never reads. Run it with "Node Streams: Run with Stream Trace": the trace shows each stage of the
// pipeline with what went through it, and the template's file stream still open at exit (a leak,
// at the line that created it).
import { createReadStream, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline, Readable, Transform } from 'node:stream';

function* ordersOfTheDay(count) {
  for (let id = 1; id <= count; id++) yield { id, total: (id * 7) % 100 };
}

const toCsv = new Transform({
  writableObjectMode: true,
  transform(order, encoding, callback) {
    callback(null, `${order.id},${order.total}\n`);
  },
});

const header = createReadStream(new URL(import.meta.url));

pipeline(Readable.from(ordersOfTheDay(5000)), toCsv, createWriteStream(join(tmpdir(), 'orders.csv')), (error) => {
  if (error) console.error('export failed', error);
  else console.log(`exported 5000 orders${header.bytesRead === 0 ? ', the header never read' : ''}`);
});
