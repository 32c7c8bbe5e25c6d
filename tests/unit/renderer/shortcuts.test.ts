// Keyboard shortcuts: Cmd on macOS, Ctrl elsewhere; `?` opens the sheet only outside text fields; the
// sheet writes the keys the platform's way. And "copy as plain text" reads like the rendered answer.
import { describe, expect, it } from 'vitest';
import { keyCaps, shortcutFor, type KeyLike } from '../../../renderer/features/shortcuts/keymap';
import { markdownToPlainText } from '../../../renderer/lib/plain-text';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcuts', () => {
  it('platform-correct modifier', () => {
    expect(shortcutFor(key('k', { metaKey: true }), true, false)).toBe('search');
    expect(shortcutFor(key('k', { ctrlKey: true }), true, false)).toBeNull();
    expect(shortcutFor(key('k', { ctrlKey: true }), false, false)).toBe('search');
    expect(shortcutFor(key('k', { metaKey: true }), false, false)).toBeNull();
    expect(shortcutFor(key('O', { ctrlKey: true, shiftKey: true }), false, true)).toBe('newThread');
    expect(shortcutFor(key('Enter', { metaKey: true, shiftKey: true }), true, true)).toBe('regenerate');
    expect(shortcutFor(key('Enter', { shiftKey: true }), false, true)).toBeNull(); // Shift+Enter: a new line
    // Reload and force reload stay the app's (Electron's View menu).
    expect(shortcutFor(key('r', { ctrlKey: true }), false, true)).toBeNull();
    expect(shortcutFor(key('R', { ctrlKey: true, shiftKey: true }), false, true)).toBeNull();
  });

  it('? opens the sheet, but types a question mark in a text field', () => {
    expect(shortcutFor(key('?', { shiftKey: true }), false, false)).toBe('sheet');
    expect(shortcutFor(key('?', { shiftKey: true }), false, true)).toBeNull();
  });

  it('Escape stops, Shift+Escape focuses the composer, Alt+arrows move between threads', () => {
    expect(shortcutFor(key('Escape'), false, true)).toBe('stop');
    expect(shortcutFor(key('Escape', { shiftKey: true }), false, false)).toBe('focusComposer');
    expect(shortcutFor(key('ArrowUp', { altKey: true }), false, true)).toBe('prevThread');
    expect(shortcutFor(key('ArrowDown', { altKey: true }), true, true)).toBe('nextThread');
    expect(shortcutFor(key('ArrowDown'), false, true)).toBeNull();
  });

  it('the sheet shows ⌘ on macOS and Ctrl elsewhere', () => {
    expect(keyCaps('newThread', true)).toEqual(['⌘', '⇧', 'O']);
    expect(keyCaps('newThread', false)).toEqual(['Ctrl', 'Shift', 'O']);
    expect(keyCaps('prevThread', false)).toEqual(['Alt', '↑']);
    expect(keyCaps('regenerate', true)).toEqual(['⌘', '⇧', '↩']);
  });
});

describe('copy as plain text', () => {
  it('drops the markup and keeps the structure', () => {
    const md = '# Title\n\nSome **bold** and `code` with a [link](https://x.y).\n\n- one\n- [x] two\n\n```js\nlet a = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |';
    expect(markdownToPlainText(md)).toBe('Title\n\nSome bold and code with a link.\n\n- one\n- [x] two\n\nlet a = 1;\n\na\tb\n1\t2');
  });
});
