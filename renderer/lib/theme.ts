// Theme: <html data-theme> is always 'light' or 'dark'. 'system' resolves it from the OS preference
// and follows its changes, so the CSS holds each palette once.
import type { Settings } from '../../shared/domain';

const dark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
let current: Settings['theme'] = 'system';

function paint(): void {
  const resolved = current === 'system' ? (dark?.matches ? 'dark' : 'light') : current;
  document.documentElement.setAttribute('data-theme', resolved);
}

dark?.addEventListener('change', () => {
  if (current === 'system') paint();
});

export function applyTheme(theme: Settings['theme']): void {
  current = theme;
  paint();
}
