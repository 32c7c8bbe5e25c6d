import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exportTrace, shellQuote, toCurl, traceSummary } from '../../../electron/core/trace-export';
import { Trace, type TraceStep } from '../../../shared/domain';
import { anthropicRequest, recorder, weatherBody } from './helpers';

/** Runs the command in a POSIX shell with `curl` replaced by a function that prints its arguments. */
function runCurl(command: string, env: Record<string, string> = {}): string[] {
  const fake = `curl() { printf '%s\\0' "$@"; }\n`;
  const out = execFileSync('/bin/sh', ['-c', fake + command], { env: { PATH: process.env.PATH ?? '', ...env } });
  return out.toString().split('\0').slice(0, -1);
}

function step(extra: Partial<TraceStep['request']> = {}): TraceStep {
  const { rec } = recorder();
  rec.beginStep(anthropicRequest(weatherBody));
  const s = rec.snapshot().steps[0]!;
  return { ...s, request: { ...s.request, ...extra } };
}

describe('toCurl', () => {
  it('builds a multi-line command the shell runs as recorded, with the key from $YIBU_API_KEY', () => {
    const body = { ...weatherBody, messages: [{ role: 'user', content: `It's "quoted" $HOME \`x\` \\ and ünïcode` }] };
    const s = step({ body, headers: { ...step().request.headers, 'x-api-key': '…abcd', 'content-length': '123' } });
    const cmd = toCurl(s);
    expect(cmd.split('\n')[0]).toBe(`curl -N -X POST 'https://yibuapi.com/v1/messages' \\`);
    expect(cmd).toContain(`-H "authorization: Bearer $YIBU_API_KEY"`);
    expect(cmd).toContain(`-H "x-api-key: $YIBU_API_KEY"`);
    expect(cmd).not.toContain('content-length');
    expect(cmd).not.toContain('# Note');

    const argv = runCurl(cmd, { YIBU_API_KEY: 'sk-from-env', HOME: '/home/nobody' });
    expect(argv).toEqual([
      '-N',
      '-X',
      'POST',
      'https://yibuapi.com/v1/messages',
      '-H',
      'authorization: Bearer sk-from-env',
      '-H',
      'anthropic-version: 2023-06-01',
      '-H',
      'content-type: application/json',
      '-H',
      'accept: text/event-stream',
      '-H',
      'x-api-key: sk-from-env',
      '--data-raw',
      JSON.stringify(body),
    ]);
  });

  it('takes another placeholder, and keeps other credentials masked', () => {
    const s = step({ headers: { authorization: 'Bearer …abcd', 'proxy-authorization': 'Basic …wxyz', cookie: '[masked]' } });
    const cmd = toCurl(s, { keyPlaceholder: '${MY_KEY}' });
    expect(cmd).toContain(`-H "authorization: Bearer \${MY_KEY}"`);
    expect(cmd).toContain(`-H 'proxy-authorization: Basic …wxyz'`);
    expect(cmd).toContain(`-H 'cookie: [masked]'`);
  });

  it('leaves out --data-raw for a request without a body', () => {
    const cmd = toCurl(step({ method: 'GET', url: 'https://yibuapi.com/v1/models', body: null }));
    expect(cmd).not.toContain('--data-raw');
    expect(cmd).toMatch(/^curl -N -X GET 'https:\/\/yibuapi.com\/v1\/models'/);
  });

  it('quotes for a POSIX shell', () => {
    expect(shellQuote(`it's`)).toBe(`'it'\\''s'`);
    expect(runCurl(`curl ${shellQuote(`a'b"c$d\\e`)}`)).toEqual([`a'b"c$d\\e`]);
  });
});

describe('exportTrace', () => {
  it('writes pretty JSON with a format header that reads back as the same trace', () => {
    const { rec } = recorder();
    rec.beginStep(anthropicRequest(weatherBody));
    rec.endStep({ status: 'done', error: null });
    const trace = rec.snapshot();
    const text = exportTrace(trace, { exportedAt: new Date('2025-01-02T03:04:05Z') });
    expect(text).toContain('\n  "format": "yibu-chat-trace"');
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'yibu-chat-trace', version: 1, exportedAt: '2025-01-02T03:04:05.000Z' });
    expect(Trace.parse(file.trace)).toEqual(trace);
  });
});

describe('traceSummary', () => {
  it('gives per step: timings, tokens, stop reason and tool time (parallel runs counted once)', () => {
    const { rec, clock } = recorder();
    rec.beginStep(anthropicRequest(weatherBody));
    clock.advance(100);
    rec.onResponse({ attempt: 0, status: 200, headers: {}, t: 100 });
    clock.advance(20);
    rec.onFrame({ t: 120, data: '{}' });
    clock.advance(30);
    rec.onEvent({ type: 'tool-call-start', key: 'b0', id: 'a', name: 'get_weather' });
    rec.onEvent({ type: 'usage', usage: { inputTokens: 50, outputTokens: 9 } });
    rec.onEvent({ type: 'finish', reason: 'tool_use' });
    clock.advance(50);
    rec.endStep({ status: 'done', error: null });
    rec.toolRunStart('a', 'get_weather');
    rec.toolRunStart('b', 'calculator');
    clock.advance(100);
    rec.toolRunEnd('b', { isError: false });
    clock.advance(100);
    rec.toolRunEnd('a', { isError: false });
    rec.toolRunStart('c', 'manual');
    rec.beginStep(anthropicRequest(weatherBody));
    clock.advance(80);
    rec.endStep({ status: 'error', error: { code: 'network', message: 'reset' } });

    expect(traceSummary(rec.snapshot())).toEqual([
      {
        index: 0,
        offsetMs: 0,
        status: 'done',
        errorCode: null,
        headersMs: 100,
        firstByteMs: 120,
        firstTokenMs: 150,
        totalMs: 200,
        inputTokens: 50,
        outputTokens: 9,
        stopReason: 'tool_use',
        toolMs: 200,
        toolRuns: 3,
        retries: 0,
        frames: 1,
      },
      {
        index: 1,
        offsetMs: 400,
        status: 'error',
        errorCode: 'network',
        headersMs: null,
        firstByteMs: null,
        firstTokenMs: null,
        totalMs: 80,
        inputTokens: null,
        outputTokens: null,
        stopReason: null,
        toolMs: 0,
        toolRuns: 0,
        retries: 0,
        frames: 0,
      },
    ]);
  });
});
