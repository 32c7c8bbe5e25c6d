// Renders every app icon from the one SVG source (build/icon.svg) with sharp: the PNG set Linux
// packages take (build/icons/NxN.png), a Windows .ico and a macOS .icns (both PNG-in-container, which
// Windows Vista+ and macOS 10.7+ read), and build/icon.png. `npm run dist` runs it first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sharp from 'sharp';

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** icns element types with PNG payloads, by pixel size */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

async function png(svg, size) {
  return sharp(svg, { density: Math.max(72, Math.ceil((72 * size) / 1024) * 4) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

export function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((x) => x.data)]);
}

export function icns(elements) {
  const parts = elements.map(({ type, data }) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

/** Writes the whole icon set for `svgFile` into `outDir`; returns the files written. */
export async function makeIcons(svgFile, outDir) {
  const svg = readFileSync(svgFile);
  const cache = new Map();
  const at = async (size) => {
    if (!cache.has(size)) cache.set(size, await png(svg, size));
    return cache.get(size);
  };
  const written = [];
  const write = (rel, data) => {
    const file = path.join(outDir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
    written.push(rel);
  };
  for (const size of LINUX_SIZES) write(`icons/${size}x${size}.png`, await at(size));
  write('icon.png', await at(1024));
  write('icon.ico', ico(await Promise.all(ICO_SIZES.map(async (size) => ({ size, data: await at(size) })))));
  write('icon.icns', icns(await Promise.all(ICNS_TYPES.map(async ([type, size]) => ({ type, data: await at(size) })))));
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const files = await makeIcons(path.join(root, 'build', 'icon.svg'), path.join(root, 'build'));
  console.log(`icons: ${files.length} files from build/icon.svg`);
}
