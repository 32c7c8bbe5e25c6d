// Response headers arrive as a fetch Headers object in production and as plain records in tests and
// traces; every reader here accepts both, with case-insensitive names.

export type HeaderSource = Headers | Record<string, string> | undefined;

export function getHeader(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, string>)) {
    if (k.toLowerCase() === wanted) return v;
  }
  return undefined;
}

export function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}
