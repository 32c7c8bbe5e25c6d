import { constants as zc, inflateSync } from 'node:zlib';

/** The PDF spec lets readers find `%PDF-` anywhere in the first 1024 bytes (some writers prepend junk). */
export function looksLikePdf(head: Uint8Array): boolean {
  return Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 1024))
    .toString('latin1')
    .includes('%PDF-');
}

/** Inflating one object stream may not produce more than this: a zip bomb gets `undefined`, not our memory. */
const MAX_OBJSTM_BYTES = 16 * 1024 * 1024;

/**
 * Page count, best effort, without a PDF library: the file is scanned as text, never rendered.
 *
 * 1. Every `n g obj … endobj` body is looked at up to its `stream` keyword. A `/Type /Pages` node without
 *    `/Parent` is the root of the page tree and its `/Count` is the page total; with incremental updates
 *    the last root written wins (later revisions are appended).
 * 2. PDF 1.5+ may hide those dictionaries inside compressed object streams (`/Type /ObjStm`, FlateDecode):
 *    those are inflated (capped) and their objects scanned the same way.
 * 3. No root found (damaged tree): count the `/Type /Page` leaves instead.
 * 4. Nothing found (encrypted object streams, other filters): `undefined`; the caller accepts the file and
 *    the API has the last word.
 */
export function countPdfPages(buf: Buffer): number | undefined {
  const text = buf.toString('latin1');
  const tally = { root: undefined as number | undefined, leaves: 0 };
  const objHead = /(\d+)\s+(\d+)\s+obj\b/g;
  for (let m = objHead.exec(text); m; m = objHead.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const streamAt = findStreamKeyword(body);
    const dict = streamAt < 0 ? body : body.slice(0, streamAt);
    if (/\/Type\s*\/ObjStm\b/.test(dict) && streamAt >= 0) {
      const inner = inflateObjectStream(buf, start + streamAt, start + body.length, dict);
      if (inner !== undefined) scanObjectStream(inner, dict, tally);
    } else {
      scanDict(dict, tally);
    }
    objHead.lastIndex = end + 6;
  }
  if (tally.root !== undefined) return tally.root;
  return tally.leaves > 0 ? tally.leaves : undefined;
}

function scanDict(dict: string, tally: { root: number | undefined; leaves: number }): void {
  if (/\/Type\s*\/Pages\b/.test(dict)) {
    if (/\/Parent\b/.test(dict)) return;
    const count = /\/Count\s+(\d+)/.exec(dict);
    if (count?.[1]) tally.root = Number(count[1]);
  } else if (/\/Type\s*\/Page(?![A-Za-z])/.test(dict)) {
    tally.leaves++;
  }
}

/** `stream` as a keyword (after the dictionary), not as part of a name such as `/ObjStm`. */
function findStreamKeyword(body: string): number {
  const re = />>\s*stream(\r\n|\n|\r)/g;
  const m = re.exec(body);
  return m ? m.index + m[0].length : -1;
}

function inflateObjectStream(buf: Buffer, dataStart: number, bodyEnd: number, dict: string): string | undefined {
  // only plain FlateDecode (object streams practically always are); predictors are not handled
  if (!/\/Filter\s*\/FlateDecode\b/.test(dict) || /\/DecodeParms\b/.test(dict)) return undefined;
  const len = /\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(dict); // a direct length, not `12 0 R`
  const endstream = buf.lastIndexOf('endstream', bodyEnd, 'latin1');
  const end = len?.[1] ? Math.min(dataStart + Number(len[1]), bodyEnd) : endstream > dataStart ? endstream : bodyEnd;
  try {
    return inflateSync(buf.subarray(dataStart, end), {
      maxOutputLength: MAX_OBJSTM_BYTES,
      finishFlush: zc.Z_SYNC_FLUSH, // tolerate a stream cut short or followed by the EOL before `endstream`
    }).toString('latin1');
  } catch {
    return undefined;
  }
}

/** An object stream is `objnum offset` pairs (N of them), then the objects from byte /First on. */
function scanObjectStream(inner: string, dict: string, tally: { root: number | undefined; leaves: number }): void {
  const n = Number(/\/N\s+(\d+)/.exec(dict)?.[1] ?? NaN);
  const first = Number(/\/First\s+(\d+)/.exec(dict)?.[1] ?? NaN);
  if (!Number.isInteger(n) || !Number.isInteger(first)) return;
  const nums = inner.slice(0, first).trim().split(/\s+/).map(Number);
  const offsets: number[] = [];
  for (let i = 0; i < n; i++) {
    const off = nums[2 * i + 1];
    if (off === undefined || !Number.isInteger(off)) return;
    offsets.push(first + off);
  }
  offsets.forEach((off, i) => scanDict(inner.slice(off, offsets[i + 1] ?? inner.length), tally));
}
