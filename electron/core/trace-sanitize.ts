// What a trace may keep of a request or response: header values with the key masked, and bodies with
// base64 payloads replaced by their size and hash (a 2 MB image must not land in SQLite once per step,
// and the trace view has no use for the bytes). The key itself is removed by the Redactor afterwards.
import { createHash } from 'node:crypto';
import { keyHint } from '../secrets/key-hint';
import type { Redactor } from './redact';

/** Headers whose whole value is the key. */
export const KEY_HEADERS: ReadonlySet<string> = new Set(['x-api-key', 'api-key', 'x-goog-api-key']);
/** "<scheme> <credential>" headers. */
export const AUTH_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization']);
/** Credentials that are not ours to hint at: masked completely. */
const OPAQUE_HEADERS: ReadonlySet<string> = new Set(['cookie', 'set-cookie']);

export const MASKED = '[masked]';

/** Payloads up to this many characters stay: a tiny inline icon is not worth hiding. */
export const BASE64_KEEP_MAX = 256;
const ELIDED_PREFIX = '[base64 ';

/** Lower-cased names; the key replaced by its hint ("Bearer …abcd"), any registered secret redacted. */
export function maskHeaders(headers: Record<string, string>, redactor: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    let masked: string;
    if (AUTH_HEADERS.has(lower)) {
      const m = /^(\S+)\s+(.+)$/.exec(value.trim());
      masked = m ? `${m[1]} ${keyHint(m[2]!)}` : keyHint(value);
    } else if (KEY_HEADERS.has(lower)) {
      masked = keyHint(value);
    } else if (OPAQUE_HEADERS.has(lower)) {
      masked = MASKED;
    } else {
      masked = value;
    }
    out[lower] = redactor.text(masked);
  }
  return out;
}

/** "[base64 image/png, 1,234,567 bytes, sha256 <64 hex>]": the decoded size and the hash of the bytes. */
export function describeBase64(mime: string, base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  const sha = createHash('sha256').update(bytes).digest('hex');
  return `${ELIDED_PREFIX}${mime}, ${bytes.length.toLocaleString('en-US')} bytes, sha256 ${sha}]`;
}

export function isElided(s: string): boolean {
  return s.includes(ELIDED_PREFIX);
}

// A data URL anywhere in a string (an image_url, a file_data, or a model writing one into its text).
const DATA_URL = /data:([A-Za-z0-9.+-]+\/[A-Za-z0-9.+-]+)(?:;[^;,\s"'\\]*)*?;base64,([A-Za-z0-9+/_-]+={0,2})/g;

/** Replaces every long base64 data URL in the text by its description. */
export function elideDataUrls(text: string): string {
  if (!text.includes(';base64,')) return text;
  return text.replace(DATA_URL, (whole, mime: string, payload: string) =>
    payload.length > BASE64_KEEP_MAX ? describeBase64(mime, payload) : whole,
  );
}

/**
 * A copy of a JSON value with base64 payloads elided: data URLs in any string, the `data` of an
 * Anthropic `{type: "base64", media_type, data}` source, and of an MCP image or audio block.
 */
export function elideBase64(value: unknown): unknown {
  if (typeof value === 'string') return elideDataUrls(value);
  if (Array.isArray(value)) return value.map(elideBase64);
  if (value && typeof value === 'object') {
    const src = value as Record<string, unknown>;
    // MCP content blocks carry their base64 the same way: {type: "image" | "audio", mimeType, data}.
    const isMcpBlock = (src.type === 'image' || src.type === 'audio') && typeof src.mimeType === 'string';
    const isSource = (src.type === 'base64' || isMcpBlock) && typeof src.data === 'string';
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(src)) {
      if (isSource && k === 'data' && (v as string).length > BASE64_KEEP_MAX) {
        const mime = typeof src.media_type === 'string' ? src.media_type : typeof src.mimeType === 'string' ? src.mimeType : 'application/octet-stream';
        out[k] = describeBase64(mime, v as string);
      } else {
        out[k] = elideBase64(v);
      }
    }
    return out;
  }
  return value;
}

/** The request body as the trace keeps it: parsed JSON when it is JSON, elided, then redacted. */
export function sanitizeBody(body: string | undefined, redactor: Redactor): unknown {
  if (body === undefined || body === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = body; // not JSON: kept as text, still elided and redacted
  }
  // Elide first: the redactor then walks short strings instead of megabytes of base64.
  return redactor.value(elideBase64(parsed));
}
