// The browser-mode lock file: held while its pid lives, taken over once it is dead, private to its owner.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireInstanceLock, LOCK_FILE, pidAlive } from '../../electron/instance-lock';
import { useTempDirs } from './temp-dirs';

const temp = useTempDirs('lock');
const OTHER_PID = 424242;

describe('acquireInstanceLock', () => {
  it('takes a free folder, records the URL, and releases', () => {
    const dir = temp.dir();
    const r = acquireInstanceLock(dir);
    if (!r.ok) throw new Error('expected the lock');
    const file = path.join(dir, LOCK_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, url: null });
    r.lock.setUrl('http://127.0.0.1:5555/?token=t');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:5555/?token=t' });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    r.lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('names the running instance while its pid lives, and takes the lock over once it is dead', () => {
    const dir = temp.dir();
    const file = path.join(dir, LOCK_FILE);
    writeFileSync(file, JSON.stringify({ pid: OTHER_PID, url: 'http://127.0.0.1:4444/?token=x', startedAt: 1 }));
    const held = acquireInstanceLock(dir, (pid) => pid === OTHER_PID);
    expect(held).toEqual({ ok: false, holder: { pid: OTHER_PID, url: 'http://127.0.0.1:4444/?token=x', startedAt: 1 } });
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(OTHER_PID);

    const taken = acquireInstanceLock(dir, () => false);
    expect(taken.ok).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    // No temporary files are left beside it.
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('a garbled lock is stale; a release does not remove a lock another process has taken since', () => {
    const dir = temp.dir();
    const file = path.join(dir, LOCK_FILE);
    writeFileSync(file, '{half a');
    const r = acquireInstanceLock(dir, () => true);
    if (!r.ok) throw new Error('expected the lock');
    writeFileSync(file, JSON.stringify({ pid: OTHER_PID, url: null, startedAt: 2 }));
    r.lock.release();
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(OTHER_PID);
  });

  it('pidAlive: this process lives, nonsense pids do not', () => {
    expect(pidAlive(process.pid)).toBe(true);
    expect(pidAlive(0)).toBe(false);
    expect(pidAlive(-5)).toBe(false);
  });
});
