// The app's keyboard shortcuts in one table: what each does, its keys, and how to show them. "Mod" is
// Cmd on macOS and Ctrl elsewhere. Keys avoid what browsers and Electron keep for themselves (Ctrl+N, T, W;
// Ctrl+R and Ctrl+Shift+R reload).
export type ShortcutId = 'newThread' | 'focusComposer' | 'stop' | 'search' | 'prevThread' | 'nextThread' | 'regenerate' | 'sheet';

interface KeySpec {
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** only when the focus is not in a text field (a plain `?` types a question mark there) */
  outsideFields?: boolean;
}

export const SHORTCUTS: readonly { id: ShortcutId; keys: KeySpec }[] = [
  { id: 'newThread', keys: { key: 'o', mod: true, shift: true } },
  { id: 'focusComposer', keys: { key: 'Escape', shift: true } },
  { id: 'stop', keys: { key: 'Escape' } },
  { id: 'search', keys: { key: 'k', mod: true } },
  { id: 'prevThread', keys: { key: 'ArrowUp', alt: true } },
  { id: 'nextThread', keys: { key: 'ArrowDown', alt: true } },
  // Not Mod+Shift+R: Electron's View menu keeps that for Force Reload.
  { id: 'regenerate', keys: { key: 'Enter', mod: true, shift: true } },
  { id: 'sheet', keys: { key: '?', outsideFields: true } },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/** The shortcut this key press means, or null. `inField`: the focus is in a text input or textarea. */
export function shortcutFor(e: KeyLike, mac: boolean, inField: boolean): ShortcutId | null {
  const mod = mac ? e.metaKey : e.ctrlKey;
  const otherMod = mac ? e.ctrlKey : e.metaKey;
  if (otherMod) return null;
  for (const { id, keys } of SHORTCUTS) {
    if (keys.outsideFields && inField) continue;
    const key = keys.key.length === 1 ? e.key.toLowerCase() === keys.key : e.key === keys.key;
    if (!key || !!keys.mod !== mod || !!keys.alt !== e.altKey) continue;
    // `?` is Shift+/ on most layouts: the shift that makes it is part of the key, not a modifier.
    if (keys.key !== '?' && !!keys.shift !== e.shiftKey) continue;
    return id;
  }
  return null;
}

/** The keys as the platform writes them: ⌘⇧O on macOS, Ctrl+Shift+O elsewhere (one string per key cap). */
export function keyCaps(id: ShortcutId, mac: boolean): string[] {
  const spec = SHORTCUTS.find((s) => s.id === id)!.keys;
  const caps: string[] = [];
  if (spec.mod) caps.push(mac ? '⌘' : 'Ctrl');
  if (spec.alt) caps.push(mac ? '⌥' : 'Alt');
  if (spec.shift) caps.push(mac ? '⇧' : 'Shift');
  const names: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc', Enter: mac ? '↩' : 'Enter' };
  caps.push(names[spec.key] ?? spec.key.toUpperCase());
  return caps;
}
