// The installable app, as far as it can be checked without Electron's binary: the targets, the icon set
// generated from the one SVG (every size each target needs), `npm run dist` failing in one line where
// the binary is missing, the built bundles, and that every native module the main bundle requires
// (and every native module those need) is unpacked from the asar, so it loads from app.asar.unpacked.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface Config {
  appId?: string;
  productName?: string;
  asarUnpack?: string[];
  directories?: { buildResources?: string };
  mac?: { target?: string[]; icon?: string };
  win?: { target?: string[]; icon?: string };
  linux?: { target?: string[]; icon?: string };
}
const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;

interface IconsModule {
  LINUX_SIZES: number[];
  ICO_SIZES: number[];
  ICNS_TYPES: [string, number][];
  makeIcons(svg: string, out: string): Promise<string[]>;
}

describe('targets', () => {
  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows, as Yibu Chat', () => {
    expect(config.appId).toBe('com.yibuapi.chat');
    expect(config.productName).toBe('Yibu Chat');
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac?.target).toContain('dmg');
    expect(config.win?.target).toContain('nsis');
  });
});

describe('icons from build/icon.svg', () => {
  let out: string;
  let icons: IconsModule;
  let written: string[];
  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'yibu-icons-'));
    icons = (await import(path.join(ROOT, 'electron/scripts/icons.mjs'))) as IconsModule;
    written = await icons.makeIcons(path.join(ROOT, 'build/icon.svg'), out);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes the files electron-builder.yml points each target at', () => {
    expect(config.directories?.buildResources).toBe('build');
    for (const icon of [config.mac?.icon, config.win?.icon, config.linux?.icon]) {
      expect(icon, 'every target names its icon').toMatch(/^build\//);
      expect(existsSync(path.join(out, icon!.slice('build/'.length))), icon).toBe(true);
    }
    expect(written).toContain('icon.png');
  });

  it('Linux: a PNG at every size from 16 to 1024, each exactly that size', async () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const meta = await sharp(path.join(out, 'icons', `${size}x${size}.png`)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size]);
    }
  });

  it('Windows: an .ico holding 16–256 px PNGs that match their directory entries', async () => {
    const buf = readFileSync(path.join(out, 'icon.ico'));
    expect(buf.readUInt16LE(2)).toBe(1);
    const count = buf.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const size = buf.readUInt8(e) || 256;
      const data = buf.subarray(buf.readUInt32LE(e + 12), buf.readUInt32LE(e + 12) + buf.readUInt32LE(e + 8));
      const meta = await sharp(data).metadata();
      expect([meta.width, meta.height]).toEqual([size, size]);
      sizes.push(size);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('macOS: an .icns with every element type up to 1024 px, each a PNG of its size', async () => {
    const buf = readFileSync(path.join(out, 'icon.icns'));
    expect(buf.toString('ascii', 0, 4)).toBe('icns');
    expect(buf.readUInt32BE(4)).toBe(buf.length);
    const found: Record<string, number> = {};
    for (let at = 8; at < buf.length; ) {
      const type = buf.toString('ascii', at, at + 4);
      const len = buf.readUInt32BE(at + 4);
      found[type] = (await sharp(buf.subarray(at + 8, at + len)).metadata()).width ?? 0;
      at += len;
    }
    expect(found).toEqual({ icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 });
  });
});

describe('npm run dist', () => {
  it('says in one line that Electron’s binary is missing and exits non-zero', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'yibu-no-electron-'));
    try {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'electron/scripts/dist.mjs')], {
        cwd: ROOT,
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status).not.toBe(0);
      expect(r.status).not.toBeNull();
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^npm run dist: Electron's binary is not installed/);
      expect(existsSync(path.join(ROOT, 'release', 'never'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('package.json runs that script', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toBe('node electron/scripts/dist.mjs');
  });
});

/** electron-builder's globs (minimatch) for the shapes this config uses: `**`, `*`, literal text. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      re += '.*';
      i += 1;
    } else if (glob[i] === '*') re += '[^/]*';
    else re += glob[i]!.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** The installed package directory of `name`, looked up from `fromDir` as Node would. */
function packageDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir)) return null;
  }
}

describe('the build and the native modules', () => {
  const dist = (rel: string) => path.join(ROOT, 'dist', rel);

  it('main, preload and renderer are built (npm test builds first)', () => {
    for (const f of ['electron/main.cjs', 'electron/preload.cjs', 'renderer/index.html']) expect(existsSync(dist(f)), f).toBe(true);
  });

  it('every native module main.cjs requires, and every native module those need, is unpacked from the asar', () => {
    const main = readFileSync(dist('electron/main.cjs'), 'utf8');
    // require("x"), a lazy import("x") (keytar) and req.resolve("x") (the sandbox worker's quickjs path)
    const loads = main.matchAll(/(?:\brequire|\bimport|\.resolve)\(\s*["']([^"'./][^"']*)["']\s*\)/g);
    const required = new Set(Array.from(loads, (m) => (m[1]!.startsWith('@') ? m[1]!.split('/').slice(0, 2).join('/') : m[1]!.split('/')[0]!)));
    const builtin = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const packages = [...required].filter((m) => !builtin.has(m) && !m.startsWith('node:') && m !== 'electron');
    expect(packages).toEqual(expect.arrayContaining(['better-sqlite3', 'keytar', 'sharp', 'quickjs-emscripten']));

    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const shipped = { ...pkg.dependencies, ...pkg.optionalDependencies };
    // What electron-builder packs: the dependencies and, recursively, theirs.
    const reachable = new Set<string>();
    const walk = (name: string, from: string) => {
      const dir = packageDir(name, from);
      if (!dir || reachable.has(name)) return;
      reachable.add(name);
      const meta = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
      for (const dep of Object.keys({ ...meta.dependencies, ...meta.optionalDependencies })) walk(dep, dir);
    };
    for (const name of Object.keys(shipped)) walk(name, ROOT);
    const unpack = (config.asarUnpack ?? []).map(globToRegExp);
    const unpacked = (rel: string) => unpack.some((re) => re.test(rel));

    const seen = new Set<string>();
    const natives: string[] = [];
    const visit = (dir: string) => {
      if (seen.has(dir)) return;
      seen.add(dir);
      const files = filesUnder(dir).filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`, dir.length));
      const binaries = files.filter((f) => f.endsWith('.node'));
      const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');
      if (binaries.length > 0) {
        natives.push(rel(dir));
        // The package's own files too: its loader finds the binary relative to itself.
        expect(unpacked(`${rel(dir)}/package.json`), `${rel(dir)} is unpacked whole`).toBe(true);
        for (const b of binaries) expect(unpacked(rel(b)), `${rel(b)} loads from app.asar.unpacked`).toBe(true);
      }
      const meta = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
      for (const dep of Object.keys({ ...meta.dependencies, ...meta.optionalDependencies })) {
        const d = packageDir(dep, dir);
        if (d) visit(d);
      }
    };
    for (const name of packages) {
      const dir = packageDir(name, ROOT);
      if (!dir) continue; // optional and absent (ws's bufferutil): guarded by try/catch where required
      expect(reachable.has(name), `${name} is a (production) dependency, so electron-builder packs it`).toBe(true);
      visit(dir);
    }
    expect(natives).toContain('node_modules/better-sqlite3');
    expect(natives.some((n) => n.startsWith('node_modules/@img/sharp-')), 'sharp’s platform binary').toBe(true);
    if (packageDir('keytar', ROOT)) expect(natives).toContain('node_modules/keytar');
  });
});
