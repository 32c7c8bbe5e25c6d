// The database (and its -wal/-shm), the logs and the attachments are the user's alone: files 0600 in
// folders 0700, even under a permissive umask and for folders and files an older version left behind.
import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { createFileLogger } from '../../electron/core/logger';
import { Redactor } from '../../electron/core/redact';
import { createNodePlatform } from '../../electron/platform/node';
import { testSecrets } from './core-harness';

const posix = process.platform !== 'win32';
let root: string;
let oldUmask: number;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'yibu-modes-'));
  oldUmask = process.umask(0); // the most permissive umask: modes must not depend on it
});
afterEach(() => {
  process.umask(oldUmask);
  rmSync(root, { recursive: true, force: true });
});

/** Every folder and file under `dir` with its permission bits, as "relative/path 700". */
function modes(dir: string): string[] {
  const out: string[] = [`. ${(statSync(dir).mode & 0o777).toString(8)}`];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out.push(`${path.relative(dir, p)} ${(statSync(p).mode & 0o777).toString(8)}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

async function useApp(dataDir: string): Promise<void> {
  const redactor = new Redactor();
  const logger = createFileLogger(path.join(dataDir, 'logs'), redactor);
  const platform = createNodePlatform({ userDataDir: dataDir, secrets: testSecrets(), logger, version: 'test' });
  const core = await createCore(platform, { redactor });
  const call = async (route: 'settings.update' | 'attachments.add', input: unknown) => {
    const r = await core.call(route, input, { clientId: 'c1' });
    if (!r.ok) throw new Error(`${route}: ${r.error.message}`);
  };
  logger.info('hello');
  await call('settings.update', { model: 'gpt-4.1' }); // a write: the -wal and -shm files exist now
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).png().toBuffer();
  await call('attachments.add', { name: 'photo.png', mime: 'image/png', data: png.toString('base64') });
  // Looked at while the database is open, with its -wal and -shm in place.
  const seen = modes(dataDir);
  expect(seen.some((l) => l.startsWith('yibu-chat.db-wal '))).toBe(true);
  expect(seen.some((l) => l.startsWith(`attachments${path.sep}originals${path.sep}`))).toBe(true);
  expect(seen.some((l) => l.startsWith(`logs${path.sep}main.log `))).toBe(true);
  for (const line of seen) {
    const [rel, mode] = line.split(' ');
    const isDir = statSync(path.join(dataDir, rel!)).isDirectory();
    expect(`${rel} ${mode}`).toBe(`${rel} ${isDir ? '700' : '600'}`);
  }
  await core.close();
}

describe.runIf(posix)('owner-only data', () => {
  it('creates the data folder, database, logs and attachments 0700/0600 under umask 000', async () => {
    await useApp(path.join(root, 'fresh', 'Yibu Chat'));
  });

  it('tightens what an older version left world-readable', async () => {
    const dataDir = path.join(root, 'old');
    mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
    mkdirSync(path.join(dataDir, 'attachments', 'originals'), { recursive: true });
    writeFileSync(path.join(dataDir, 'logs', 'main.log'), '');
    new Database(path.join(dataDir, 'yibu-chat.db')).close();
    for (const d of [dataDir, path.join(dataDir, 'logs'), path.join(dataDir, 'attachments'), path.join(dataDir, 'attachments', 'originals')]) chmodSync(d, 0o755);
    chmodSync(path.join(dataDir, 'logs', 'main.log'), 0o644);
    chmodSync(path.join(dataDir, 'yibu-chat.db'), 0o644);
    await useApp(dataDir);
  });
});
