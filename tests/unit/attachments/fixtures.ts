// Fixtures for the attachment tests and the benchmark, generated with sharp (no binary files in the repo).
import { execFile } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { once } from 'node:events';
import { crc32, createDeflate, deflateSync } from 'node:zlib';
import sharp from 'sharp';

export async function makeTempDir(prefix = 'yibu-att-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const MARKERS = {
  gps: 'YIBU-GPS-MARKER',
  artist: 'YIBU-EXIF-ARTIST',
  xmp: 'YIBU-XMP-MARKER',
} as const;

/** EXIF we expect to be stripped: IFD0 text, a GPS IFD (IFD3 in libvips' naming) with a position and a marker. */
export const PRIVATE_EXIF = {
  IFD0: { Artist: MARKERS.artist, ImageDescription: 'holiday' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '39/1 54/1 2700/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '116/1 23/1 1700/100',
    GPSMapDatum: MARKERS.gps,
  },
};

const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${MARKERS.xmp}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`;

/** Raw RGB(A) with the left half one colour and the right half another. */
export function halvesRaw(
  width: number,
  height: number,
  left: readonly number[],
  right: readonly number[],
): { data: Buffer; raw: { width: number; height: number; channels: 3 | 4 } } {
  const channels = left.length as 3 | 4;
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = x < width / 2 ? left : right;
      for (let k = 0; k < channels; k++) data[(y * width + x) * channels + k] = c[k]!;
    }
  }
  return { data, raw: { width, height, channels } };
}

export const RED = [255, 0, 0] as const;
export const BLUE = [0, 0, 255] as const;

/**
 * A phone-style photo: stored landscape (red left half, blue right half), EXIF Orientation 6 (display rotated
 * 90° clockwise: red on top), GPS position, Artist, XMP and an ICC profile.
 */
export async function rotatedPhoto(width = 400, height = 200): Promise<Buffer> {
  const { data, raw } = halvesRaw(width, height, RED, BLUE);
  return sharp(data, { raw })
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 }) // also embeds an sRGB ICC profile
    .withExifMerge(PRIVATE_EXIF)
    .withXmp(XMP)
    .toBuffer();
}

/** The JPEG without its ICC profile (APP2 `ICC_PROFILE` segments), everything else byte for byte. */
export function withoutIccSegments(jpeg: Buffer): Buffer {
  const parts: Buffer[] = [jpeg.subarray(0, 2)]; // SOI
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1]!;
    if (marker === 0xda) break; // start of scan: the rest is image data
    const len = jpeg.readUInt16BE(i + 2);
    const isIcc = marker === 0xe2 && jpeg.toString('latin1', i + 4, i + 16) === 'ICC_PROFILE\0';
    if (!isIcc) parts.push(jpeg.subarray(i, i + 2 + len));
    i += 2 + len;
  }
  parts.push(jpeg.subarray(i));
  return Buffer.concat(parts);
}

/** Noise over a vertical gradient: detail everywhere, like a sharp photo, so it compresses poorly. */
export function noisyRaw(width: number, height: number): { data: Buffer; raw: { width: number; height: number; channels: 3 } } {
  const data = Buffer.allocUnsafe(width * height * 3);
  randomFillSync(data);
  const rowBytes = width * 3;
  for (let y = 0; y < height; y++) {
    const base = 32 + ((y * 128) / height) | 0;
    const end = (y + 1) * rowBytes;
    for (let i = y * rowBytes; i < end; i++) data[i] = base + (data[i]! >> 2);
  }
  return { data, raw: { width, height, channels: 3 } };
}

export async function noisyJpeg(
  width: number,
  height: number,
  opts: { quality?: number; orientation?: number; gps?: boolean } = {},
): Promise<Buffer> {
  const { data, raw } = noisyRaw(width, height);
  let p = sharp(data, { raw }).jpeg({ quality: opts.quality ?? 90 });
  if (opts.orientation) p = p.withMetadata({ orientation: opts.orientation });
  if (opts.gps) p = p.withExifMerge(PRIVATE_EXIF);
  return p.toBuffer();
}

/**
 * noisyJpeg() written to `path` by a child process. For memory measurements: making the fixture allocates
 * ~100 MB, and the allocator would keep that as a high-water mark the code under test then reuses unseen.
 */
export async function noisyJpegFileInChild(
  path: string,
  width: number,
  height: number,
  opts: { quality?: number; orientation?: number; gps?: boolean } = {},
): Promise<void> {
  const code = [
    `import { noisyJpeg } from ${JSON.stringify(fileURLToPath(import.meta.url))};`,
    `import { writeFileSync } from 'node:fs';`,
    `writeFileSync(${JSON.stringify(path)}, await noisyJpeg(${width}, ${height}, ${JSON.stringify(opts)}));`,
  ].join('\n');
  await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: process.cwd(),
  });
}

/** Tags present in IFD0 and in the GPS IFD of a raw EXIF block (as sharp's metadata().exif returns it). */
export function exifTags(exif: Buffer): { ifd0: number[]; gps: number[] } {
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = (offset: number) => {
    const n = u16(offset);
    return Array.from({ length: n }, (_, i) => ({ tag: u16(offset + 2 + i * 12), value: u32(offset + 2 + i * 12 + 8) }));
  };
  const ifd0 = ifd(u32(4));
  const gpsPointer = ifd0.find((e) => e.tag === 0x8825);
  return { ifd0: ifd0.map((e) => e.tag), gps: gpsPointer ? ifd(gpsPointer.value).map((e) => e.tag) : [] };
}

function pngChunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/**
 * A valid decompression bomb: a 1-bit greyscale PNG of width×height, all black, deflated to a few kB
 * (20000×20000 is 400 MP: 1.2 GB as RGB once decoded). Compressed a block of rows at a time, so the test
 * itself never holds the inflated image either.
 */
export async function pngBomb(width: number, height: number): Promise<Buffer> {
  const ihdr = Buffer.alloc(13); // compression, filter, interlace: 0
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rowBytes = 1 + Math.ceil(width / 8); // filter byte 0, then zero bits
  const rowsPerWrite = 256;
  const zeros = Buffer.alloc(rowBytes * rowsPerWrite);
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const ended = once(deflate, 'end');
  for (let y = 0; y < height; y += rowsPerWrite) {
    const n = Math.min(rowsPerWrite, height - y);
    if (!deflate.write(zeros.subarray(0, n * rowBytes))) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat = Buffer.concat(parts);
  return Buffer.concat([sig, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/**
 * A minimal PDF with `pages` pages. `objectStream` puts the page tree inside a compressed object stream
 * (PDF 1.5 style) so only inflating it reveals the count; `noRootCount` drops /Count from the root so the
 * leaves must be counted.
 */
export function makePdf(pages: number, opts: { objectStream?: boolean; noRootCount?: boolean } = {}): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ');
  const count = opts.noRootCount ? '' : ` /Count ${pages}`;
  const objects: string[] = [
    `<< /Type /Catalog /Pages 2 0 R >>`,
    `<< /Type /Pages /Kids [${kids}]${count} >>`,
    ...Array.from({ length: pages }, () => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>`),
  ];
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  if (!opts.objectStream) {
    objects.forEach((o, i) => (body += `${i + 1} 0 obj\n${o}\nendobj\n`));
    return Buffer.from(body + 'trailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
  }
  // objects 2.. go into object stream number 1000; the catalog stays outside
  let header = '';
  let content = '';
  objects.slice(1).forEach((o, i) => {
    header += `${i + 2} ${content.length} `;
    content += o + '\n';
  });
  const inner = Buffer.from(header + '\n' + content, 'latin1');
  const first = Buffer.byteLength(header + '\n', 'latin1');
  const compressed = deflateSync(inner);
  const head = Buffer.from(
    body +
      `1 0 obj\n${objects[0]}\nendobj\n` +
      `1000 0 obj\n<< /Type /ObjStm /N ${objects.length - 1} /First ${first} /Filter /FlateDecode /Length ${compressed.length} >>\nstream\n`,
    'latin1',
  );
  const tail = Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
  return Buffer.concat([head, compressed, tail]);
}

/** Peak RSS growth over `fn`, sampled every few ms (sharp works off the JS thread, so the timer keeps running). */
export async function peakRssGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthMb: (peak - before) / (1024 * 1024) };
  } finally {
    clearInterval(timer);
  }
}

/** RGB of the pixel at (x, y) of an encoded image. */
export async function pixelAt(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

export function isClose(rgb: readonly number[], want: readonly number[], tolerance = 40): boolean {
  return want.every((v, i) => Math.abs(rgb[i]! - v) <= tolerance);
}

/** A real HEIC photo, 1280×854, two top-level images (see tests/fixtures/images/README.md). */
export const HEIC_FIXTURE = fileURLToPath(new URL('../../fixtures/images/example.heic', import.meta.url));

/**
 * The fixture's PRIMARY image averaged to 2×2 (top-left, top-right, bottom-left, bottom-right), as libheif's
 * own heif-convert renders it: a rotated or mirrored decode, or the second image, would not match.
 */
export const HEIC_FIXTURE_QUADRANTS = [
  [152, 170, 189],
  [144, 161, 172],
  [85, 79, 63],
  [117, 98, 56],
] as const;

/** The 2×2 average of an encoded image, in the order of HEIC_FIXTURE_QUADRANTS. */
export async function quadrants(image: Buffer): Promise<number[][]> {
  const q = await sharp(image).removeAlpha().resize(2, 2, { fit: 'fill' }).raw().toBuffer();
  return [0, 1, 2, 3].map((i) => [q[i * 3]!, q[i * 3 + 1]!, q[i * 3 + 2]!]);
}

