// The main window's size and position, remembered across runs in the data folder. Plain Node (no
// Electron import) so it can be tested: main passes the displays' work areas in. A saved position
// that no longer shows on any display (a monitor unplugged) is dropped, keeping the size.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

const Saved = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(150).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof Saved>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1200, height: 800, maximized: false };
export const WINDOW_STATE_FILE = 'window-state.json';

/** How much of the window's top strip (where it is dragged from) must be on a display to keep its place. */
const GRIP_WIDTH = 120;
const GRIP_HEIGHT = 40;

function gripVisible(s: Required<Pick<WindowState, 'x' | 'y' | 'width'>>, displays: Area[]): boolean {
  return displays.some((d) => {
    const w = Math.min(s.x + s.width, d.x + d.width) - Math.max(s.x, d.x);
    const h = Math.min(s.y + GRIP_HEIGHT, d.y + d.height) - Math.max(s.y, d.y);
    return w >= Math.min(GRIP_WIDTH, s.width) && h >= GRIP_HEIGHT;
  });
}

/** The saved state fitted to today's displays, or the default (centred by Electron) when there is none. */
export function loadWindowState(file: string, displays: Area[]): WindowState {
  let saved: WindowState;
  try {
    saved = Saved.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  const largest = displays.reduce<Area | null>((a, d) => (!a || d.width * d.height > a.width * a.height ? d : a), null);
  const width = largest ? Math.min(saved.width, largest.width) : saved.width;
  const height = largest ? Math.min(saved.height, largest.height) : saved.height;
  const { x, y } = saved;
  if (x === undefined || y === undefined || !gripVisible({ x, y, width }, displays)) return { width, height, maximized: saved.maximized };
  return { x, y, width, height, maximized: saved.maximized };
}

/** Written to a temporary name and renamed, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const valid = Saved.parse({ ...state, x: round(state.x), y: round(state.y), width: Math.round(state.width), height: Math.round(state.height) });
  writeFileSync(`${file}.tmp`, JSON.stringify(valid), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

function round(n: number | undefined): number | undefined {
  return n === undefined ? undefined : Math.round(n);
}
