// Temporary folders for a test file, removed after each test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

export function useTempDirs(prefix: string) {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const dir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), `yibu-${prefix}-`));
    dirs.push(d);
    return d;
  };
  return { dir, file: (name = 'chat.db') => path.join(dir(), name) };
}
