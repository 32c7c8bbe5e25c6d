// The window comes back where the user left it, unless that place is no longer on any display.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../electron/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const external = { x: 1440, y: 0, width: 2560, height: 1415 };
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yibu-winstate-'));
  file = path.join(dir, 'window-state.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('starts at the default size when nothing was saved or the file is unreadable', () => {
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, '{"width": "wide"');
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('comes back at the saved size, place and maximized state', () => {
    saveWindowState(file, { x: 1600.4, y: 120, width: 1300, height: 900, maximized: true });
    expect(loadWindowState(file, [laptop, external])).toEqual({ x: 1600, y: 120, width: 1300, height: 900, maximized: true });
    expect(readFileSync(file, 'utf8')).not.toContain('.4');
  });

  it('drops a place that is on no display any more (monitor unplugged) and fits the size to what is left', () => {
    saveWindowState(file, { x: 1600, y: 120, width: 2000, height: 1200, maximized: false });
    expect(loadWindowState(file, [laptop])).toEqual({ width: 1440, height: 875, maximized: false });
  });

  it('keeps a window whose title strip is still reachable, even if mostly off screen', () => {
    saveWindowState(file, { x: -850, y: 10, width: 1000, height: 700, maximized: false });
    expect(loadWindowState(file, [laptop])).toMatchObject({ x: -850, y: 10 });
    saveWindowState(file, { x: -950, y: 10, width: 1000, height: 700, maximized: false });
    expect(loadWindowState(file, [laptop])).not.toHaveProperty('x');
  });
});
