/**
 * Whether an embedded ICC profile describes sRGB: its description tag names it ("sRGB IEC61966-2.1",
 * "sRGB built-in", …) and its data colour space is RGB. Converting sRGB to sRGB changes nothing, so such
 * images can skip the profile transform, the most expensive step after decoding. A profile that merely
 * calls itself sRGB while being something else is not worth guarding against.
 */
export function isSrgbProfile(icc: Buffer | undefined): boolean {
  if (!icc || icc.length < 132 || icc.toString('latin1', 16, 20) !== 'RGB ') return false;
  const count = icc.readUInt32BE(128);
  for (let i = 0; i < count && 132 + i * 12 + 12 <= icc.length; i++) {
    const entry = 132 + i * 12;
    if (icc.toString('latin1', entry, entry + 4) !== 'desc') continue;
    const offset = icc.readUInt32BE(entry + 4);
    const size = icc.readUInt32BE(entry + 8);
    const tag = icc.subarray(offset, Math.min(icc.length, offset + size));
    // v2 `desc` holds ASCII, v4 `mluc` UTF-16BE
    return tag.includes(Buffer.from('sRGB', 'latin1')) || tag.includes(Buffer.from('\0s\0R\0G\0B', 'latin1'));
  }
  return false;
}
