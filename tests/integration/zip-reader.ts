// Reads the stored (uncompressed) zips the Markdown export writes, entry by entry from the local headers,
// checking each CRC, so a test can look inside without a zip library.
import { crc32 } from 'node:zlib';

export function readZip(buf: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let at = 0;
  while (buf.readUInt32LE(at) === 0x04034b50) {
    const method = buf.readUInt16LE(at + 8);
    const crc = buf.readUInt32LE(at + 14);
    const size = buf.readUInt32LE(at + 18);
    const nameLen = buf.readUInt16LE(at + 26);
    const extra = buf.readUInt16LE(at + 28);
    const name = buf.subarray(at + 30, at + 30 + nameLen).toString('utf8');
    const start = at + 30 + nameLen + extra;
    const data = buf.subarray(start, start + size);
    if (method !== 0) throw new Error(`${name}: compressed entries are not expected`);
    if ((crc32(data) >>> 0) !== crc) throw new Error(`${name}: CRC mismatch`);
    files.set(name, Buffer.from(data));
    at = start + size;
  }
  if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('no central directory after the entries');
  return files;
}
