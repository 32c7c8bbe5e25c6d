// The packaged app's security settings: a supported Electron major and every fuse in electron-builder.yml
// that keeps the signed binary from being used as a general-purpose Node (issue: ELECTRON_RUN_AS_NODE
// could run any script as the app and read its keychain entry).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder; its API is one function here.
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  electronFuses?: Record<string, unknown>;
  asarUnpack?: string[];
  asar?: boolean;
}

const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/** The oldest Electron major still supported upstream when this was written (43–45). */
const OLDEST_SUPPORTED_MAJOR = 43;

describe('electron-builder.yml', () => {
  it('sets every security fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar and unpacks the native modules that must load from disk', () => {
    expect(config.asar).toBe(true);
    for (const mod of ['better-sqlite3', 'keytar', 'sharp', '@img']) {
      expect(config.asarUnpack, mod).toContain(`**/node_modules/${mod}/**`);
    }
  });

  it("is valid against the installed electron-builder's own schema (so no key is misspelt and silently ignored)", () => {
    const schema = readJson(require.resolve('app-builder-lib/scheme.json'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    const valid = ajv.validate(schema, config);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});

describe('Electron version', () => {
  const majorOf = (v: string) => Number(/(\d+)\./.exec(v)?.[1] ?? NaN);

  it(`package.json asks for a supported major (>= ${OLDEST_SUPPORTED_MAJOR})`, () => {
    const pkg = readJson(path.join(ROOT, 'package.json')) as { devDependencies: Record<string, string> };
    expect(majorOf(pkg.devDependencies.electron ?? '')).toBeGreaterThanOrEqual(OLDEST_SUPPORTED_MAJOR);
  });

  it('the installed electron package is that major too', () => {
    const installed = readJson(require.resolve('electron/package.json')) as { version: string };
    expect(majorOf(installed.version)).toBeGreaterThanOrEqual(OLDEST_SUPPORTED_MAJOR);
  });
});
