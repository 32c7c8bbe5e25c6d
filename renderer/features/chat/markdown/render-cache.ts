// Parsed markdown blocks, kept across mounts. The message list is virtualized, so a row scrolled out and back
// in mounts afresh: without this cache every such mount would parse its markdown again (and highlight its code),
// which is what made wheel-scrolling a long thread drop frames. A finished block's text is its key (the same
// text always renders the same), so an edit or a new branch simply misses; least recently used blocks go first.
//
// Code highlighting is the slow part of a parse, so a block first renders without it and is highlighted in
// idle time, one block per idle slice (requestIdleCallback), never inside a frame that scrolls or streams.
import type { ReactElement } from 'react';

const MAX_BLOCKS = 3000;

interface Entry {
  plain?: ReactElement;
  highlighted?: ReactElement;
}

const blocks = new Map<string, Entry>();

function touch(text: string): Entry {
  let e = blocks.get(text);
  if (e) {
    // Map keeps insertion order: re-inserting makes it the most recently used
    blocks.delete(text);
  } else {
    e = {};
    if (blocks.size >= MAX_BLOCKS) blocks.delete(blocks.keys().next().value!);
  }
  blocks.set(text, e);
  return e;
}

/** The block as rendered so far: highlighted when that is done, else plain (parsed now, once). */
export function cachedBlock(text: string, plain: () => ReactElement): { element: ReactElement; highlighted: boolean } {
  const e = touch(text);
  if (e.highlighted) return { element: e.highlighted, highlighted: true };
  e.plain ??= plain();
  return { element: e.plain, highlighted: false };
}

export function highlightedBlock(text: string): ReactElement | undefined {
  return blocks.get(text)?.highlighted;
}

const MAX_SPLITS = 500;
const splits = new Map<string, string[]>();

/** A finished message's blocks, split once (a 20,000-token answer takes milliseconds to split). */
export function cachedSplit(text: string, split: (text: string) => string[]): string[] {
  let out = splits.get(text);
  if (out) splits.delete(text);
  else {
    out = split(text);
    if (splits.size >= MAX_SPLITS) splits.delete(splits.keys().next().value!);
  }
  splits.set(text, out);
  return out;
}

/** Whether a block has fenced code worth highlighting (the only thing the highlighter changes). */
export const hasCode = (text: string): boolean => /^ {0,3}(`{3,}|~{3,})[ \t]*[\w+#.-]/m.test(text);

type Job = { text: string; render: () => ReactElement; done: () => void };
const queue: Job[] = [];
let scheduled = false;

const idle: (cb: (deadline: { timeRemaining(): number }) => void) => void =
  typeof requestIdleCallback === 'function' ? (cb) => requestIdleCallback(cb, { timeout: 500 }) : (cb) => setTimeout(() => cb({ timeRemaining: () => 8 }), 16);

function run(deadline: { timeRemaining(): number }): void {
  scheduled = false;
  // at least one block per slice, more while the slice lasts
  do {
    const job = queue.shift();
    if (!job) return;
    const e = touch(job.text);
    e.highlighted ??= job.render();
    e.plain = undefined;
    job.done();
  } while (queue.length > 0 && deadline.timeRemaining() > 4);
  schedule();
}

function schedule(): void {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  idle(run);
}

/** Highlights the block when the renderer is idle; `done` runs then. Returns a cancel for an unmounted row. */
export function highlightLater(text: string, render: () => ReactElement, done: () => void): () => void {
  const job: Job = { text, render, done };
  queue.push(job);
  schedule();
  return () => {
    const i = queue.indexOf(job);
    if (i >= 0) queue.splice(i, 1);
  };
}
