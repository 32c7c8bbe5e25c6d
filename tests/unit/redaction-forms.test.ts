// The Redactor replaces a secret in every form serialising may give it, longest secret first.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../../electron/core/logger';
import { Redactor } from '../../electron/core/redact';

const SHORT = 'tok-1234567890abcdef';
const LONG = `${SHORT}-SECONDHALF-zyxw`;

function redactorWith(...secrets: string[]): Redactor {
  const r = new Redactor();
  for (const s of secrets) r.add(s);
  return r;
}

/** Every 6-character piece of `secret`: none may survive redaction. */
function pieces(secret: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 6 <= secret.length - 4; i++) out.push(secret.slice(i, i + 6));
  return out;
}

function expectClean(text: string, secret: string): void {
  for (const p of pieces(secret)) expect(text, `"${p}" of the secret survived in ${text}`).not.toContain(p);
}

describe('redaction', () => {
  it('replaces the longest secret first when one contains the other, in whichever order they were added', () => {
    for (const r of [redactorWith(SHORT, LONG), redactorWith(LONG, SHORT)]) {
      const out = r.text(`long=${LONG} short=${SHORT}`);
      expect(out).toBe('long=…zyxw short=…cdef');
      expectClean(out, LONG);
    }
  });

  it('catches JSON-escaped forms: quotes, backslashes, escaped slashes, and JSON inside JSON', () => {
    const secret = 'k3y/with"quote\\and-slash';
    const r = redactorWith(secret);
    const once = JSON.stringify({ header: `Bearer ${secret}` });
    const twice = JSON.stringify({ raw: once });
    const slashes = once.replace(/\//g, '\\/');
    for (const text of [once, twice, slashes]) {
      const out = r.text(text);
      expect(out).not.toContain('with');
      expect(out).toContain('…lash');
    }
  });

  it('catches percent-encoded forms (query strings, form bodies)', () => {
    const secret = 'sk/key+with space&=chars';
    const r = redactorWith(secret);
    const query = `https://gw.example/v1/models?key=${encodeURIComponent(secret)}`;
    const form = new URLSearchParams({ key: secret }).toString();
    for (const text of [query, form]) {
      const out = r.text(text);
      expect(out).not.toContain('with');
      expect(out).toContain('…hars');
    }
  });

  it('works on values before serialisation, in nested objects, arrays, keys and errors', () => {
    const secret = 'p@ss"word/with\\escapes';
    const r = redactorWith(secret, LONG, SHORT);
    const value = {
      a: [{ deep: { deeper: `x ${secret} y` } }, LONG],
      [`key-${SHORT}`]: 1,
      err: new Error(`failed with ${LONG}`),
      when: new Date(0),
    };
    const out = JSON.stringify(r.value(value));
    expectClean(out, secret);
    expectClean(out, LONG);
    expect(out).not.toContain('with\\\\escapes');
    expect(out).toContain('failed with …zyxw');
    expect(out).toContain('"when":"1970-01-01T00:00:00.000Z"');
  });

  it('keeps the key out of the log file in any of these forms', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yibu-redact-log-'));
    try {
      const secret = 'sk-log/"secret"-ABCDEFGH';
      const r = redactorWith(secret);
      const log = createFileLogger(dir, r);
      log.error('request failed', {
        header: `Bearer ${secret}`,
        nested: { url: `https://x.example/?k=${encodeURIComponent(secret)}`, body: JSON.stringify({ key: secret }) },
      });
      const text = readFileSync(path.join(dir, 'main.log'), 'utf8');
      expect(text).not.toContain('secret');
      expect(text).toContain('…EFGH');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
