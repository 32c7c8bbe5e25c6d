// The Platform inside Electron: net.fetch (follows the system proxy), app paths, the OS opener,
// and safeStorage for the secret store's encrypted-file fallback.
import { app, BrowserWindow, dialog, net, safeStorage, session, shell } from 'electron';
import type { SecretStore } from '../secrets/types';
import type { KeyMoveText, Logger, Platform } from './types';

export function createElectronPlatform(opts: { secrets: SecretStore; logger: Logger; userDataDir: string }): Platform {
  return {
    userDataDir: opts.userDataDir,
    fetch: ((input: string | URL | Request, init?: RequestInit) =>
      net.fetch(input instanceof URL ? input.toString() : input, init)) as typeof fetch,
    fetchVia: proxiedFetch,
    secrets: opts.secrets,
    logger: opts.logger,
    mode: 'electron',
    version: app.getVersion(),
    systemLocale: () => app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
    openExternal: (url) => shell.openExternal(url),
    confirmKeyMove,
  };
}

/**
 * A profile's proxy override: a session of its own (in memory, one per proxy URL) whose proxy is set
 * to it, so the profile's requests use that proxy and everything else keeps the system's.
 */
function proxiedFetch(proxyUrl: string): typeof fetch {
  const ses = session.fromPartition(`yibu-proxy:${proxyUrl}`);
  const ready = ses.setProxy({ proxyRules: proxyUrl });
  return (async (input: string | URL | Request, init?: RequestInit) => {
    await ready;
    return ses.fetch(input instanceof URL ? input.toString() : input, init);
  }) as typeof fetch;
}

/** A native dialog (not the renderer's): the key may go to `to` only if the user says so here. */
async function confirmKeyMove(_from: string, _to: string, text: KeyMoveText): Promise<boolean> {
  const options = {
    type: 'warning' as const,
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons: [text.cancel, text.confirm],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const parent = BrowserWindow.getFocusedWindow();
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return response === 1;
}

export { safeStorage };
