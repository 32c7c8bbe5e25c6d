// Export and import: our JSON round-trips losslessly into a fresh app (threads, messages with tool calls
// and results, usage, attachments with their bytes, playground, traces), re-exports identically, and a
// malformed or hostile file is refused whole with its reason and nothing stored. Exports never carry a key.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RouteOutput } from '../../shared/contract';
import type { Message } from '../../shared/domain';
import type { ToolDefinition } from '../../shared/tools';
import { anthropicText, anthropicToolUse } from '../fixtures/gateway/scenarios-anthropic';
import { openaiText } from '../fixtures/gateway/scenarios';
import { startCore, type CoreHarness } from './core-harness';
import { readZip } from './zip-reader';

const KEY = 'sk-export-canary-7f3e9d1c2b';
let a: CoreHarness;
let b: CoreHarness;

beforeEach(async () => {
  [a, b] = await Promise.all([startCore({ key: KEY }), startCore({ key: 'sk-other-app-key-0000' })]);
});
afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
});

async function settle(h: CoreHarness, threadId: string, assistants: number): Promise<Message[]> {
  await expect
    .poll(async () => (await h.ok('messages.list', { threadId })).messages.filter((m) => m.role === 'assistant' && m.status !== 'streaming').length, {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(assistants);
  return (await h.ok('messages.list', { threadId })).messages;
}

/** Two threads: a tool loop (tool call, tool result, usage) and an image with a text answer that quotes the key. */
async function seed(): Promise<{ tools: string; image: string }> {
  const presets = Object.fromEntries((await a.ok('playground.presets', {})).map((t) => [t.name, t])) as Record<string, ToolDefinition>;
  const tools = await a.ok('threads.create', { model: 'claude-sonnet-4-5' });
  await a.ok('playground.update', {
    threadId: tools.id,
    config: { enabled: true, toolSet: { tools: [presets.get_weather!], toolChoice: { type: 'auto' } }, maxSteps: 4, pauseBeforeRun: false },
  });
  a.gateway.queue(anthropicToolUse([{ id: 'toolu_01', name: 'get_weather', input: { location: 'Paris' } }]), anthropicText('Sunny in Paris.'));
  await a.ok('chat.send', { threadId: tools.id, parts: [{ type: 'text', text: 'Weather in Paris?' }] });
  await settle(a, tools.id, 2);

  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c63' } }).png().toBuffer();
  const att = await a.ok('attachments.add', { name: 'red square.png', mime: 'image/png', data: png.toString('base64') });
  const image = await a.ok('threads.create', { model: 'gpt-4o-mini' });
  a.gateway.queue(openaiText(`A red square. (Someone pasted ${KEY} here.)`));
  const sent = await a.ok('chat.send', { threadId: image.id, parts: [{ type: 'text', text: 'What is this?' }, { type: 'attachment', attachmentId: att.id }] });
  await a.finished(sent.assistantMessage.id);
  return { tools: tools.id, image: image.id };
}

async function snapshot(h: CoreHarness) {
  const threads = await h.ok('threads.list', {});
  const out = [];
  for (const t of threads) {
    const { messages } = await h.ok('messages.list', { threadId: t.id, limit: 500 });
    const ids = messages.flatMap((m) => m.parts.flatMap((p) => (p.type === 'image' ? [p.attachmentId] : [])));
    out.push({
      thread: t,
      messages,
      playground: await h.ok('playground.get', { threadId: t.id }),
      traces: await Promise.all(messages.map((m) => h.ok('traces.get', { messageId: m.id }))),
      attachments: await h.ok('attachments.get', { ids }),
    });
  }
  return out;
}

const decode = (r: RouteOutput<'export.threads'>) => Buffer.from(r.data, 'base64');
const jsonOf = (r: RouteOutput<'export.threads'>) => JSON.parse(decode(r).toString('utf8')) as Record<string, unknown> & { attachments: Array<Record<string, unknown>>; threads: Array<Record<string, unknown> & { messages: Array<Record<string, unknown>> }> };

describe('export → import', () => {
  it('round-trips our JSON losslessly into a fresh app, and exports the same file again', async () => {
    await seed();
    const exported = await a.ok('export.threads', { format: 'json', includeTraces: true });
    expect(exported.fileName).toMatch(/\.yibu\.json$/);
    const imported = await b.ok('import.threads', { text: decode(exported).toString('utf8') });
    expect(imported.threads).toHaveLength(2);

    const before = await snapshot(a);
    const after = await snapshot(b);
    // The key was scrubbed from the export, so the one quoting message differs there and only there.
    const scrub = (v: unknown) => JSON.parse(JSON.stringify(v).split(KEY).join('…1c2b')) as unknown;
    expect(JSON.stringify(before)).toContain(KEY);
    expect(scrub(after)).toEqual(scrub(before));
    expect(JSON.stringify(after)).not.toContain(KEY);
    const roles = after.flatMap((t) => t.messages.map((m) => m.role));
    expect(roles).toContain('tool');
    expect(after.some((t) => t.messages.some((m) => m.parts.some((p) => p.type === 'tool_call' && p.id === 'toolu_01')))).toBe(true);
    expect(after.some((t) => t.traces.some((tr) => tr !== null))).toBe(true);

    const again = jsonOf(await b.ok('export.threads', { format: 'json', includeTraces: true }));
    const first = jsonOf(exported);
    expect({ ...again, exportedAt: 0 }).toEqual({ ...first, exportedAt: 0 });
  });

  it('exports one thread as Markdown with its image beside it, and as OpenAI JSON and JSONL, never with the key', async () => {
    const ids = await seed();
    const md = await a.ok('export.threads', { threadIds: [ids.image], format: 'markdown' });
    expect(md.mime).toBe('application/zip');
    const files = readZip(decode(md));
    const names = [...files.keys()];
    const mdName = names.find((n) => n.endsWith('.md'))!;
    const text = files.get(mdName)!.toString('utf8');
    expect(text).toContain('What is this?');
    expect(text).toContain('![red square.png](images/red%20square.png)');
    const png = files.get(`${mdName.split('/')[0]}/images/red square.png`)!;
    expect((await sharp(png).metadata()).width).toBe(40);

    const oj = await a.ok('export.threads', { format: 'openai-json' });
    const records = JSON.parse(decode(oj).toString('utf8')) as Array<{ messages: Array<Record<string, unknown>> }>;
    expect(records).toHaveLength(2);
    const all = records.flatMap((r) => r.messages);
    const call = all.find((m) => Array.isArray(m.tool_calls))!;
    expect(call).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'toolu_01', type: 'function', function: { name: 'get_weather' } }] });
    expect(all.find((m) => m.role === 'tool')).toMatchObject({ role: 'tool', tool_call_id: 'toolu_01' });
    expect(JSON.stringify(all)).toMatch(/"url":"data:image\/png;base64,/);

    const jl = decode(await a.ok('export.threads', { format: 'openai-jsonl' })).toString('utf8');
    const lines = jl.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(records);

    for (const r of [md, oj, await a.ok('export.threads', { format: 'json', includeTraces: true })]) {
      expect(decode(r).includes(Buffer.from(KEY))).toBe(false);
      for (const body of files.values()) expect(body.includes(Buffer.from(KEY))).toBe(false);
    }
  });
});

describe('branches survive export → import', () => {
  /** What a user sees of a thread: the selected path and each message's sibling list. */
  async function view(h: CoreHarness, threadId: string) {
    const page = await h.ok('messages.list', { threadId, limit: 500 });
    return { texts: page.messages.map((m) => `${m.role}:${m.parts.map((p) => (p.type === 'text' ? p.text : p.type)).join('')}`), siblings: page.siblings };
  }

  it('carries every branch and which one each message shows, not only the selected path', async () => {
    const t = await a.ok('threads.create', { model: 'gpt-4o-mini' });
    a.gateway.queue(openaiText('First answer.'), openaiText('Second answer.'), openaiText('Answer to the edit.'));
    const sent = await a.ok('chat.send', { threadId: t.id, parts: [{ type: 'text', text: 'Question' }] });
    await a.finished(sent.assistantMessage.id);
    const again = await a.ok('chat.regenerate', { messageId: sent.assistantMessage.id });
    await a.finished(again.message.id);
    // The first answer is shown again, then the question is edited: its old branch keeps that choice.
    await a.ok('messages.select', { messageId: sent.assistantMessage.id, limit: 50 });
    const edited = await a.ok('chat.edit', { messageId: sent.userMessage.id, text: 'Question, edited' });
    await a.finished(edited.assistantMessage.id);

    const file = jsonOf(await a.ok('export.threads', { format: 'json', threadIds: [t.id] }));
    expect(file.threads[0]!.messages).toHaveLength(5);
    await b.ok('import.threads', { text: JSON.stringify(file) });

    expect(await view(b, t.id)).toEqual(await view(a, t.id));
    expect((await view(b, t.id)).texts).toEqual(['user:Question, edited', 'assistant:Answer to the edit.']);
    // Back on the old question, both apps show the answer that was chosen there before the edit.
    for (const h of [a, b]) await h.ok('messages.select', { messageId: sent.userMessage.id, limit: 50 });
    expect(await view(b, t.id)).toEqual(await view(a, t.id));
    expect((await view(b, t.id)).texts).toEqual(['user:Question', 'assistant:First answer.']);
  });

  it('refuses a message whose parent is not before it in its thread, and choices naming unknown messages', async () => {
    const t = await a.ok('threads.create', { model: 'gpt-4o-mini' });
    a.gateway.queue(openaiText('An answer.'));
    const sent = await a.ok('chat.send', { threadId: t.id, parts: [{ type: 'text', text: 'Question' }] });
    await a.finished(sent.assistantMessage.id);
    const file = jsonOf(await a.ok('export.threads', { format: 'json', threadIds: [t.id] }));
    const cycle = structuredClone(file);
    const [q, answer] = cycle.threads[0]!.messages;
    q!.parentId = answer!.id as string;
    const outsider = structuredClone(file);
    (outsider.threads[0]!.choices as string[]).push('00000000-0000-4000-8000-000000000000');
    for (const f of [cycle, outsider]) {
      const r = await b.call('import.threads', { text: JSON.stringify(f) });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.reason).toBe('import_schema');
    }
    expect(await b.ok('threads.list', {})).toEqual([]);
  });
});

describe('hostile or malformed imports are refused whole', () => {
  let valid: ReturnType<typeof jsonOf>;
  beforeEach(async () => {
    await seed();
    valid = jsonOf(await a.ok('export.threads', { format: 'json' }));
  });

  async function refused(file: unknown, reason: string) {
    const text = typeof file === 'string' ? file : JSON.stringify(file);
    const r = await b.call('import.threads', { text });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.reason).toBe(reason);
      expect(r.error.message).toMatch(/^Nothing was imported/);
    }
    expect(await b.ok('threads.list', {})).toEqual([]);
  }
  const copy = () => structuredClone(valid);
  const att = (f: typeof valid) => f.attachments[0]!;

  it('not JSON', () => refused('{"format": "yibu-chat-export", ', 'import_json'));
  it('another schema version', () => refused({ ...copy(), version: 2 }, 'import_version'));
  it('not our format at all', () => refused({ messages: [] }, 'import_version'));
  it('a field of the wrong type', async () => {
    const f = copy();
    f.threads[0]!.messages[0]!.createdAt = 'yesterday';
    await refused(f, 'import_schema');
  });
  for (const name of ['../../../.ssh/authorized_keys', '/etc/passwd', '..\\..\\evil.dll', 'C:evil.png', 'a/b.png', '..']) {
    it(`path traversal in an attachment name: ${name}`, async () => {
      const f = copy();
      att(f).name = name;
      await refused(f, 'import_path');
    });
  }
  it('a size that does not match the bytes', async () => {
    const f = copy();
    att(f).size = (att(f).size as number) - 1;
    await refused(f, 'import_size');
  });
  it('a 1 GB claimed size (refused before decoding)', async () => {
    const f = copy();
    att(f).size = 1024 * 1024 * 1024;
    await refused(f, 'import_too_large');
  });
  it('bad base64', async () => {
    const f = copy();
    const data = att(f).data as string;
    att(f).data = `${data.slice(0, 8)}*!#${data.slice(11)}`;
    await refused(f, 'import_base64');
  });
  it('bytes that are not what the id says', async () => {
    const f = copy();
    const other = Buffer.alloc(att(f).size as number, 7);
    att(f).data = other.toString('base64');
    await refused(f, 'import_hash');
    expect(createHash('sha256').update(other).digest('hex')).not.toBe(att(f).id);
  });
  it('duplicate message ids (the second thread would clash with the first: nothing of either is stored)', async () => {
    const f = copy();
    const dup = f.threads[1]!.messages[0]!;
    f.threads[0]!.messages.push({ ...dup, threadId: (f.threads[0]!.thread as { id: string }).id });
    await refused(f, 'import_duplicate');
  });
  it('duplicate thread ids', async () => {
    const f = copy();
    f.threads.push(structuredClone(f.threads[0]!));
    await refused(f, 'import_duplicate');
  });
  it('duplicate attachment ids', async () => {
    const f = copy();
    f.attachments.push(structuredClone(att(f)));
    await refused(f, 'import_duplicate');
  });
  it('a message pointing at an attachment the file does not carry', async () => {
    const f = copy();
    f.attachments = [];
    await refused(f, 'import_missing_attachment');
  });
  it('a thread that is already in the app', async () => {
    await b.ok('import.threads', { text: JSON.stringify(valid) });
    const r = await b.call('import.threads', { text: JSON.stringify(valid) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe('import_exists');
    expect(await b.ok('threads.list', {})).toHaveLength(2);
  });
});
