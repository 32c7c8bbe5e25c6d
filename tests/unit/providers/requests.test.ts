import { describe, expect, it } from 'vitest';
import type { Message, Part } from '../../../shared/domain';
import { buildAnthropicRequest } from '../../../electron/providers/anthropic-messages';
import { buildOpenAIChatRequest } from '../../../electron/providers/openai-chat';

let seq = 0;
function msg(role: Message['role'], parts: Part[], extra: Partial<Message> = {}): Message {
  return {
    id: `m${++seq}`,
    threadId: 't',
    role,
    parts,
    status: 'done',
    error: null,
    usage: null,
    model: null,
    finishReason: null,
    createdAt: seq,
    ...extra,
  };
}
const text = (t: string, key?: string): Part => ({ type: 'text', text: t, ...(key ? { key } : {}) });
const image = (id: string, mime = 'image/png'): Part => ({ type: 'image', attachmentId: id, mime, name: `${id}.png`, width: 1, height: 1, size: 1 });
const pdf = (id: string): Part => ({ type: 'document', attachmentId: id, mime: 'application/pdf', name: 'a.pdf', size: 1 });
const toolCall = (id: string, name: string, input: unknown): Part => ({
  type: 'tool_call',
  id,
  name,
  inputJson: JSON.stringify(input),
  input,
  status: 'done',
});
const resolveAttachment = async (id: string) => ({ mime: id.startsWith('pdf') ? 'application/pdf' : 'image/jpeg', base64: `B64(${id})` });

type Body = Record<string, unknown> & { messages: Array<Record<string, unknown>> };
const bodyOf = (req: { body?: string }) => JSON.parse(req.body!) as Body;

describe('buildOpenAIChatRequest', () => {
  it('builds the URL, headers and streaming body', async () => {
    const req = await buildOpenAIChatRequest({
      baseUrl: 'https://yibuapi.com/v1/',
      apiKey: 'sk-test',
      model: 'gpt-4o-mini',
      systemPrompt: 'Be brief.',
      maxTokens: 512,
      history: [msg('user', [text('Hi')])],
    });
    expect(req.url).toBe('https://yibuapi.com/v1/chat/completions');
    expect(req.method).toBe('POST');
    expect(req.headers).toEqual({ Authorization: 'Bearer sk-test', 'Content-Type': 'application/json', Accept: 'text/event-stream' });
    expect(bodyOf(req)).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 512,
    });
  });

  it('images become image_url data URLs in the order given; no system message when the prompt is empty', async () => {
    const req = await buildOpenAIChatRequest({
      baseUrl: 'https://x.test',
      apiKey: 'k',
      model: 'm',
      systemPrompt: '  ',
      history: [msg('user', [image('a'), text('What is this?'), image('b')])],
      resolveAttachment,
    });
    expect(bodyOf(req).messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,B64(a)', detail: 'auto' } },
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,B64(b)', detail: 'auto' } },
        ],
      },
    ]);
  });

  it('tool calls, tool results (tool role and user-held), tools and tool_choice', async () => {
    const req = await buildOpenAIChatRequest({
      baseUrl: 'https://x.test',
      apiKey: 'k',
      model: 'm',
      systemPrompt: '',
      tools: [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: {} } }],
      toolChoice: { name: 'get_weather' },
      history: [
        msg('user', [text('Weather in Paris and Rome?')]),
        msg('assistant', [text('Checking.'), toolCall('c1', 'get_weather', { city: 'Paris' }), toolCall('c2', 'get_weather', { city: 'Rome' })]),
        msg('tool', [{ type: 'tool_result', toolCallId: 'c1', content: '18°C' }]),
        msg('user', [{ type: 'tool_result', toolCallId: 'c2', content: 'n/a', isError: true }, text('and Oslo?')]),
      ],
    });
    const body = bodyOf(req);
    expect(body.messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'c2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: '18°C' },
      { role: 'tool', tool_call_id: 'c2', content: 'n/a' },
      { role: 'user', content: 'and Oslo?' },
    ]);
    expect(body.tools).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: {} } } },
    ]);
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });
  });

  it('case 22: a DeepSeek turn with reasoning + tool calls sends reasoning_content back; a plain turn does not', async () => {
    const req = await buildOpenAIChatRequest({
      baseUrl: 'https://x.test',
      apiKey: 'k',
      model: 'deepseek-reasoner',
      systemPrompt: '',
      history: [
        msg('user', [text('q1')]),
        msg('assistant', [{ type: 'thinking', key: 'reasoning', text: 'I should call f.', source: 'openai' }, toolCall('c1', 'f', {})]),
        msg('tool', [{ type: 'tool_result', toolCallId: 'c1', content: 'ok' }]),
        msg('assistant', [{ type: 'thinking', key: 'reasoning', text: 'Done.', source: 'openai' }, text('All good')]),
        msg('user', [text('q2')]),
      ],
    });
    const [, withTools, , plain] = bodyOf(req).messages;
    expect(withTools).toMatchObject({ role: 'assistant', content: null, reasoning_content: 'I should call f.' });
    expect(plain).toEqual({ role: 'assistant', content: 'All good' });
  });

  it('skips failed empty messages and other choices', async () => {
    const req = await buildOpenAIChatRequest({
      baseUrl: 'https://x.test',
      apiKey: 'k',
      model: 'm',
      systemPrompt: '',
      history: [
        msg('user', [text('a')]),
        msg('assistant', [], { status: 'error', error: { code: 'network', message: 'x' } }),
        msg('user', [text('b')]),
        msg('assistant', [text('answer', 'text'), text('alternative', 'c1:text')], { status: 'stopped' }),
      ],
    });
    expect(bodyOf(req).messages).toEqual([
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
      { role: 'assistant', content: 'answer' },
    ]);
  });

  it('refuses attachments it cannot read', async () => {
    await expect(
      buildOpenAIChatRequest({ baseUrl: 'https://x.test', apiKey: 'k', model: 'm', systemPrompt: '', history: [msg('user', [image('a')])] }),
    ).rejects.toMatchObject({ appError: { code: 'invalid_input' } });
  });
});

describe('buildAnthropicRequest', () => {
  const base = { baseUrl: 'https://yibuapi.com', apiKey: 'sk-ant', model: 'claude-sonnet-4-5', systemPrompt: 'Sys' };

  it('URL, version header and auth modes', async () => {
    const history = [msg('user', [text('Hi')])];
    const bearer = await buildAnthropicRequest({ ...base, history });
    expect(bearer.url).toBe('https://yibuapi.com/v1/messages');
    expect(bearer.headers).toMatchObject({ Authorization: 'Bearer sk-ant', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' });
    expect(bearer.headers['x-api-key']).toBeUndefined();
    const xkey = await buildAnthropicRequest({ ...base, history, auth: 'x-api-key' });
    expect(xkey.headers['x-api-key']).toBe('sk-ant');
    expect(xkey.headers.Authorization).toBeUndefined();
    const both = await buildAnthropicRequest({ ...base, history, auth: 'both' });
    expect([both.headers['x-api-key'], both.headers.Authorization]).toEqual(['sk-ant', 'Bearer sk-ant']);
    expect(bodyOf(bearer)).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      stream: true,
      system: 'Sys',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    });
  });

  it('user images and PDFs become base64 blocks in order', async () => {
    const req = await buildAnthropicRequest({
      ...base,
      history: [msg('user', [text('Compare'), image('img1'), pdf('pdf1')])],
      resolveAttachment,
    });
    expect(bodyOf(req).messages[0]!.content).toEqual([
      { type: 'text', text: 'Compare' },
      { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'B64(img1)' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'B64(pdf1)' } },
    ]);
  });

  it('case 35: thinking + signature and redacted_thinking go back unchanged, in order, with tool_use', async () => {
    const redacted = 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP+==\n';
    const req = await buildAnthropicRequest({
      ...base,
      systemPrompt: '',
      thinking: { enabled: true, budgetTokens: 2048 },
      tools: [{ name: 'get_weather', parameters: { type: 'object' } }],
      toolChoice: 'auto',
      history: [
        msg('user', [text('Weather?')]),
        msg('assistant', [
          { type: 'thinking', key: 'b0', text: 'Need the tool.', signature: 'sig+/=', source: 'anthropic' },
          { type: 'redacted_thinking', key: 'b1', data: redacted },
          text('Checking.', 'b2'),
          toolCall('toolu_1', 'get_weather', { city: 'Paris' }),
        ]),
        msg('tool', [{ type: 'tool_result', toolCallId: 'toolu_1', content: 'sunny', isError: false }]),
      ],
    });
    const body = bodyOf(req);
    expect(body.system).toBeUndefined();
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(body.tools).toEqual([{ name: 'get_weather', input_schema: { type: 'object' } }]);
    expect(body.tool_choice).toEqual({ type: 'auto' });
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Need the tool.', signature: 'sig+/=' },
          { type: 'redacted_thinking', data: redacted },
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }] },
    ]);
  });

  it('merges consecutive same-role turns, tool results first; is_error kept', async () => {
    const req = await buildAnthropicRequest({
      ...base,
      history: [
        msg('user', [text('go')]),
        msg('assistant', [toolCall('t1', 'f', {})]),
        msg('tool', [{ type: 'tool_result', toolCallId: 't1', content: 'failed', isError: true }]),
        msg('user', [text('try again')]),
      ],
    });
    expect(bodyOf(req).messages.at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 't1', content: 'failed', is_error: true },
        { type: 'text', text: 'try again' },
      ],
    });
  });

  it('case 37: pause_turn is continued by sending the assistant content back as the last turn', async () => {
    const paused = msg('assistant', [text('Searching the web…', 'b0')], { finishReason: 'pause_turn' });
    const req = await buildAnthropicRequest({ ...base, history: [msg('user', [text('news?')]), paused] });
    expect(bodyOf(req).messages.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Searching the web…' }] });
  });

  it('keeps the thinking budget below max_tokens', async () => {
    const req = await buildAnthropicRequest({ ...base, maxTokens: 3000, thinking: { enabled: true, budgetTokens: 8000 }, history: [msg('user', [text('x')])] });
    expect(bodyOf(req)).toMatchObject({ max_tokens: 3000, thinking: { type: 'enabled', budget_tokens: 2999 } });
  });
});
