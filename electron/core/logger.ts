import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../platform/types';
import type { Redactor } from './redact';

/** A line-per-entry JSON log under <userData>/logs, redacted before anything is written. */
export function createFileLogger(dir: string, redactor: Redactor, echo = false): Logger {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'main.log');
  const write = (level: string, msg: string, data?: Record<string, unknown>) => {
    const line = redactor.text(JSON.stringify({ t: new Date().toISOString(), level, msg, ...(data ? { data } : {}) }));
    try {
      appendFileSync(file, `${line}\n`);
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
