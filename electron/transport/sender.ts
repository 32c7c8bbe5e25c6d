// Who may call main. A plain function (no Electron import) so it is unit-tested in Node.

export interface SenderInfo {
  /** URL of the frame that sent the message */
  url: string;
  /** true only for the window's top frame (not an iframe, not a <webview>) */
  isTopFrame: boolean;
}

/** The renderer is served from this origin by main's own protocol handler. */
export const APP_ORIGIN = 'app://yibu';

export function isTrustedSender(sender: SenderInfo, trustedOrigin: string = APP_ORIGIN): boolean {
  if (!sender.isTopFrame) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  return `${url.protocol}//${url.host}` === trustedOrigin;
}
