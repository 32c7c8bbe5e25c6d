// The Platform inside Electron: net.fetch (follows the system proxy), app paths, the OS opener,
// and safeStorage for the secret store's encrypted-file fallback.
import { app, net, safeStorage, shell } from 'electron';
import type { SecretStore } from '../secrets/types';
import type { Logger, Platform } from './types';

export function createElectronPlatform(opts: { secrets: SecretStore; logger: Logger; userDataDir: string }): Platform {
  return {
    userDataDir: opts.userDataDir,
    fetch: ((input: string | URL | Request, init?: RequestInit) =>
      net.fetch(input instanceof URL ? input.toString() : input, init)) as typeof fetch,
    secrets: opts.secrets,
    logger: opts.logger,
    mode: 'electron',
    version: app.getVersion(),
    systemLocale: () => app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
    openExternal: (url) => shell.openExternal(url),
  };
}

export { safeStorage };
