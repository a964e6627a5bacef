// A 4-stage pipeline over generated data (nothing is stored): a source of 16 KiB chunks, a
// checksum stage, a re-chunking stage and a counting sink. Prints the bytes, and the wall and CPU
// milliseconds the pipeline took (the tracer's start-up is not in them).
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const totalBytes = Number(process.argv[2]);
const chunkBytes = 16 * 1024;
let produced = 0;
const source = new Readable({
  read() {
    if (produced >= totalBytes) return this.push(null);
    const chunk = Buffer.allocUnsafe(chunkBytes);
    chunk.writeUInt32LE(produced >>> 0, 0);
    produced += chunkBytes;
    this.push(chunk);
  },
});
let checksum = 0;
const checksumStage = new Transform({
  transform(chunk, encoding, callback) {
    checksum = (checksum + chunk.readUInt32LE(0)) >>> 0;
    callback(null, chunk);
  },
});
// Halves each chunk: twice as many chunks downstream, so per-chunk costs show.
const rechunkStage = new Transform({
  transform(chunk, encoding, callback) {
    const half = chunk.length >> 1;
    this.push(chunk.subarray(0, half));
    callback(null, chunk.subarray(half));
  },
});
let received = 0;
const sink = new Writable({
  write(chunk, encoding, callback) {
    received += chunk.length;
    callback();
  },
});
const start = performance.now();
const cpuAtStart = process.cpuUsage();
await pipeline(source, checksumStage, rechunkStage, sink);
const cpu = process.cpuUsage(cpuAtStart);
console.log(
  JSON.stringify({ bytes: received, milliseconds: performance.now() - start, cpuMilliseconds: (cpu.user + cpu.system) / 1000, checksum }),
);
