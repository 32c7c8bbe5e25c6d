import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/core/redact';
import { exportTrace, toCurl } from '../../../electron/core/trace-export';
import { anthropicRequest, recorder, weatherBody } from './helpers';

const CANARY = 'sk-canary-7f3e9a1c5b2d4e6f8091';

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The longest run of base64 characters in the text. */
function longestBase64Run(text: string): number {
  return Math.max(0, ...(text.match(/[A-Za-z0-9+/=]+/g) ?? []).map((r) => r.length));
}

describe('traces never hold the key (canary)', () => {
  it('keeps the key out of the snapshot, the curl command and the export', () => {
    const redactor = new Redactor();
    redactor.add(CANARY);
    const { rec, clock } = recorder({ redactor });
    const body = {
      ...weatherBody,
      messages: [{ role: 'user', content: [{ type: 'text', text: `my key is ${CANARY}, is it leaked?` }] }],
    };
    const req = anthropicRequest(body, CANARY);
    req.headers['x-api-key'] = CANARY;
    req.headers['x-debug'] = `key=${CANARY}`;
    rec.beginStep(req);
    clock.advance(10);
    rec.onResponse({ attempt: 0, status: 200, headers: { 'x-echo': CANARY }, t: 10 });
    rec.onFrame({ t: 11, event: 'content_block_delta', data: JSON.stringify({ delta: { text: `echo ${CANARY}` } }) });
    rec.onEvent({ type: 'text', key: 'b0', delta: `echo ${CANARY}` });
    rec.onRetry({ attempt: 1, waitMs: 1, error: { code: 'auth', message: `bad key ${CANARY}` } });
    rec.endStep({ status: 'error', error: { code: 'auth', message: `Invalid API key ${CANARY}`, status: 401 } });
    rec.toolRunStart('toolu_1', 'get_weather');
    rec.toolRunEnd('toolu_1', { isError: false });

    const trace = rec.snapshot();
    const json = JSON.stringify(trace);
    const curl = toCurl(trace.steps[0]!);
    const exported = exportTrace(trace);
    for (const text of [json, curl, exported]) {
      expect(count(text, CANARY)).toBe(0);
      expect(count(text, 'sk-canary')).toBe(0);
    }
    const step = trace.steps[0]!;
    expect(step.request.headers.authorization).toBe('Bearer …8091');
    expect(step.request.headers['x-api-key']).toBe('…8091');
    expect(step.request.headers['x-debug']).toBe('key=…8091');
    expect(step.response!.headers['x-echo']).toBe('…8091');
    expect(step.error!.message).toBe('Invalid API key …8091');
    expect(JSON.stringify(step.request.body)).toContain('my key is …8091');
    expect(step.frames[0]!.data).toContain('echo …8091');

    expect(curl).toContain('$YIBU_API_KEY');
    expect(curl).toContain(`-H "authorization: Bearer $YIBU_API_KEY"`);
    expect(curl).toContain(`-H "x-api-key: $YIBU_API_KEY"`);
  });

  it('masks an unregistered key-like value in the auth header too', () => {
    const { rec } = recorder();
    rec.beginStep(anthropicRequest(weatherBody, 'not-registered-secret-wxyz'));
    expect(rec.snapshot().steps[0]!.request.headers.authorization).toBe('Bearer …wxyz');
  });
});

describe('traces never hold a full base64 payload', () => {
  const bytes = randomBytes(2 * 1024 * 1024);
  const b64 = bytes.toString('base64');
  const sha = createHash('sha256').update(bytes).digest('hex');
  const size = bytes.length.toLocaleString('en-US'); // "2,097,152"

  it('elides an OpenAI image_url data URL and an Anthropic source.data to their size and sha256', () => {
    const { rec, clock } = recorder();
    const body = {
      model: 'gpt-4o',
      stream: true,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe both' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${b64}`, detail: 'auto' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: b64 } },
            { type: 'image_url', image_url: { url: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', detail: 'auto' } },
          ],
        },
      ],
    };
    rec.beginStep({ url: 'https://yibuapi.com/v1/chat/completions', method: 'POST', headers: {}, body: JSON.stringify(body) });
    clock.advance(5);
    // a model that writes an image into its answer (some gateways' image models do)
    rec.onFrame({ t: 5, data: JSON.stringify({ choices: [{ delta: { content: `![x](data:image/webp;base64,${b64})` } }] }) });
    rec.endStep({ status: 'done', error: null });

    const trace = rec.snapshot();
    const json = JSON.stringify(trace);
    expect(longestBase64Run(json)).toBeLessThan(300);
    expect(json.length).toBeLessThan(5_000);

    const content = (trace.steps[0]!.request.body as { messages: { content: Record<string, any>[] }[] }).messages[0]!.content;
    expect(content[1]!.image_url.url).toBe(`[base64 image/png, ${size} bytes, sha256 ${sha}]`);
    expect(content[1]!.image_url.detail).toBe('auto');
    expect(content[2]!.source).toEqual({ type: 'base64', media_type: 'image/jpeg', data: `[base64 image/jpeg, ${size} bytes, sha256 ${sha}]` });
    // a tiny inline image is kept as it is
    expect(content[3]!.image_url.url).toBe('data:image/gif;base64,R0lGODlhAQABAAAAACw=');
    expect(size).toBe('2,097,152');
    const frame = JSON.parse(trace.steps[0]!.frames[0]!.data);
    expect(frame.choices[0].delta.content).toBe(`![x]([base64 image/webp, ${size} bytes, sha256 ${sha}])`);

    const curl = toCurl(trace.steps[0]!);
    expect(longestBase64Run(curl)).toBeLessThan(300);
    expect(curl).toMatch(/\n# Note: 2 base64 payload\(s\) were elided/);
  });

  it('elides a PDF document source and a file_data data URL', () => {
    const { rec } = recorder();
    const pdf = Buffer.from('%PDF-1.7\n' + 'x'.repeat(1000)).toString('base64');
    rec.beginStep(
      anthropicRequest({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf } },
              { type: 'file', file: { filename: 'a.pdf', file_data: `data:application/pdf;base64,${pdf}` } },
            ],
          },
        ],
      }),
    );
    const json = JSON.stringify(rec.snapshot());
    expect(longestBase64Run(json)).toBeLessThan(300);
    expect(count(json, '[base64 application/pdf, 1,009 bytes, sha256 ')).toBe(2);
  });

  it('keeps a body that is not JSON as text, still elided', () => {
    const { rec } = recorder();
    rec.beginStep({ url: 'http://127.0.0.1/x', method: 'POST', headers: {}, body: `raw data:image/png;base64,${b64}` });
    const body = rec.snapshot().steps[0]!.request.body;
    expect(body).toBe(`raw [base64 image/png, ${size} bytes, sha256 ${sha}]`);
  });
});
