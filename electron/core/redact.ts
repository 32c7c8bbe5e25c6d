import { keyHint } from '../secrets/key-hint';

// The API key must never reach a log, an error, a trace, an export or the database. Everything
// that leaves main's request builder passes through a Redactor that knows the current key.

const KEY_LIKE = /\b(sk-[A-Za-z0-9_-]{6,})/g;

export class Redactor {
  private secrets = new Set<string>();

  /** Register a secret (the current key). Short strings are ignored: they would mangle text. */
  add(secret: string | null | undefined): void {
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }

  text(s: string): string {
    let out = s;
    for (const secret of this.secrets) out = out.split(secret).join(keyHint(secret));
    return out.replace(KEY_LIKE, (m) => keyHint(m));
  }

  /** Deep-redacts strings inside JSON-like values. */
  value<T>(v: T): T {
    if (typeof v === 'string') return this.text(v) as T;
    if (Array.isArray(v)) return v.map((x) => this.value(x)) as T;
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = this.value(x);
      return out as T;
    }
    return v;
  }
}
