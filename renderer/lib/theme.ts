// Theme: CSS follows prefers-color-scheme unless <html data-theme> pins light or dark.
import type { Settings } from '../../shared/domain';

export function applyTheme(theme: Settings['theme']): void {
  const root = document.documentElement;
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}
