// The Platform for plain Node: browser mode, tests and benchmarks.
import { spawn } from 'node:child_process';
import { createProxyFetch } from './proxy-fetch';
import type { SecretStore } from '../secrets/types';
import type { Logger, Platform } from './types';

export interface NodePlatformOptions {
  userDataDir: string;
  secrets: SecretStore;
  logger: Logger;
  version: string;
  fetch?: typeof globalThis.fetch;
  /** where links go instead of the system browser (tests) */
  openExternal?: (url: string) => Promise<void>;
}

export function createNodePlatform(opts: NodePlatformOptions): Platform {
  return {
    userDataDir: opts.userDataDir,
    fetch: opts.fetch ?? globalThis.fetch,
    fetchVia: createProxyFetch,
    secrets: opts.secrets,
    logger: opts.logger,
    mode: 'browser',
    version: opts.version,
    systemLocale: () => Intl.DateTimeFormat().resolvedOptions().locale || process.env.LANG || 'en',
    openExternal: opts.openExternal ?? openWithSystem,
  };
}

/** Hands an (already checked http/https) URL to the OS opener, detached. */
async function openWithSystem(url: string): Promise<void> {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['explorer.exe', [url]]
        : ['xdg-open', [url]];
  await new Promise<void>((resolve) => {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => resolve());
    child.on('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
