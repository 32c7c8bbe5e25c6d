// MCP image and audio blocks in a traced JSON-RPC response keep their shape but not their megabytes.
import { describe, expect, it } from 'vitest';
import { BASE64_KEEP_MAX, elideBase64 } from '../../../electron/core/trace-sanitize';

describe('elideBase64 on MCP content blocks', () => {
  it('replaces a long image block `data` by its size and hash, and keeps the rest', () => {
    const data = Buffer.alloc(BASE64_KEEP_MAX * 2, 7).toString('base64');
    const out = elideBase64({ result: { content: [{ type: 'text', text: 'hi' }, { type: 'image', mimeType: 'image/png', data }] } }) as {
      result: { content: { data?: string; text?: string }[] };
    };
    expect(out.result.content[0]).toEqual({ type: 'text', text: 'hi' });
    expect(out.result.content[1]!.data).toMatch(/^\[base64 image\/png, 512 bytes, sha256 [0-9a-f]{64}\]$/);
  });

  it('leaves a text block named like base64 alone', () => {
    const text = 'A'.repeat(BASE64_KEEP_MAX * 2);
    expect(elideBase64({ type: 'text', text })).toEqual({ type: 'text', text });
  });
});
