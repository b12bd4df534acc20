/**
 * Draws the kiosk's app icon (resources/icons/icon.png, 512×512) without any
 * image tool: a rounded teal square with a white ring and check mark
 * ("recovered"). electron-builder makes the Windows .ico and the Linux sizes
 * from it. Run: npx tsx scripts/make-icon.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SUB = 4; // 4×4 samples per pixel for smooth edges
const BACKGROUND: [number, number, number] = [11, 110, 105];
const FOREGROUND: [number, number, number] = [255, 255, 255];

function insideRoundedSquare(x: number, y: number): boolean {
  const r = 96;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function isForeground(x: number, y: number): boolean {
  const ring = Math.abs(Math.hypot(x - 256, y - 256) - 170);
  if (ring <= 20) return true;
  const stroke = 30;
  return distanceToSegment(x, y, 175, 265, 235, 325) <= stroke || distanceToSegment(x, y, 235, 325, 345, 200) <= stroke;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const rows: Buffer[] = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let x = 0; x < SIZE; x++) {
    let bg = 0;
    let fg = 0;
    for (let sy = 0; sy < SUB; sy++) {
      for (let sx = 0; sx < SUB; sx++) {
        const px = x + (sx + 0.5) / SUB;
        const py = y + (sy + 0.5) / SUB;
        if (!insideRoundedSquare(px, py)) continue;
        if (isForeground(px, py)) fg++;
        else bg++;
      }
    }
    const total = SUB * SUB;
    const alpha = (bg + fg) / total;
    const mix = bg + fg > 0 ? fg / (bg + fg) : 0;
    const o = 1 + x * 4;
    for (let i = 0; i < 3; i++) row[o + i] = Math.round((BACKGROUND[i] ?? 0) * (1 - mix) + (FOREGROUND[i] ?? 0) * mix);
    row[o + 3] = Math.round(alpha * 255);
  }
  rows.push(row);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = resolve(import.meta.dirname, '../resources/icons/icon.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
