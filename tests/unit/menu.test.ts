// The native menu: the usual Edit / View / Window roles, in the app's language, a macOS app menu, and
// Help links that are http(s) only.
import { describe, expect, it } from 'vitest';
import { MENU_TEXT, menuLanguage, menuTemplate, type MenuItem } from '../../electron/menu';
import { isSafeExternalUrl } from '../../shared/url';

const flat = (items: MenuItem[]): MenuItem[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
const roles = (items: MenuItem[]) => flat(items).flatMap((i) => (i.role ? [i.role] : []));

describe('application menu', () => {
  it('has the usual Edit, View and Window roles', () => {
    const r = roles(menuTemplate('en', 'linux', { devTools: false }));
    expect(r).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    expect(r).toEqual(expect.arrayContaining(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    expect(r).toEqual(expect.arrayContaining(['windowMenu', 'minimize', 'close']));
    expect(r).not.toContain('toggleDevTools'); // a packaged app has no developer tools entry
    expect(roles(menuTemplate('en', 'linux', { devTools: true }))).toContain('toggleDevTools');
  });

  it('adds the macOS app menu with quit, and zoom / front in Window', () => {
    const mac = menuTemplate('en', 'darwin', { devTools: false });
    expect(mac[0]!.label).toBe('Yibu Chat');
    expect(roles(mac)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'zoom', 'front']));
    expect(roles(menuTemplate('en', 'win32', { devTools: false }))).not.toContain('quit');
  });

  it('is translated: every label in zh-CN differs from English and none is empty', () => {
    const en = flat(menuTemplate('en', 'darwin', { devTools: true })).filter((i) => i.label && i.label !== 'Yibu Chat');
    const zh = flat(menuTemplate('zh-CN', 'darwin', { devTools: true })).filter((i) => i.label && i.label !== 'Yibu Chat');
    expect(zh.map((i) => i.label)).toHaveLength(en.length);
    expect(zh.map((i) => i.label)).toContain('编辑');
    for (const [i, item] of zh.entries()) expect(item.label, en[i]!.label).not.toBe(en[i]!.label);
    expect(Object.keys(MENU_TEXT['zh-CN']).sort()).toEqual(Object.keys(MENU_TEXT.en).sort());
  });

  it('follows the Settings language, else the system language', () => {
    expect(menuLanguage('system', 'zh-Hans-CN')).toBe('zh-CN');
    expect(menuLanguage('system', 'de-DE')).toBe('en');
    expect(menuLanguage('en', 'zh-CN')).toBe('en');
  });

  it('links only to http(s) addresses', () => {
    const links = flat(menuTemplate('en', 'linux', { devTools: false })).flatMap((i) => (i.link ? [i.link] : []));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(isSafeExternalUrl(l)).toBe(true);
  });
});
