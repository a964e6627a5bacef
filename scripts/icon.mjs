// Draws the extension's icon (media/icon.png, 128×128): three streams flowing left to right, the
// middle one through a gate. A script, so that the PNG can be remade without an image editor.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const size = 128;
const background = [27, 43, 52];
const colours = [[92, 196, 140], [240, 200, 80], [92, 160, 230]];
const pixels = Buffer.alloc(size * size * 4);

function blend(x, y, colour, coverage) {
  const offset = (y * size + x) * 4;
  for (let channel = 0; channel < 3; channel++) {
    pixels[offset + channel] = Math.round(pixels[offset + channel] * (1 - coverage) + colour[channel] * coverage);
  }
}

for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const offset = (y * size + x) * 4;
    // A rounded square: transparent corners.
    const dx = Math.max(0, Math.abs(x - 63.5) - 40);
    const dy = Math.max(0, Math.abs(y - 63.5) - 40);
    const inside = Math.hypot(dx, dy) <= 22;
    pixels.set(inside ? [...background, 255] : [0, 0, 0, 0], offset);
    if (!inside) continue;
    colours.forEach((colour, index) => {
      const centre = 34 + index * 30 + Math.sin((x / size) * Math.PI * 2 + index) * 7;
      const distance = Math.abs(y - centre);
      if (distance < 6) blend(x, y, colour, Math.min(1, 6 - distance));
    });
    // The gate on the middle stream: backpressure.
    if (x >= 84 && x <= 90 && y >= 52 && y <= 76) blend(x, y, [236, 239, 241], 1);
  }
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const rows = Buffer.concat(Array.from({ length: size }, (_, y) => Buffer.concat([Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4)])));
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
