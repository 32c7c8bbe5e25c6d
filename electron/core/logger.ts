import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, privatizeIfExists } from '../platform/private-fs';
import type { Logger } from '../platform/types';
import type { Redactor } from './redact';

/** A line-per-entry JSON log under <userData>/logs (owner-only), redacted before anything is written. */
export function createFileLogger(dir: string, redactor: Redactor, echo = false): Logger {
  ensurePrivateDir(dir);
  const file = path.join(dir, 'main.log');
  privatizeIfExists(file);
  const write = (level: string, msg: string, data?: Record<string, unknown>) => {
    // Values first (a secret is replaced whole, before JSON escapes it), then the line once more.
    const entry = redactor.value({ t: new Date().toISOString(), level, msg, ...(data ? { data } : {}) });
    const line = redactor.text(JSON.stringify(entry));
    try {
      appendFileSync(file, `${line}\n`, { mode: PRIVATE_FILE_MODE });
    } catch {
      // A full disk must not take the app down with it.
    }
    if (echo) process.stderr.write(`${line}\n`);
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export function errorDetails(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { value: String(err) };
}
