// Bundles the main-process entries with esbuild. Native and WASM-loading modules stay external
// (electron-builder packs them; in development they load from node_modules).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { root } from './lib.mjs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const external = ['electron', 'better-sqlite3', 'keytar', 'sharp', 'quickjs-emscripten', 'bufferutil', 'utf-8-validate'];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  absWorkingDir: root,
  // sandbox.ts reads import.meta.url only where __filename is absent (ESM tests); the bundles are CJS.
  logOverride: { 'empty-import-meta': 'silent' },
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
  // Sandboxed preloads cannot require app modules: one small self-contained file.
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', sourcemap: false }),
  build({ ...common, entryPoints: ['electron/browser-mode.ts'], outfile: 'dist/electron/browser-mode.cjs' }),
  // `npm run suite`: the suite runner headless, for CI (electron/scripts/suite.mjs runs it).
  build({ ...common, entryPoints: ['electron/cli/suite.ts'], outfile: 'dist/electron/suite-cli.cjs' }),
  // The mock gateway backs `npm run demo` and the benchmarks.
  build({
    ...common,
    format: 'esm',
    entryPoints: ['tests/fixtures/gateway/cli.ts'],
    outfile: 'dist/gateway/cli.mjs',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
]);
