// Small readers for untrusted JSON from the wire: every field may be missing, null or the wrong type.

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asRecord(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}

/** A string that carries something: '' and non-strings (null included) are "nothing". */
export function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Token counts: only non-negative integers pass (the Usage schema rejects anything else). */
export function tokenCount(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Parses a tool call's streamed input once it is complete. Empty text means "no arguments" ({}).
 * Anything but a JSON object is refused: tools take named arguments, and running a tool on a
 * half-received or mangled input is worse than showing why it cannot run.
 */
export function parseToolInput(json: string): { input: Record<string, unknown> } | { inputError: string } {
  if (json.trim() === '') return { input: {} };
  const parsed = parseJson(json);
  if (!parsed.ok) return { inputError: `The tool input is not valid JSON: ${preview(json)}` };
  if (!isRecord(parsed.value)) return { inputError: `The tool input is not a JSON object: ${preview(json)}` };
  return { input: parsed.value };
}

export function preview(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
