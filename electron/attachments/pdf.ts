import { constants as zc, inflateSync } from 'node:zlib';

/** The PDF spec lets readers find `%PDF-` anywhere in the first 1024 bytes (some writers prepend junk). */
export function looksLikePdf(head: Uint8Array): boolean {
  return Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 1024))
    .toString('latin1')
    .includes('%PDF-');
}

/** Inflating one object stream may not produce more than this: a zip bomb gets `undefined`, not our memory. */
const MAX_OBJSTM_BYTES = 8 * 1024 * 1024;
/**
 * All object streams of one file together may not inflate more than this (~40 ms of zlib): many small
 * bombs cost one bounded amount of work, not one cap each. Real object streams hold dictionaries only
 * and are far smaller.
 */
const MAX_INFLATE_TOTAL = 16 * 1024 * 1024;
/** Deflate cannot expand data more than ~1032:1; a failed inflate is charged what it could have made. */
const DEFLATE_MAX_RATIO = 1032;
/** Each attempt costs at least this much (setting up zlib is not free): at most 256 attempts per file. */
const MIN_INFLATE_CHARGE = 64 * 1024;

// Every pattern below starts at a literal or a digit-run boundary and has bounded quantifiers only, so a
// match attempt costs O(1) and a scan is linear in the text (file is scanned on main's thread: a
// `\d+\s+\d+` pattern made a 400 KB file of digits take minutes). Real writers put one space between
// tokens; 16 whitespace characters and 10-digit numbers are generous bounds.
const OBJ_HEAD = /(?<!\d)(\d{1,10})\s{1,16}(\d{1,5})\s{1,16}obj\b/;
const STREAM_KEYWORD = />>\s{0,16}stream(\r\n|\n|\r)/;
const TYPE_OBJSTM = /\/Type\s{0,16}\/ObjStm\b/;
const TYPE_PAGES = /\/Type\s{0,16}\/Pages\b/;
const TYPE_PAGE = /\/Type\s{0,16}\/Page(?![A-Za-z])/;
const COUNT = /\/Count\s{1,16}(\d{1,10})(?!\d)/;
const FLATE = /\/Filter\s{0,16}\/FlateDecode\b/;
/** a direct length, not an indirect `12 0 R` */
const DIRECT_LENGTH = /\/Length\s{1,16}(\d{1,12})(?!\d|\s{1,16}\d{1,5}\s{1,16}R)/;
const OBJSTM_N = /\/N\s{1,16}(\d{1,10})(?!\d)/;
const OBJSTM_FIRST = /\/First\s{1,16}(\d{1,10})(?!\d)/;

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
  const budget = { left: MAX_INFLATE_TOTAL };
  const objHead = new RegExp(OBJ_HEAD.source, 'g');
  for (let m = objHead.exec(text); m; m = objHead.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const streamAt = findStreamKeyword(body);
    const dict = streamAt < 0 ? body : body.slice(0, streamAt);
    if (TYPE_OBJSTM.test(dict) && streamAt >= 0) {
      const inner = inflateObjectStream(buf, start + streamAt, start + body.length, dict, budget);
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
  if (TYPE_PAGES.test(dict)) {
    if (/\/Parent\b/.test(dict)) return;
    const count = COUNT.exec(dict);
    if (count?.[1]) tally.root = Number(count[1]);
  } else if (TYPE_PAGE.test(dict)) {
    tally.leaves++;
  }
}

/** `stream` as a keyword (after the dictionary), not as part of a name such as `/ObjStm`. */
function findStreamKeyword(body: string): number {
  const m = STREAM_KEYWORD.exec(body);
  return m ? m.index + m[0].length : -1;
}

function inflateObjectStream(
  buf: Buffer,
  dataStart: number,
  bodyEnd: number,
  dict: string,
  budget: { left: number },
): string | undefined {
  // only plain FlateDecode (object streams practically always are); predictors are not handled
  if (!FLATE.test(dict) || /\/DecodeParms\b/.test(dict)) return undefined;
  const cap = Math.min(MAX_OBJSTM_BYTES, budget.left);
  if (cap <= 0) return undefined;
  const len = DIRECT_LENGTH.exec(dict);
  // searched within this object only: a search back from bodyEnd through the whole file, once per
  // object stream, would be quadratic again
  const endstream = len?.[1] ? -1 : buf.subarray(dataStart, bodyEnd).lastIndexOf('endstream', undefined, 'latin1');
  const end = len?.[1] ? Math.min(dataStart + Number(len[1]), bodyEnd) : endstream > 0 ? dataStart + endstream : bodyEnd;
  try {
    const out = inflateSync(buf.subarray(dataStart, end), {
      maxOutputLength: cap,
      finishFlush: zc.Z_SYNC_FLUSH, // tolerate a stream cut short or followed by the EOL before `endstream`
    });
    budget.left -= Math.max(MIN_INFLATE_CHARGE, out.length);
    return out.toString('latin1');
  } catch {
    budget.left -= Math.max(MIN_INFLATE_CHARGE, Math.min(cap, (end - dataStart) * DEFLATE_MAX_RATIO));
    return undefined;
  }
}

/** An object stream is `objnum offset` pairs (N of them), then the objects from byte /First on. */
function scanObjectStream(inner: string, dict: string, tally: { root: number | undefined; leaves: number }): void {
  const n = Number(OBJSTM_N.exec(dict)?.[1] ?? NaN);
  const first = Number(OBJSTM_FIRST.exec(dict)?.[1] ?? NaN);
  if (!Number.isInteger(n) || !Number.isInteger(first) || first > inner.length) return;
  const nums = inner.slice(0, first).trim().split(/\s+/).map(Number);
  if (n > nums.length / 2) return;
  const offsets: number[] = [];
  for (let i = 0; i < n; i++) {
    const off = nums[2 * i + 1];
    // offsets must increase, so each byte is scanned once (a lying header cannot make it N × the stream)
    if (off === undefined || !Number.isInteger(off) || first + off < (offsets.at(-1) ?? first)) return;
    offsets.push(first + off);
  }
  offsets.forEach((off, i) => scanDict(inner.slice(off, offsets[i + 1] ?? inner.length), tally));
}
