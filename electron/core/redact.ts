import { keyHint } from '../secrets/key-hint';

// The API key must never reach a log, an error, a trace, an export or the database. Everything
// that leaves main's request builder passes through a Redactor that knows the current key.

const KEY_LIKE = /\b(sk-[A-Za-z0-9_-]{6,})/g;

/** A string as it appears inside a JSON string literal (quotes, backslashes, control characters escaped). */
const jsonEscaped = (s: string) => JSON.stringify(s).slice(1, -1);

/**
 * Every form a secret may take once a value holding it has been serialised: as is, JSON-escaped (once,
 * twice for JSON inside JSON, with `/` escaped too as some encoders do), and percent-encoded (a key in a
 * query string or a form body).
 */
function formsOf(secret: string): string[] {
  const once = jsonEscaped(secret);
  const forms = [secret, once, jsonEscaped(once), once.replace(/\//g, '\\/'), encodeURIComponent(secret)];
  forms.push(encodeURIComponent(secret).replace(/%20/g, '+'));
  return [...new Set(forms)];
}

export class Redactor {
  private secrets = new Set<string>();
  /** (form, replacement) pairs, longest form first; rebuilt when a secret is added */
  private patterns: Array<[string, string]> = [];

  /** Register a secret (the current key). Short strings are ignored: they would mangle text. */
  add(secret: string | null | undefined): void {
    if (!secret || secret.length < 8 || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    const pairs: Array<[string, string]> = [];
    for (const s of this.secrets) for (const form of formsOf(s)) pairs.push([form, keyHint(s)]);
    // Longest first: a secret that contains another must go whole, not leave its remainder behind.
    this.patterns = pairs.sort((a, b) => b[0].length - a[0].length);
  }

  text(s: string): string {
    let out = s;
    for (const [form, hint] of this.patterns) if (out.includes(form)) out = out.split(form).join(hint);
    return out.replace(KEY_LIKE, (m) => keyHint(m));
  }

  /**
   * Deep-redacts the strings inside a value, before it is serialised (so a secret is replaced whole,
   * whatever escaping serialising would give it). Object keys are redacted too; Errors keep their
   * name, message and stack; values with toJSON (Dates, Buffers) are redacted as they would serialise.
   */
  value<T>(v: T): T {
    return this.walk(v, 0) as T;
  }

  private walk(v: unknown, depth: number): unknown {
    if (typeof v === 'string') return this.text(v);
    if (v === null || typeof v !== 'object') return v;
    if (depth > 64) return '[too deep]';
    if (Array.isArray(v)) return v.map((x) => this.walk(x, depth + 1));
    if (v instanceof Error) {
      return { name: this.text(v.name), message: this.text(v.message), ...(v.stack ? { stack: this.text(v.stack) } : {}) };
    }
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return this.walk(toJSON.call(v), depth + 1);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[this.text(k)] = this.walk(x, depth + 1);
    return out;
  }
}
