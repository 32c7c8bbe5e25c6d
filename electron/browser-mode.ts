// Browser mode entry: `npm run web -- --port 0 --data-dir DIR [--base-url URL] [--demo]`.
// Serves the built renderer and the same core over a WebSocket on 127.0.0.1 only, and prints one
// line `READY <url-with-token>` when it takes requests. The key comes from YIBU_API_KEY when set
// (kept in memory, never written) or from the keychain. One instance per data folder (instance-lock.ts):
// a second start names the running one's URL and exits with status 3.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from './core/core';
import { createFileLogger } from './core/logger';
import { Redactor } from './core/redact';
import { acquireInstanceLock, type InstanceLock } from './instance-lock';
import { createNodePlatform } from './platform/node';
import { ensurePrivateDir } from './platform/private-fs';
import { createSecretStore } from './secrets';
import { startWebServer } from './transport/web';

declare const __APP_VERSION__: string;

/** Exit status of a start refused because another instance runs on the same data folder. */
const ALREADY_RUNNING = 3;
let instanceLock: InstanceLock | null = null;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'base-url': { type: 'string' },
      'static-dir': { type: 'string' },
      demo: { type: 'boolean', default: false },
      'idle-timeout-ms': { type: 'string' },
    },
  });
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  ensurePrivateDir(dataDir);
  // Before the core opens the database: its start-up sweep must never see another instance's live answers.
  const taken = acquireInstanceLock(dataDir);
  if (!taken.ok) {
    const where = taken.holder.url ?? `process ${taken.holder.pid}, still starting`;
    process.stderr.write(`Yibu Chat is already running on this data folder (${dataDir}): ${where}\n`);
    process.exit(ALREADY_RUNNING);
  }
  instanceLock = taken.lock;
  const redactor = new Redactor();
  const envKey = process.env.YIBU_API_KEY?.trim() || undefined;
  // Read once, then gone: child processes (the tool sandbox, xdg-open) must not inherit the key.
  delete process.env.YIBU_API_KEY;
  redactor.add(envKey);
  const logger = createFileLogger(path.join(dataDir, 'logs'), redactor);
  const secrets = await createSecretStore({ userDataDir: dataDir, envApiKey: envKey, logger });
  const platform = createNodePlatform({ userDataDir: dataDir, secrets, logger, version: appVersion() });
  const core = await createCore(platform, {
    redactor,
    demo: values.demo,
    baseUrl: values['base-url'],
    idleTimeoutMs: values['idle-timeout-ms'] ? Number(values['idle-timeout-ms']) : undefined,
  });
  const staticDir = path.resolve(values['static-dir'] ?? path.join(__dirname, '..', 'renderer'));
  const server = await startWebServer({ core, staticDir, port: Number(values.port), logger });
  logger.info('browser mode ready', { origin: server.origin, dataDir, secrets: secrets.backend });
  taken.lock.setUrl(server.url);
  process.stdout.write(`READY ${server.url}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info('browser mode stopping', { signal });
    await server.close();
    await core.close();
    taken.lock.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function defaultDataDir(): string {
  const home = process.env.HOME ?? process.cwd();
  // The same folder Electron uses as userData, so both modes see the same threads.
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Yibu Chat');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? home, 'Yibu Chat');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Yibu Chat');
}

function appVersion(): string {
  return typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
}

main().catch((err: unknown) => {
  instanceLock?.release();
  process.stderr.write(`Browser mode failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
