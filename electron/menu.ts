// The native application menu: the usual Edit / View / Window roles (and the app menu on macOS), in
// the app's language. Plain data, no Electron import: main turns it into a Menu. Links in Help go
// through the same http(s)-only check as every external link.
import type { Settings } from '../shared/domain';

/** The subset of Electron's MenuItemConstructorOptions used here. */
export interface MenuItem {
  label?: string;
  role?: string;
  type?: 'separator';
  accelerator?: string;
  submenu?: MenuItem[];
  /** for items main wires to a click: an http(s) link opened in the system browser */
  link?: string;
}

const TEXT = {
  en: {
    edit: 'Edit', undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select All',
    view: 'View', reload: 'Reload', devTools: 'Toggle Developer Tools', resetZoom: 'Actual Size', zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out', fullScreen: 'Toggle Full Screen',
    window: 'Window', minimize: 'Minimize', zoom: 'Zoom', close: 'Close Window', front: 'Bring All to Front',
    help: 'Help', website: '一步API Website',
    about: 'About Yibu Chat', hide: 'Hide Yibu Chat', hideOthers: 'Hide Others', unhide: 'Show All', quit: 'Quit Yibu Chat',
  },
  'zh-CN': {
    edit: '编辑', undo: '撤销', redo: '重做', cut: '剪切', copy: '复制', paste: '粘贴', selectAll: '全选',
    view: '视图', reload: '重新加载', devTools: '切换开发者工具', resetZoom: '实际大小', zoomIn: '放大',
    zoomOut: '缩小', fullScreen: '切换全屏',
    window: '窗口', minimize: '最小化', zoom: '缩放', close: '关闭窗口', front: '全部置于顶层',
    help: '帮助', website: '一步API 官网',
    about: '关于 Yibu Chat', hide: '隐藏 Yibu Chat', hideOthers: '隐藏其他', unhide: '全部显示', quit: '退出 Yibu Chat',
  },
} as const;

export type MenuLanguage = keyof typeof TEXT;
export const MENU_TEXT: Record<MenuLanguage, Record<keyof (typeof TEXT)['en'], string>> = TEXT;

export function menuLanguage(locale: Settings['locale'], systemLocale: string): MenuLanguage {
  return locale === 'system' ? (/^zh/i.test(systemLocale) ? 'zh-CN' : 'en') : locale;
}

export function menuTemplate(lang: MenuLanguage, platform: NodeJS.Platform, opts: { devTools: boolean }): MenuItem[] {
  const t = MENU_TEXT[lang];
  const sep: MenuItem = { type: 'separator' };
  const mac = platform === 'darwin';
  const appMenu: MenuItem[] = mac
    ? [
        {
          label: 'Yibu Chat',
          submenu: [
            { role: 'about', label: t.about },
            sep,
            { role: 'hide', label: t.hide },
            { role: 'hideOthers', label: t.hideOthers },
            { role: 'unhide', label: t.unhide },
            sep,
            { role: 'quit', label: t.quit },
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        sep,
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    {
      label: t.view,
      submenu: [
        { role: 'reload', label: t.reload },
        ...(opts.devTools ? [{ role: 'toggleDevTools', label: t.devTools }] : []),
        sep,
        { role: 'resetZoom', label: t.resetZoom },
        { role: 'zoomIn', label: t.zoomIn },
        { role: 'zoomOut', label: t.zoomOut },
        sep,
        { role: 'togglefullscreen', label: t.fullScreen },
      ],
    },
    {
      label: t.window,
      role: 'windowMenu',
      submenu: [
        { role: 'minimize', label: t.minimize },
        ...(mac ? [{ role: 'zoom', label: t.zoom }, sep, { role: 'front', label: t.front }] : [{ role: 'close', label: t.close }]),
      ],
    },
    { label: t.help, role: 'help', submenu: [{ label: t.website, link: 'https://yibuapi.com' }] },
  ];
}
